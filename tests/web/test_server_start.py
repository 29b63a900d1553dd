"""`backstride serve` starts quickly and says what it is doing: static files are collected
(and gzipped) again only when one of them changed, and served from those copies."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BACKSTRIDE = str(Path(sys.executable).parent / "backstride")
COLLECT = (
    "from backstride.web.server import migrate, collect_static; migrate(); print(collect_static())"
)


def _collect(folder: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["BACKSTRIDE_DATA_DIR"] = str(folder)
    done = subprocess.run(
        [sys.executable, "-c", COLLECT], env=env, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def test_static_files_are_collected_once_and_again_only_when_they_change(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    assert _collect(folder) == "True"
    assert (folder / "static" / "backstride" / "style.css.gz").exists()
    assert _collect(folder) == "False"
    (folder / "static" / ".collected").write_text("an older set of files")
    assert _collect(folder) == "True"


def test_collecting_again_leaves_no_older_compressed_copy(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    _collect(folder)
    stale = folder / "static" / "backstride" / "style.css.br"  # as an older collection left it
    stale.write_bytes(b"an older style sheet")
    (folder / "static" / ".collected").write_text("an older set of files")
    assert _collect(folder) == "True"
    assert not stale.exists()


@dataclass
class Start:
    lines: list[tuple[float, str]]  # (seconds since the command, line printed)
    listening: float  # seconds until the port took a connection
    static_encoding: str | None


def _serve(env: dict[str, str]) -> Start:
    """`backstride serve` until /healthz answers, timing what it prints against when its
    port first takes a connection; then one static file, asked for gzipped."""
    port = _free_port()
    began = time.monotonic()
    command = [BACKSTRIDE, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    lines: list[tuple[float, str]] = []

    def read() -> None:
        assert process.stdout is not None
        for raw in process.stdout:
            lines.append((time.monotonic() - began, raw.decode(errors="replace").rstrip()))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        listening = _until(process, lambda: _connects(port)) - began
        _until(process, lambda: _get(port, "/healthz")[0] == 200)
        status, encoding = _get(port, "/static/backstride/style.css", gzip=True)
        assert status == 200
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        reader.join(timeout=5)
    return Start(lines=lines, listening=listening, static_encoding=encoding)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _connects(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


def _get(port: int, path: str, gzip: bool = False) -> tuple[int, str | None]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "gzip"} if gzip else {})
        answer = connection.getresponse()
        answer.read()
        return answer.status, answer.getheader("Content-Encoding")
    except OSError:
        return 0, None
    finally:
        connection.close()


def _until(process: subprocess.Popen[bytes], done: Callable[[], bool]) -> float:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert process.poll() is None, "backstride serve exited"
        if done():
            return time.monotonic()
        time.sleep(0.01)
    raise AssertionError("backstride serve did not get there in 90 s")


def _said(start: Start) -> list[str]:
    return [
        line.removeprefix("backstride: ")
        for _, line in start.lines
        if line.startswith("backstride: ")
    ]


def test_serve_says_what_it_does_before_it_listens_then_serves_gzipped_copies(
    tmp_path: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["BACKSTRIDE_DATA_DIR"] = str(tmp_path / "data")
    first = _serve(env)
    said = _said(first)
    assert "checking the database" in said[0]
    printed = next(t for t, line in first.lines if line.startswith("backstride: "))
    assert printed < first.listening  # said before the port took any connection
    assert any(s.startswith("applying") and "migration" in s for s in said)
    assert any(s.startswith("static files collected") for s in said)
    assert any(s.startswith("listening on http://127.0.0.1:") for s in said)
    assert first.static_encoding == "gzip"

    second = _said(_serve(env))
    assert "database up to date" in second
    assert "static files up to date" in second
    assert not any(s.startswith(("applying", "static files collected")) for s in second)
