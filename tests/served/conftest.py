"""Served tests: the real `backstride serve` (gunicorn) on fresh SQLite data folders, talked
to in raw HTTP: one served as behind a TLS proxy, one with no proxy setting. No browser."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.e2e.conftest import _free_port, _wait_healthy

BACKSTRIDE = str(Path(sys.executable).parent / "backstride")
# Settings of ours a developer's shell may hold; each server gets only those its test asks for.
OURS = ("DATABASE_URL", "BACKSTRIDE_DATA_DIR", "BACKSTRIDE_HTTPS", "BACKSTRIDE_TRUSTED_PROXIES")


@contextmanager
def served(*environments: dict[str, str]) -> Iterator[list[str]]:
    """One server per environment (BACKSTRIDE_DATA_DIR and the variables to set), started side
    by side since each spends its start-up migrating and collecting static files."""
    processes: list[subprocess.Popen[bytes]] = []
    urls: list[str] = []
    try:
        for variables in environments:
            port = _free_port()
            env = {k: v for k, v in os.environ.items() if k not in OURS}
            env.update(variables)
            command = [BACKSTRIDE, "serve", "--host", "127.0.0.1", "--port", str(port)]
            processes.append(
                subprocess.Popen([*command, "--workers", "1"], env=env, start_new_session=True)
            )
            urls.append(f"http://127.0.0.1:{port}")
        for url, process in zip(urls, processes, strict=True):
            _wait_healthy(url, process)
        yield urls
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """behind_proxy: as behind one TLS proxy, which the tests play by writing X-Forwarded-For;
    direct: with no proxy setting, where X-Forwarded-For must be ignored."""
    behind_proxy = {
        "BACKSTRIDE_DATA_DIR": str(tmp_path_factory.mktemp("served-proxy")),
        "BACKSTRIDE_HTTPS": "true",
        "BACKSTRIDE_TRUSTED_PROXIES": "1",
    }
    direct = {"BACKSTRIDE_DATA_DIR": str(tmp_path_factory.mktemp("served-direct"))}
    with served(behind_proxy, direct) as (proxy_url, direct_url):
        yield {"behind_proxy": proxy_url, "direct": direct_url}


@pytest.fixture()
def behind_proxy_url(servers: dict[str, str]) -> str:
    return servers["behind_proxy"]


@pytest.fixture()
def direct_url(servers: dict[str, str]) -> str:
    return servers["direct"]
