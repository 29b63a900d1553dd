"""Password reset: Django's own flow with our pages and email, only where email is set up,
never telling whether an account exists, and a link that works exactly once."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail
from django.core.cache import caches
from django.test import Client, override_settings
from typer.testing import CliRunner

from backstride.cli.main import app
from backstride.web.accounts import reset
from backstride.web.accounts.models import ApiToken, User
from tests.web.helpers import PASSWORD, runner

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "quiet hills at dawn 31"
FORGOT = "/accounts/password/forgot/"
WITH_EMAIL = override_settings(
    EMAIL_CONFIGURED=True,
    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    DEFAULT_FROM_EMAIL="backstride <coach@example.com>",
    SITE_URL="",
)
LINK = re.compile(r"(https?://\S+/accounts/password/reset/\S+/\S+/)")


@pytest.fixture(autouse=True)
def _fresh_counts() -> Iterator[None]:
    caches["throttle"].clear()
    yield
    caches["throttle"].clear()


def ask_for_a_link(email: str, client: Client | None = None) -> Any:
    response = (client or Client()).post(FORGOT, {"email": email})
    reset.wait_for_sending()
    return response


def link_in(message: Any) -> str:
    found = LINK.search(message.body)
    assert found, message.body
    return found.group(1)


def set_new_password(link: str, password: str = NEW_PASSWORD) -> tuple[Client, Any]:
    """Follow the link as a browser does, then choose the password; the last answer."""
    client = Client()
    page = client.get(link, follow=True)
    if "new_password1" not in page.content.decode():
        return client, page
    form_url = page.redirect_chain[-1][0]
    data = {"new_password1": password, "new_password2": password}
    return client, client.post(form_url, data)


def logs_in(email: str, password: str) -> bool:
    return User.objects.get(email=email).check_password(password)


@WITH_EMAIL
def test_a_reset_email_carries_a_link_that_sets_a_new_password() -> None:
    _, user = runner()
    response = ask_for_a_link(user.email.upper())
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/forgot/sent/"
    [message] = mail.outbox
    assert message.to == [user.email]
    assert message.subject == "Set a new backstride password"
    assert message.content_subtype == "plain" and not getattr(message, "alternatives", [])
    assert "works once, within a day" in message.body
    link = link_in(message)
    assert link.startswith("http://testserver/accounts/password/reset/")
    client, answer = set_new_password(link)
    assert answer.status_code == 302 and answer["Location"] == "/accounts/password/reset/done/"
    assert "You are logged in" in client.get(answer["Location"]).content.decode()
    assert logs_in(user.email, NEW_PASSWORD) and not logs_in(user.email, PASSWORD)


@WITH_EMAIL
def test_the_link_works_once() -> None:
    _, user = runner()
    ask_for_a_link(user.email)
    link = link_in(mail.outbox[0])
    set_new_password(link)
    _, again = set_new_password(link, "another long phrase 88")
    assert "This link no longer works" in again.content.decode()
    assert logs_in(user.email, NEW_PASSWORD)


@WITH_EMAIL
def test_an_unknown_email_gets_the_same_answer_and_nothing_is_sent() -> None:
    _, user = runner()
    known = ask_for_a_link(user.email)
    mail.outbox.clear()
    unknown = ask_for_a_link("nobody@example.com")
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert mail.outbox == []
    sent = Client().get(unknown["Location"]).content.decode()
    assert "If that email has an account here" in sent


@WITH_EMAIL
def test_a_site_url_is_the_start_of_the_link() -> None:
    _, user = runner()
    with override_settings(SITE_URL="https://coach.example.com"):
        ask_for_a_link(user.email)
    assert link_in(mail.outbox[0]).startswith("https://coach.example.com/accounts/password/")


@WITH_EMAIL
def test_a_bad_email_is_named_and_nothing_is_sent() -> None:
    response = ask_for_a_link("not an email")
    assert response.status_code == 400
    assert "does not look like an email address" in response.content.decode()
    assert mail.outbox == []


@WITH_EMAIL
def test_a_new_password_that_is_too_weak_is_refused_and_the_link_still_works() -> None:
    _, user = runner()
    ask_for_a_link(user.email)
    link = link_in(mail.outbox[0])
    _, weak = set_new_password(link, "12345678")
    assert weak.status_code == 400
    assert "Please check:" in weak.content.decode()
    assert logs_in(user.email, PASSWORD)
    _, answer = set_new_password(link)
    assert answer.status_code == 302 and logs_in(user.email, NEW_PASSWORD)


@WITH_EMAIL
def test_a_reset_signs_out_the_api_tokens() -> None:
    _, user = runner()
    ApiToken.issue(user)
    ask_for_a_link(user.email)
    set_new_password(link_in(mail.outbox[0]))
    assert not ApiToken.objects.filter(user=user).exists()


@WITH_EMAIL
def test_one_email_gets_at_most_three_links_a_quarter_hour_and_the_answer_never_changes() -> None:
    _, user = runner()
    answers = [ask_for_a_link(user.email) for _ in range(5)]
    assert {(a.status_code, a["Location"]) for a in answers} == {(302, answers[0]["Location"])}
    assert len(mail.outbox) == 3


@WITH_EMAIL
def test_many_requests_from_one_address_are_paused() -> None:
    client = Client()
    for n in range(10):
        assert ask_for_a_link(f"someone{n}@example.com", client).status_code == 302
    paused = ask_for_a_link("one-more@example.com", client)
    assert paused.status_code == 429
    assert "Reset requests are paused" in paused.content.decode()


@WITH_EMAIL
def test_the_login_page_offers_the_reset_when_email_is_set_up() -> None:
    page = Client().get("/accounts/login/").content.decode()
    assert f'href="{FORGOT}"' in page and "Forgot your password?" in page


@override_settings(EMAIL_CONFIGURED=False)
def test_without_email_the_login_page_has_no_reset_link() -> None:
    page = Client().get("/accounts/login/").content.decode()
    assert FORGOT not in page
    assert "ask whoever runs it" in page


@override_settings(EMAIL_CONFIGURED=False)
def test_without_email_the_reset_page_names_the_command_and_sends_nothing() -> None:
    _, user = runner()
    page = Client().get(FORGOT).content.decode()
    assert "backstride users reset-password YOUR-EMAIL" in page
    assert 'name="email"' not in page
    posted = ask_for_a_link(user.email)
    assert posted.status_code == 400 and mail.outbox == []


def test_the_link_the_command_prints_resets_the_password_once() -> None:
    _, user = runner()
    result = CliRunner().invoke(app, ["users", "reset-password", user.email])
    assert result.exit_code == 0, result.output
    link = result.stdout.strip()
    assert link.startswith("http://127.0.0.1:8000/accounts/password/reset/")
    path = link.removeprefix("http://127.0.0.1:8000")
    _, answer = set_new_password(path)
    assert answer.status_code == 302
    assert logs_in(user.email, NEW_PASSWORD)
    _, again = set_new_password(path, "another long phrase 88")
    assert "This link no longer works" in again.content.decode()
    assert User.objects.get(pk=user.pk).check_password(NEW_PASSWORD)
