"""Login throttling: which address counts, and what failures lock (web form and API token)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import Client, RequestFactory, override_settings
from hypothesis import given
from hypothesis import strategies as st

from backstride.web.accounts.models import User
from backstride.web.accounts.throttle import client_address
from tests.web.helpers import PASSWORD

PROXY = "10.0.0.2"
WRONG = "not the password at all"


def address_of(forwarded: str | None, proxies: int, remote: str = PROXY) -> str | None:
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    with override_settings(TRUSTED_PROXIES=proxies):
        return client_address(RequestFactory().get("/", **extra))


# Which address counts


def test_without_trusted_proxies_the_forwarded_header_is_ignored() -> None:
    assert address_of("203.0.113.7", proxies=0) == PROXY


def test_behind_one_proxy_the_address_it_appended_counts_not_what_the_client_wrote() -> None:
    assert address_of("203.0.113.7", proxies=1) == "203.0.113.7"
    assert address_of("198.51.100.9, 203.0.113.7", proxies=1) == "203.0.113.7"
    assert address_of('"1.2.3.4, 203.0.113.7', proxies=1) == "203.0.113.7"


def test_behind_two_proxies_the_second_entry_from_the_right_counts() -> None:
    assert address_of("198.51.100.9, 203.0.113.7, 10.0.0.9", proxies=2) == "203.0.113.7"


@pytest.mark.parametrize("forwarded", [None, "", "not an address", "203.0.113.7"])
def test_a_header_the_proxies_did_not_write_falls_back_to_the_peer(forwarded: str | None) -> None:
    # Two proxies must leave two entries: one is a request that bypassed the first.
    assert address_of(forwarded, proxies=2) == PROXY


def test_a_port_is_dropped_and_ipv6_counts_by_its_64_bit_network() -> None:
    assert address_of("203.0.113.7:51000", proxies=1) == "203.0.113.7"
    assert address_of("[2001:db8:1:2::99]:443", proxies=1) == "2001:db8:1:2::"
    assert address_of("2001:db8:1:2:aaaa::1", proxies=1) == "2001:db8:1:2::"
    assert address_of("::ffff:203.0.113.7", proxies=1) == "203.0.113.7"
    assert address_of(None, proxies=0, remote="2001:db8:1:2::5") == "2001:db8:1:2::"


@given(st.lists(st.text(max_size=20), max_size=5), st.integers(0, 2**32 - 1))
def test_nothing_the_client_writes_changes_the_address_behind_one_proxy(
    written: list[str], number: int
) -> None:
    real = f"203.0.{number % 256}.{number // 256 % 256}"
    forwarded = ", ".join([*written, real])
    assert address_of(forwarded, proxies=1) == real


# What locks


def token(email: str, password: str, address: str) -> int:
    body = json.dumps({"email": email, "password": password})
    answer = Client().post(
        "/api/v1/auth/token", body, content_type="application/json", REMOTE_ADDR=address
    )
    return int(answer.status_code)


def web_login(email: str, password: str, address: str) -> int:
    answer = Client().post(
        "/accounts/login/", {"username": email, "password": password}, REMOTE_ADDR=address
    )
    return int(answer.status_code)


database = pytest.mark.django_db


@database
def test_failures_from_many_addresses_never_lock_the_runner_out_at_their_own() -> None:
    User.objects.create_user(email="victim@example.com", password=PASSWORD)
    for n in range(1, 11):
        for _ in range(6):
            token("victim@example.com", WRONG, f"198.51.100.{n}")
        assert token("victim@example.com", PASSWORD, f"198.51.100.{n}") == 429
    assert token("victim@example.com", PASSWORD, "203.0.113.7") == 200
    assert web_login("victim@example.com", PASSWORD, "203.0.113.7") == 302


@database
def test_twenty_failures_over_many_emails_lock_the_address_for_everyone_on_it() -> None:
    User.objects.create_user(email="runner@example.com", password=PASSWORD)
    sprayer = "198.51.100.66"
    answers = [token(f"guess{n}@example.com", WRONG, sprayer) for n in range(19)]
    assert answers == [401] * 19
    assert token("runner@example.com", PASSWORD, sprayer) == 200
    assert web_login("guess19@example.com", WRONG, sprayer) == 429
    assert token("runner@example.com", PASSWORD, sprayer) == 429
    assert token("guess0@example.com", WRONG, "203.0.113.7") == 401
    assert token("runner@example.com", PASSWORD, "203.0.113.7") == 200


@database
def test_a_runner_who_locks_themselves_out_does_not_lock_their_shared_address() -> None:
    User.objects.create_user(email="typo@example.com", password=PASSWORD)
    User.objects.create_user(email="housemate@example.com", password=PASSWORD)
    home = "203.0.113.50"
    answers = [web_login("typo@example.com", WRONG, home) for _ in range(30)]
    assert answers == [400] * 4 + [429] * 26
    assert web_login("typo@example.com", PASSWORD, home) == 429
    assert web_login("housemate@example.com", PASSWORD, home) == 302


@database
def test_logging_in_to_ones_own_account_does_not_clear_the_addresses_failures() -> None:
    User.objects.create_user(email="sprayer@example.com", password=PASSWORD)
    sprayer = "198.51.100.77"
    for _ in range(4):
        token("sprayer@example.com", WRONG, sprayer)
    for n in range(15):
        token(f"guess{n}@example.com", WRONG, sprayer)
    assert web_login("sprayer@example.com", PASSWORD, sprayer) == 302
    # The login cleared its own four failures only: fifteen against others remain.
    answers = [token(f"more{n}@example.com", WRONG, sprayer) for n in range(5)]
    assert answers == [401] * 4 + [429]


def minutes_pass(minutes: int) -> None:
    """As if the failures so far were that many minutes older."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - dt.timedelta(minutes=minutes))


@database
def test_a_pair_and_an_address_are_locked_for_fifteen_minutes_after_the_last_failure() -> None:
    User.objects.create_user(email="runner@example.com", password=PASSWORD)
    for _ in range(5):
        token("runner@example.com", WRONG, "198.51.100.5")
    for n in range(20):
        token(f"guess{n}@example.com", WRONG, "198.51.100.6")
    minutes_pass(10)
    assert token("runner@example.com", PASSWORD, "198.51.100.5") == 429
    assert token("runner@example.com", PASSWORD, "198.51.100.6") == 429
    minutes_pass(6)
    assert token("runner@example.com", PASSWORD, "198.51.100.5") == 200
    assert token("runner@example.com", PASSWORD, "198.51.100.6") == 200
