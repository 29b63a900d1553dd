"""A write sent again with the same idempotency key is the same write."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from backstride.core.errors import InputError
from backstride.core.history import Checkin
from backstride.web.accounts.models import ApiToken
from backstride.web.coach import models as m
from backstride.web.coach import services
from backstride.web.coach.receipts import check_key, once
from tests.web.helpers import runner
from tests.web.test_concurrency import together

SET_BODY = {"exercise": "superman", "reps": 8, "pain": 1, "form": "good"}
CHECKIN = Checkin(date=dt.date(2026, 11, 20), morning_pain=2)


def _write(user: object) -> tuple[int, dict[str, int]]:
    row = services.add_checkin(user=user, checkin=CHECKIN)  # type: ignore[arg-type]
    return 201, {"id": row.id}


@pytest.mark.django_db
def test_a_repeated_key_answers_as_the_first_and_stores_nothing_more() -> None:
    _, user = runner()
    first = once(user, "k-1", lambda: _write(user))
    again = once(user, "k-1", lambda: _write(user))
    assert first == again and first[0] == 201
    assert m.Checkin.objects.filter(user=user).count() == 1
    once(user, "k-2", lambda: _write(user))
    assert m.Checkin.objects.filter(user=user).count() == 2


@pytest.mark.django_db
def test_keys_belong_to_one_runner() -> None:
    _, ana = runner()
    _, ben = runner()
    once(ana, "same", lambda: _write(ana))
    once(ben, "same", lambda: _write(ben))
    assert m.Checkin.objects.filter(user=ben).count() == 1


@pytest.mark.django_db(transaction=True)
def test_eight_sends_of_one_key_at_once_store_one_write() -> None:
    _, user = runner()
    results, errors = together(8, lambda _: once(user, "burst", lambda: _write(user)))
    assert errors == [] and len({str(r) for r in results}) == 1
    assert m.Checkin.objects.filter(user=user).count() == 1


@pytest.mark.parametrize("key", ["", "x" * 201, "with space", "naïve", "a\x00b"])
def test_a_bad_key_is_refused_by_name(key: str) -> None:
    with pytest.raises(InputError, match="Idempotency-Key"):
        check_key(key)


def _post(token: str, path: str, body: dict[str, object], key: str | None) -> Any:
    headers = {"Authorization": f"Bearer {token}"}
    if key is not None:
        headers["Idempotency-Key"] = key
    return Client().post(path, json.dumps(body), content_type="application/json", headers=headers)


CHECKIN_BODY = {"date": "2026-11-20", "morning_pain": 2}
RUN_BODY = {"date": "2026-11-20", "km": 5, "minutes": 30}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "body", "model", "without_key"),
    [
        # Without a key the same check-in or run is a new write, which asks first (409).
        ("/api/v1/me/checkins", CHECKIN_BODY, m.Checkin, (409, 1)),
        ("/api/v1/me/runs", RUN_BODY, m.Run, (409, 1)),
        (
            "/api/v1/me/sessions",
            {"date": "2026-11-20", "sets": [SET_BODY]},
            m.TrainingSession,
            (201, 2),
        ),
    ],
)
def test_the_api_answers_a_resent_key_as_the_first_write(
    path: str, body: dict[str, object], model: Any, without_key: tuple[int, int]
) -> None:
    _, user = runner()
    token = ApiToken.issue(user)
    first = _post(token, path, body, "6f1c-key")
    again = _post(token, path, body, "6f1c-key")
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert model.objects.filter(user=user).count() == 1
    status, stored = without_key
    assert _post(token, path, body, None).status_code == status
    assert model.objects.filter(user=user).count() == stored


@pytest.mark.django_db
def test_the_api_refuses_a_bad_key_and_stores_nothing() -> None:
    _, user = runner()
    answer = _post(ApiToken.issue(user), "/api/v1/me/checkins", CHECKIN_BODY, "has space")
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["field"] == "Idempotency-Key"
    assert not m.Checkin.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_an_import_resent_with_its_key_answers_the_same_counts() -> None:
    _, user = runner()
    token = ApiToken.issue(user)
    export = {"schema_version": 1, "history": {"checkins": [CHECKIN_BODY]}}
    first = _post(token, "/api/v1/me/import", export, "import-1")
    assert first.json() == {"added": {"sessions": 0, "checkins": 1, "runs": 0}}
    assert _post(token, "/api/v1/me/import", export, "import-1").json() == first.json()
