"""BACKSTRIDE_EMAIL_URL, _FROM and BACKSTRIDE_SITE_URL: read strictly, refused with a
message naming the setting, and without them no email is ever sent."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from backstride.web import config
from backstride.web.email_url import CONSOLE, SMTP, EmailUrlError, email_settings

READ = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({k: getattr(s, k, None) for k in ("
    "'EMAIL_CONFIGURED', 'EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_USE_TLS', "
    "'DEFAULT_FROM_EMAIL', 'SITE_URL')}))"
)
NAMES = ("BACKSTRIDE_EMAIL_URL", "BACKSTRIDE_EMAIL_FROM", "BACKSTRIDE_SITE_URL", "DATABASE_URL")


def start(tmp_path: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in NAMES}
    env.update(BACKSTRIDE_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="backstride.web.settings")
    env.update(variables)
    return subprocess.run([sys.executable, "-c", READ], env=env, capture_output=True, text=True)


def test_smtp_with_starttls() -> None:
    found = email_settings("smtp://coach%40example.com:p%40ss@mail.example.com:587/?tls=true")
    assert found == {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": "mail.example.com",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "coach@example.com",
        "EMAIL_HOST_PASSWORD": "p@ss",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 20,
    }


def test_smtps_is_implicit_tls_on_465_and_console_prints() -> None:
    found = email_settings("smtps://user:pw@mail.example.com?timeout=5")
    assert (found["EMAIL_PORT"], found["EMAIL_USE_SSL"], found["EMAIL_USE_TLS"]) == (
        465,
        True,
        False,
    )
    assert found["EMAIL_TIMEOUT"] == 5
    assert email_settings("console://") == {"EMAIL_BACKEND": CONSOLE}


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://mail.example.com", "must look like smtp://"),
        ("smtp://user:pw@mail.example.com/?tls=yes", "option tls must be true or false"),
        ("smtp://user:pw@mail.example.com/?ssl=true", "unknown option 'ssl'"),
        ("smtp://user:pw@:587", "names no mail server"),
        ("smtp://user:pw@mail.example.com:99999", "port that is not a number"),
        ("smtps://user:pw@mail.example.com/?tls=true", "already TLS"),
        ("smtp://mail.example.com/?timeout=0", "timeout must be whole seconds"),
    ],
)
def test_a_bad_email_url_is_refused_saying_why(url: str, message: str) -> None:
    with pytest.raises(EmailUrlError, match=message) as caught:
        email_settings(url)
    assert "pw" not in str(caught.value)


def test_without_an_email_url_nothing_is_sent(tmp_path: Path) -> None:
    done = start(tmp_path)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["EMAIL_CONFIGURED"] is False
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.dummy.EmailBackend"


def test_an_email_url_configures_django_and_mail_comes_from_its_login(tmp_path: Path) -> None:
    done = start(
        tmp_path,
        BACKSTRIDE_EMAIL_URL="smtp://coach@example.com:pw@mail.example.com:587/?tls=true",
        BACKSTRIDE_SITE_URL="https://coach.example.com/",
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["EMAIL_CONFIGURED"] is True and found["EMAIL_BACKEND"] == SMTP
    assert (found["EMAIL_HOST"], found["EMAIL_PORT"], found["EMAIL_USE_TLS"]) == (
        "mail.example.com",
        587,
        True,
    )
    assert found["DEFAULT_FROM_EMAIL"] == "coach@example.com"
    assert found["SITE_URL"] == "https://coach.example.com"


def test_a_bad_email_url_stops_the_start_naming_the_setting(tmp_path: Path) -> None:
    done = start(tmp_path, BACKSTRIDE_EMAIL_URL="smtp://mail.example.com/?tls=maybe")
    assert done.returncode != 0
    assert "BACKSTRIDE_EMAIL_URL option tls must be true or false" in done.stderr


def test_a_server_login_that_is_no_address_needs_a_sender(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKSTRIDE_EMAIL_URL", "smtp://apikey:secret@mail.example.com:587")
    monkeypatch.delenv("BACKSTRIDE_EMAIL_FROM", raising=False)
    with pytest.raises(config.ConfigError, match="needs BACKSTRIDE_EMAIL_FROM"):
        config.email()
    monkeypatch.setenv("BACKSTRIDE_EMAIL_FROM", "backstride <coach@example.com>")
    assert config.email()[1] == "backstride <coach@example.com>"


@pytest.mark.parametrize("raw", ["coach.example.com", "https://coach.example.com/?x=1", "ftp://a"])
def test_a_bad_site_url_is_refused(raw: str) -> None:
    with pytest.raises(config.ConfigError, match="BACKSTRIDE_SITE_URL must look like"):
        config.site_url(raw)
