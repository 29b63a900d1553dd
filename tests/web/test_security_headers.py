"""Headers on every answer: the runner's own pages and API answers are never stored, and
device features the app does not use are off."""

from __future__ import annotations

import pytest
from django.test import Client

from backstride.web.accounts.models import ApiToken
from tests.web.helpers import runner

pytestmark = pytest.mark.django_db


def no_store(response: object) -> bool:
    return "no-store" in response.get("Cache-Control", "")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "url",
    ["/plan/", "/history/", "/progress/chart/load.svg", "/accounts/", "/accounts/export/", "/"],
)
def test_a_logged_in_runners_pages_are_not_stored(url: str) -> None:
    client, _ = runner()
    response = client.get(url)
    assert response.status_code == 200
    assert no_store(response)


def test_a_chart_keeps_its_own_cache_rule_and_adds_no_store() -> None:
    client, _ = runner()
    rule = client.get("/progress/chart/load.svg")["Cache-Control"].split(", ")
    assert sorted(rule) == ["no-cache", "no-store", "private"]


def test_api_answers_to_a_bearer_token_are_not_stored() -> None:
    _, user = runner()
    token = ApiToken.issue(user)
    for path in ("/api/v1/me/profile", "/api/v1/me/plan", "/api/v1/me/export"):
        response = Client().get(path, HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 200 and no_store(response)


def test_public_pages_for_a_visitor_are_not_marked_private() -> None:
    for url in ("/", "/exercises/"):
        assert not no_store(Client().get(url))


def test_every_answer_turns_off_the_device_features_the_app_does_not_use() -> None:
    client, _ = runner()
    for response in (Client().get("/"), client.get("/plan/"), Client().get("/no-such-page/")):
        policy = response["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert f"{feature}=()" in policy
        # The guided session keeps the screen awake.
        assert "screen-wake-lock=(self)" in policy
        assert "script-src 'self'" in response["Content-Security-Policy"]
