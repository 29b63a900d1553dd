"""Accounts: sign-up, log-in throttling, password change, deletion, export and import."""

from __future__ import annotations

import json
from typing import Any

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from backstride.web.accounts.models import ApiToken, User
from backstride.web.coach import models as m
from backstride.web.coach import selectors, services
from tests.factories import checkin, day, run, session, sets
from tests.web.helpers import PASSWORD, runner

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "quiet hills at dawn 31"


def sign_up(client: Client, email: str = "new@example.com", password: str = PASSWORD) -> Any:
    return client.post("/accounts/signup/", {"email": email, "password": password})


def log_in(client: Client, email: str, password: str) -> Any:
    return client.post("/accounts/login/", {"username": email, "password": password})


def api(path: str, body: dict[str, Any], token: str | None = None) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return Client().post(path, json.dumps(body), content_type="application/json", **headers)


def api_works(token: str) -> bool:
    answer = Client().get("/api/v1/me/profile", HTTP_AUTHORIZATION=f"Bearer {token}")
    return bool(answer.status_code == 200)


def with_history(user: User) -> None:
    services.add_session(user=user, session=session(day(-2), sets("superman", 10)))
    services.add_checkin(user=user, checkin=checkin(day(-1), 2))
    services.add_run(user=user, run=run(day(-1), 5.0, during=2, after=1))


def upload(client: Client, content: bytes, name: str = "backstride-export.json") -> Any:
    return client.post("/accounts/import/", {"file": SimpleUploadedFile(name, content)})


def row_counts(user: User) -> dict[str, int]:
    return {
        "profile": m.RunnerProfile.objects.filter(user=user).count(),
        "sessions": m.TrainingSession.objects.filter(user=user).count(),
        "sets": m.SetEntry.objects.filter(session__user=user).count(),
        "checkins": m.Checkin.objects.filter(user=user).count(),
        "runs": m.Run.objects.filter(user=user).count(),
    }


# Sign-up


def test_signing_up_logs_the_runner_in_and_starts_the_check_in() -> None:
    client = Client()
    response = sign_up(client, email=" New@Example.com ")
    assert response.status_code == 302 and response["Location"] == "/check-in/"
    assert User.objects.filter(email="new@example.com").count() == 1
    assert client.get("/accounts/").status_code == 200


def test_signup_with_a_bad_email_is_refused_naming_the_field() -> None:
    response = sign_up(Client(), email="not-an-email")
    assert response.status_code == 400
    assert "Email: is not a valid email address" in response.content.decode()
    assert not User.objects.exists()


def test_signup_with_a_weak_password_is_refused_naming_the_field() -> None:
    response = sign_up(Client(), password="12345678")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Password: This password is too common." in page
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        (" " * 8, "This password is only spaces."),
        ("\u3000" * 12, "This password is only spaces."),
        ("\x00" * 10, "control character"),
        ("a calm long\tpassphrase", "This password holds a control character"),
        ("a calm long\npassphrase", "This password holds a control character"),
    ],
)
def test_a_password_of_spaces_or_with_control_characters_is_refused_on_the_web_and_api(
    password: str, message: str
) -> None:
    web = sign_up(Client(), password=password)
    assert web.status_code == 400
    if "\x00" not in password:  # the form field itself refuses a NUL, in its own words
        assert message in web.content.decode()
    answer = api("/api/v1/auth/signup", {"email": "api@example.com", "password": password})
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["field"] == "password"
    assert message in answer.json()["detail"][0]["message"]
    assert not User.objects.exists()


def test_a_password_with_inner_spaces_and_punctuation_is_fine() -> None:
    assert sign_up(Client(), password="  a calm, long passphrase!  ").status_code == 302


def test_a_nul_in_the_email_at_the_token_endpoint_is_bad_input_not_a_crash() -> None:
    User.objects.create_user(email="runner@example.com", password=PASSWORD)
    answer = api("/api/v1/auth/token", {"email": "runner\x00@example.com", "password": PASSWORD})
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["field"] == "email"
    assert not AccessAttempt.objects.exists()


def test_signup_with_a_taken_email_is_refused_and_makes_no_second_user() -> None:
    sign_up(Client())
    response = sign_up(Client(), email="NEW@example.com")
    assert response.status_code == 400
    assert "an account with this email already exists" in response.content.decode()
    assert User.objects.count() == 1


# Log in and out


def test_logging_in_with_the_right_password_opens_the_plan() -> None:
    User.objects.create_user(email="runner@example.com", password=PASSWORD)
    client = Client()
    response = log_in(client, "Runner@Example.com", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/plan/"
    assert client.get("/accounts/").status_code == 200


def test_a_wrong_password_is_refused_with_a_plain_message() -> None:
    User.objects.create_user(email="runner@example.com", password=PASSWORD)
    client = Client()
    response = log_in(client, "runner@example.com", "not the password")
    assert response.status_code == 400
    assert "do not match an account" in response.content.decode()
    assert client.get("/accounts/")["Location"].startswith("/accounts/login/")


def test_after_five_wrong_passwords_the_sixth_attempt_is_locked_even_if_right() -> None:
    User.objects.create_user(email="runner@example.com", password=PASSWORD)
    client = Client()
    for _ in range(4):
        assert log_in(client, "runner@example.com", "a wrong guess").status_code == 400
    log_in(client, "runner@example.com", "a wrong guess")
    locked = log_in(client, "runner@example.com", PASSWORD)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Logging in is paused" in page and "15 minutes" in page
    assert client.get("/accounts/")["Location"].startswith("/accounts/login/")


def test_logging_out_needs_a_post() -> None:
    client, _ = runner()
    assert client.get("/accounts/logout/").status_code == 405
    assert client.get("/accounts/").status_code == 200
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/accounts/")["Location"].startswith("/accounts/login/")


def test_web_logout_ends_the_browser_session_only_and_api_tokens_stay_signed_in() -> None:
    client, user = runner()
    token = ApiToken.issue(user)
    client.post("/accounts/logout/")
    assert client.get("/accounts/")["Location"].startswith("/accounts/login/")
    assert api_works(token)


def test_the_account_page_lists_api_tokens_and_signs_out_all_of_them() -> None:
    client, user = runner()
    mine = [ApiToken.issue(user), ApiToken.issue(user)]
    _, other = runner()
    theirs = ApiToken.issue(other)
    page = client.get("/accounts/").content.decode()
    assert page.count(", until ") == 2 and "Sign out all API tokens" in page
    assert client.get("/accounts/tokens/sign-out/").status_code == 405
    response = client.post("/accounts/tokens/sign-out/")
    assert response.status_code == 302 and response["Location"] == "/accounts/"
    page = client.get("/accounts/").content.decode()
    assert "2 API token(s) were signed out." in page
    assert "No app is signed in with a token." in page
    assert not any(api_works(token) for token in mine)
    assert api_works(theirs)
    assert client.get("/accounts/").status_code == 200


def test_the_account_page_shows_the_email_and_the_ways_to_leave_with_your_data() -> None:
    client, user = runner()
    page = client.get("/accounts/").content.decode()
    assert user.email in page
    for url in (
        "/accounts/password/",
        "/accounts/export/",
        "/accounts/import/",
        "/accounts/delete/",
    ):
        assert f'href="{url}"' in page


# Password and deletion


def test_changing_the_password_keeps_the_runner_logged_in() -> None:
    client, user = runner()
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/"
    assert client.get("/accounts/").status_code == 200
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_changing_the_password_signs_out_every_api_token() -> None:
    client, user = runner()
    token = ApiToken.issue(user)
    client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert "1 API token(s) were signed out." in client.get("/accounts/").content.decode()
    answer = Client().get("/api/v1/me/profile", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert answer.status_code == 401


def test_a_new_password_of_only_spaces_is_refused_and_the_old_one_kept() -> None:
    client, user = runner()
    spaces = " " * 12
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": spaces, "new_password2": spaces},
    )
    assert response.status_code == 400
    assert "This password is only spaces." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_wrong_old_password_changes_nothing() -> None:
    client, user = runner()
    response = client.post(
        "/accounts/password/",
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_deleting_the_account_removes_the_user_and_every_row_of_theirs() -> None:
    client, user = runner()
    _, other = runner()
    with_history(user)
    with_history(other)
    assert row_counts(user) == {"profile": 1, "sessions": 1, "sets": 3, "checkins": 1, "runs": 1}
    assert client.get("/accounts/delete/").status_code == 200
    response = client.post("/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert not User.objects.filter(id=user.id).exists()
    assert row_counts(user) == {"profile": 0, "sessions": 0, "sets": 0, "checkins": 0, "runs": 0}
    assert row_counts(other)["sets"] == 3
    assert client.get("/accounts/")["Location"].startswith("/accounts/login/")


@override_settings(AXES_ENABLE_ACCESS_FAILURE_LOG=True)
def test_deleting_the_account_forgets_its_login_attempts_and_addresses() -> None:
    for email in ("leaving@example.com", "staying@example.com"):
        User.objects.create_user(email=email, password=PASSWORD)
        log_in(Client(REMOTE_ADDR="198.51.100.3"), email, "a wrong guess")
    client = Client(REMOTE_ADDR="203.0.113.4")
    log_in(client, "Leaving@Example.com", PASSWORD)
    logs = (AccessAttempt, AccessLog, AccessFailureLog)
    assert [log.objects.filter(username="leaving@example.com").count() for log in logs] == [1, 1, 1]
    client.post("/accounts/delete/", {"password": PASSWORD})
    assert not any(log.objects.filter(username__icontains="leaving").exists() for log in logs)
    assert not AccessLog.objects.filter(ip_address="203.0.113.4").exists()
    assert AccessAttempt.objects.filter(username="staying@example.com").count() == 1


def test_deleting_with_a_wrong_password_deletes_nothing() -> None:
    client, user = runner()
    with_history(user)
    response = client.post("/accounts/delete/", {"password": "not mine"})
    assert response.status_code == 400
    assert "That is not your password" in response.content.decode()
    assert row_counts(user)["sets"] == 3


# Export and import


def test_export_downloads_all_the_runners_data_as_json() -> None:
    client, user = runner()
    with_history(user)
    response = client.get("/accounts/export/")
    assert response.status_code == 200
    assert 'filename="backstride-export.json"' in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["schema_version"] == 1
    assert data["profile"]["age"] == 35
    assert data["history"]["checkins"] == [
        {"date": day(-1).isoformat(), "morning_pain": 2, "red_flags": []}
    ]
    assert len(data["history"]["sessions"][0]["sets"]) == 3
    assert data["history"]["runs"][0]["km"] == 5.0


def test_importing_an_export_adds_the_history_and_says_how_much() -> None:
    source, user = runner()
    with_history(user)
    exported = source.get("/accounts/export/").content
    client, other = runner(with_profile=False)
    response = upload(client, exported)
    assert response.status_code == 302 and response["Location"] == "/history/"
    page = client.get("/history/").content.decode()
    assert "Imported: 1 sessions, 1 check-ins, 1 runs" in page
    assert selectors.export(other) == selectors.export(user)
    again = upload(client, exported)
    assert again.status_code == 302
    assert "Imported: 0 sessions, 0 check-ins, 0 runs" in client.get("/history/").content.decode()


def rejected(content: bytes) -> tuple[str, dict[str, int]]:
    client, user = runner(with_profile=False)
    response = upload(client, content)
    assert response.status_code == 400
    return response.content.decode(), row_counts(user)


NOTHING = {"profile": 0, "sessions": 0, "sets": 0, "checkins": 0, "runs": 0}


def test_a_file_that_is_not_json_is_refused_and_nothing_is_stored() -> None:
    page, counts = rejected(b"date,km\n2026-11-20,5\n")
    assert "file: is not valid JSON" in page and "Nothing was imported" in page
    assert counts == NOTHING


def test_an_empty_file_is_refused() -> None:
    page, counts = rejected(b"")
    assert "file: is empty" in page
    assert counts == NOTHING


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"[1, 2]", "file: must be a JSON object"),
        (b'{"history": {"run": []}}', "history.run: is not a known field"),
        (b'{"schema_version": 2}', "schema_version: must be one of 1"),
        (b"[" * 100_000, "file: is too deeply nested or holds a number too long"),
        (b'{"schema_version": ' + b"1" * 5000 + b"}", "file: is too deeply nested or holds a"),
    ],
)
def test_a_file_of_the_wrong_shape_is_refused_naming_the_field(
    content: bytes, message: str
) -> None:
    page, counts = rejected(content)
    assert message in page
    assert counts == NOTHING


def test_an_out_of_range_value_is_refused_and_nothing_else_in_the_file_is_stored() -> None:
    bad = {
        "schema_version": 1,
        "history": {
            "sessions": [session(day(-2), sets("superman", 10)).model_dump(mode="json")],
            "checkins": [{"date": day(-1).isoformat(), "morning_pain": 11}],
        },
    }
    page, counts = rejected(json.dumps(bad).encode())
    assert "history.checkins[0].morning_pain: must be at most 10, got 11" in page
    assert counts == NOTHING


def test_a_file_over_five_megabytes_is_refused() -> None:
    page, counts = rejected(b"{" + b" " * (5 * 1024 * 1024) + b"}")
    assert "file: is larger than 5 MB" in page
    assert counts == NOTHING


# Access


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/",
        "/accounts/password/",
        "/accounts/delete/",
        "/accounts/export/",
        "/accounts/import/",
        "/accounts/tokens/sign-out/",
    ],
)
def test_anonymous_visitors_are_sent_to_log_in(url: str) -> None:
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_account_forms_refuse_a_post_without_the_csrf_token() -> None:
    client = Client(enforce_csrf_checks=True)
    assert "csrfmiddlewaretoken" in client.get("/accounts/signup/").content.decode()
    assert sign_up(client).status_code == 403
    assert not User.objects.exists()
