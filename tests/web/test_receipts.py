"""A write sent again with the same idempotency key is the same write."""

from __future__ import annotations

import datetime as dt

import pytest

from backstride.core.errors import InputError
from backstride.core.history import Checkin
from backstride.web.coach import models as m
from backstride.web.coach import store
from backstride.web.coach.receipts import check_key, once
from tests.web.helpers import runner
from tests.web.test_concurrency import together

CHECKIN = Checkin(date=dt.date(2026, 11, 20), morning_pain=2)


def _write(user: object) -> tuple[int, dict[str, int]]:
    row = store.add_checkin(user, CHECKIN)  # type: ignore[arg-type]
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
