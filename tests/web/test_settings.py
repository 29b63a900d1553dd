"""Production settings: behind an HTTPS proxy (BACKSTRIDE_HTTPS=true) and on the laptop."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

READ = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({k: getattr(s, k, None) for k in ("
    "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', "
    "'AXES_IPWARE_PROXY_COUNT', 'AXES_IPWARE_META_PRECEDENCE_ORDER')}))"
)


def settings_with(tmp_path: Path, https: str) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        BACKSTRIDE_DATA_DIR=str(tmp_path),
        BACKSTRIDE_HTTPS=https,
        DJANGO_SETTINGS_MODULE="backstride.web.settings",
    )
    done = subprocess.run(
        [sys.executable, "-c", READ], env=env, capture_output=True, text=True, check=True
    )
    return dict(json.loads(done.stdout))


def test_behind_an_https_proxy_cookies_are_secure_and_logins_throttled_by_client(
    tmp_path: Path,
) -> None:
    found = settings_with(tmp_path, "true")
    assert found["SESSION_COOKIE_SECURE"] is True and found["CSRF_COOKIE_SECURE"] is True
    assert found["SECURE_HSTS_SECONDS"] == 31_536_000
    assert found["AXES_IPWARE_PROXY_COUNT"] == 1
    assert found["AXES_IPWARE_META_PRECEDENCE_ORDER"] == ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]


def test_on_the_laptop_no_forwarded_header_is_trusted(tmp_path: Path) -> None:
    found = settings_with(tmp_path, "false")
    assert found["SESSION_COOKIE_SECURE"] is False
    assert found["AXES_IPWARE_PROXY_COUNT"] is None
    assert found["AXES_IPWARE_META_PRECEDENCE_ORDER"] == ["REMOTE_ADDR"]
