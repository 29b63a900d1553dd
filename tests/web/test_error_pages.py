"""The error pages: in our own look, saying what happened in plain words, with a way back."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import Client, RequestFactory
from django.views import defaults

from backstride.web.coach import models as m
from tests.web.helpers import runner

pytestmark = pytest.mark.django_db


def page_of(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined]


def test_an_unknown_address_gets_our_not_found_page() -> None:
    client, _ = runner()
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = page_of(response)
    assert "There is nothing here" in page
    assert 'href="/"' in page and "Not a diagnosis." in page


def test_a_search_far_too_long_gets_our_page_not_a_bare_one() -> None:
    response = Client().get("/exercises/", {"q": "plank " * 850})  # about 5,000 characters
    assert response.status_code == 414
    page = page_of(response)
    assert "That address is too long" in page and "longer than 2,048 characters" in page
    assert 'href="/"' in page and "Not a diagnosis." in page


def test_a_long_address_under_the_api_gets_json() -> None:
    response = Client().get("/api/v1/me/plan", {"x": "a" * 3000})
    assert response.status_code == 414
    assert "longer than 2,048 characters" in response.json()["detail"]


def test_a_search_of_ordinary_length_is_still_answered() -> None:
    response = Client().get("/exercises/", {"q": "plank"})
    assert response.status_code == 200 and "plank" in page_of(response).lower()


def test_an_unknown_exercise_gets_our_not_found_page() -> None:
    response = Client().get("/exercises/no_such_exercise/")
    assert response.status_code == 404
    assert "There is nothing here" in page_of(response)


def test_an_expired_form_says_so_and_saves_nothing() -> None:
    _, user = runner()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post("/today/check-in/", {"date": "2026-11-20", "morning_pain": "2"})
    assert response.status_code == 403
    page = page_of(response)
    assert "That form has expired" in page and "Nothing was saved" in page
    assert not m.Checkin.objects.filter(user=user).exists()


def test_a_request_that_cannot_be_read_gets_our_page() -> None:
    request = RequestFactory().get("/")
    response = defaults.bad_request(request, SuspiciousOperation("odd request"))
    assert response.status_code == 400
    assert "That request could not be read" in page_of(response)


def test_a_server_fault_says_it_is_ours_and_points_to_a_doctor_for_warning_signs() -> None:
    response = defaults.server_error(RequestFactory().get("/plan/"))
    assert response.status_code == 500
    page = page_of(response)
    assert "This is a fault in backstride, not something you did." in page
    assert "see a doctor" in page


def test_the_error_pages_do_not_touch_the_database(django_assert_num_queries: object) -> None:
    """A 500 may come from the database itself; its page must render without it."""
    with django_assert_num_queries(0):  # type: ignore[operator]
        response = defaults.server_error(RequestFactory().get("/"))
    assert response.status_code == 500


def test_a_form_over_the_size_cap_says_so_and_saves_nothing(settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    client, user = runner()
    data = {"date": "2026-11-20", "morning_pain": "2", "padding": "x" * (2 * 1024 * 1024)}
    response = client.post("/today/check-in/", data)
    assert response.status_code == 413
    assert "What you sent is larger than 1 MB. Nothing was saved." in page_of(response)
    assert not m.Checkin.objects.filter(user=user).exists()


def test_every_page_carries_the_content_security_policy() -> None:
    client, _ = runner()
    for url in ("/", "/plan/", "/no-such-page/", "/api/v1/docs", "/healthz"):
        policy = client.get(url)["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
