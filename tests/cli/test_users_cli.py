"""`backstride users reset-password`: a one-time link for an install that sends no email,
against the test database (already migrated; the command's migrate is a no-op)."""

from __future__ import annotations

import pytest
from django.test import override_settings
from typer.testing import CliRunner

from backstride.cli.main import app
from tests.web.helpers import runner

pytestmark = pytest.mark.django_db
cli = CliRunner()
PREFIX = "/accounts/password/reset/"


def test_it_prints_one_link_on_the_default_address() -> None:
    _, user = runner()
    result = cli.invoke(app, ["users", "reset-password", user.email])
    assert result.exit_code == 0, result.output
    [link] = result.stdout.splitlines()
    assert link.startswith(f"http://127.0.0.1:8000{PREFIX}") and link.endswith("/")
    assert f"sets a new password for {user.email}" in result.stderr
    assert "works once, within 24 hours" in result.stderr


def test_the_email_is_found_whatever_its_case() -> None:
    _, user = runner()
    result = cli.invoke(app, ["users", "reset-password", f"  {user.email.upper()} "])
    assert result.exit_code == 0 and PREFIX in result.stdout


def test_the_base_url_option_and_the_configured_site_start_the_link() -> None:
    _, user = runner()
    given = cli.invoke(
        app, ["users", "reset-password", user.email, "--base-url", "https://coach.example.com/"]
    )
    assert given.stdout.startswith(f"https://coach.example.com{PREFIX}")
    with override_settings(SITE_URL="https://club.example.org"):
        configured = cli.invoke(app, ["users", "reset-password", user.email])
    assert configured.stdout.startswith(f"https://club.example.org{PREFIX}")


def test_an_unknown_email_exits_two_with_one_line() -> None:
    runner()
    result = cli.invoke(app, ["users", "reset-password", "nobody@example.com"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: EMAIL: no account with the email 'nobody@example.com' in this database\n"
    )


@pytest.mark.parametrize("base", ["ftp://example.com", "coach.example.com", "", "http://a b"])
def test_a_bad_base_url_exits_two_naming_the_option(base: str) -> None:
    _, user = runner()
    result = cli.invoke(app, ["users", "reset-password", user.email, "--base-url", base])
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ") and "--base-url" in line


def test_a_switched_off_account_gets_no_link() -> None:
    _, user = runner()
    user.is_active = False
    user.save()
    result = cli.invoke(app, ["users", "reset-password", user.email])
    assert result.exit_code == 2 and "is switched off" in result.stderr
