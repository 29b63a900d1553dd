"""Acknowledged writes survive a crash: SIGKILL the real `backstride serve` while it is taking
writes, start it again on the same data, and every item answered 201 is still there.

On SQLite the server gets its own data folder. When DATABASE_URL is set (the PostgreSQL pass
of `make test`), the server gets a database of its own, created next to the one in the URL and
dropped afterwards: never pytest's test database, which this test must not share."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

BACKSTRIDE = Path(sys.executable).parent / "backstride"
PASSWORD = "crash proof passphrase 9"
TIMEOUT = 10  # seconds for one HTTP request


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def send(base: str, method: str, path: str, body: Any = None, token: str = "") -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
            raw = answer.read()
            return answer.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


class Server:
    """`backstride serve` in its own process group, so one signal reaches every worker."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env, self.log = env, log
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [str(BACKSTRIDE), "serve", "--port", str(self.port), "--workers", "1"]
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                command, env=self.env, stdout=out, stderr=out, start_new_session=True
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"the server exited ({self.process.returncode}):\n{self.output()}")
            try:
                if send(self.base, "GET", "/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        pytest.fail(f"the server did not become healthy in 60 s:\n{self.output()}")

    def kill(self, sig: signal.Signals) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, sig)
        except ProcessLookupError:
            return
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self._wait_port_closed()

    def _wait_port_closed(self) -> None:
        # Killed workers may hold the listening socket a moment longer than the master.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) != 0:
                    return
            time.sleep(0.1)

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


@pytest.fixture()
def server_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    env = {**os.environ, "BACKSTRIDE_DATA_DIR": str(tmp_path / "data")}
    url = os.environ.get("DATABASE_URL")
    if not url:
        yield env
        return
    import psycopg

    name = f"{urlsplit(url).path.lstrip('/')}_crash_{os.getpid()}"
    with psycopg.connect(url, autocommit=True, connect_timeout=TIMEOUT) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**env, "DATABASE_URL": urlsplit(url)._replace(path=f"/{name}").geturl()}
    finally:
        with psycopg.connect(url, autocommit=True, connect_timeout=TIMEOUT) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def checkin(n: int) -> dict[str, Any]:
    return {"date": f"2026-{1 + n // 28 % 12:02d}-{1 + n % 28:02d}", "morning_pain": n % 11}


def run(n: int) -> dict[str, Any]:
    return {"date": "2026-11-19", "km": 7.5 + n, "minutes": 44.0 + 6 * n}


def write_until_stopped(
    base: str, token: str, acked: list[dict[str, Any]], stop: threading.Event
) -> None:
    """Post check-ins one after another; keep those the server acknowledged with 201."""
    for n in range(1000):
        if stop.is_set():
            return
        try:
            status, body = send(base, "POST", "/api/v1/me/checkins", checkin(n), token)
        except (OSError, http.client.HTTPException):
            return  # the server is gone: this write was never acknowledged
        if status == 201:
            acked.append(body)


def test_acknowledged_writes_survive_a_killed_server(
    server_env: dict[str, str], tmp_path: Path
) -> None:
    server = Server(server_env, tmp_path / "server.log")
    try:
        server.start()
        vendor = "postgresql" if "DATABASE_URL" in server_env else "sqlite"
        assert f"worker(s), {vendor})" in server.output()
        base = server.base
        account = {"email": "crash@example.com", "password": PASSWORD}
        assert send(base, "POST", "/api/v1/auth/signup", account)[0] == 201
        token = send(base, "POST", "/api/v1/auth/token", account)[1]["token"]
        session = {
            "date": "2026-11-20",
            "sets": [{"exercise": "dead_bug", "reps": 10, "pain": 1, "form": "good"}] * 3,
        }
        acked: dict[str, list[dict[str, Any]]] = {"sessions": [], "runs": [], "checkins": []}
        for n in range(8):
            # Each run its own distance: the same run typed twice is refused as a duplicate.
            kind, body = ("sessions", session) if n % 2 == 0 else ("runs", run(n))
            status, made = send(base, "POST", f"/api/v1/me/{kind}", body, token)
            assert status == 201, made
            acked[kind].append(made)

        # Kill the whole server, master and worker, while check-ins are still being written.
        stop = threading.Event()
        writer = threading.Thread(
            target=write_until_stopped, args=(base, token, acked["checkins"], stop)
        )
        writer.start()
        deadline = time.monotonic() + 30
        while len(acked["checkins"]) < 20 and writer.is_alive() and time.monotonic() < deadline:
            time.sleep(0.02)
        server.kill(signal.SIGKILL)
        stop.set()
        writer.join(timeout=TIMEOUT + 5)
        assert len(acked["checkins"]) >= 20, server.output()

        server.start()
        for kind, items in acked.items():
            status, stored = send(server.base, "GET", f"/api/v1/me/{kind}", token=token)
            assert status == 200, stored  # the token also survived the restart
            by_id = {item["id"]: item for item in stored}
            missing = [item for item in items if by_id.get(item["id"]) != item]
            assert not missing, f"{kind} acknowledged but lost: {missing}"
    finally:
        server.kill(signal.SIGTERM)
