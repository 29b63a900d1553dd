"""Production settings: behind an HTTPS proxy (BACKSTRIDE_HTTPS=true) and on the laptop."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from backstride.web import config

READ = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({k: getattr(s, k, None) for k in ("
    "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', "
    "'TRUSTED_PROXIES', 'AXES_CLIENT_IP_CALLABLE')}))"
)


def start(tmp_path: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    """Load the settings in a fresh process with these environment variables."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "BACKSTRIDE_HTTPS", "BACKSTRIDE_TRUSTED_PROXIES")
    }
    env.update(BACKSTRIDE_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="backstride.web.settings")
    env.update(variables)
    return subprocess.run([sys.executable, "-c", READ], env=env, capture_output=True, text=True)


def settings_with(tmp_path: Path, **variables: str) -> dict[str, object]:
    done = start(tmp_path, **variables)
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


def test_behind_an_https_proxy_cookies_are_secure_and_the_proxies_are_counted(
    tmp_path: Path,
) -> None:
    found = settings_with(tmp_path, BACKSTRIDE_HTTPS="true", BACKSTRIDE_TRUSTED_PROXIES="1")
    assert found["SESSION_COOKIE_SECURE"] is True and found["CSRF_COOKIE_SECURE"] is True
    assert found["SECURE_HSTS_SECONDS"] == 31_536_000
    assert found["TRUSTED_PROXIES"] == 1
    assert found["AXES_CLIENT_IP_CALLABLE"] == "backstride.web.accounts.throttle.client_address"


def test_on_the_laptop_no_forwarded_header_is_trusted(tmp_path: Path) -> None:
    found = settings_with(tmp_path, BACKSTRIDE_HTTPS="false")
    assert found["SESSION_COOKIE_SECURE"] is False
    assert found["TRUSTED_PROXIES"] == 0


def test_https_without_saying_how_many_proxies_refuses_to_start(tmp_path: Path) -> None:
    done = start(tmp_path, BACKSTRIDE_HTTPS="true")
    assert done.returncode != 0
    assert "BACKSTRIDE_HTTPS=true needs BACKSTRIDE_TRUSTED_PROXIES" in done.stderr
    # Said explicitly, none is allowed: a proxy that does not forward the client's address.
    assert (
        settings_with(tmp_path, BACKSTRIDE_HTTPS="true", BACKSTRIDE_TRUSTED_PROXIES="0")[
            "TRUSTED_PROXIES"
        ]
        == 0
    )


@pytest.mark.parametrize("value", ["yes", "-1", "1.5", "6", "\uff11"])
def test_a_bad_number_of_trusted_proxies_is_refused_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("BACKSTRIDE_TRUSTED_PROXIES", value)
    with pytest.raises(config.ConfigError, match="BACKSTRIDE_TRUSTED_PROXIES must be a whole"):
        config.trusted_proxies(https=False)
