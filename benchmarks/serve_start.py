"""`make bench`, server part: seconds from `backstride serve` to the first 200 from /healthz.

A first start gets a fresh data folder (a new SQLite database to migrate, no static files
collected); a second start reuses that folder, as every later `make run` does. Beside each
figure: when the server printed its first line and what it printed, since a start that says
nothing for seconds looks hung."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BACKSTRIDE = Path(sys.executable).parent / "backstride"
SECOND_STARTS = 3
DEADLINE_SECONDS = 120.0


@dataclass
class Start:
    healthy: float  # seconds from the command to the first 200 from /healthz
    lines: list[tuple[float, str]] = field(default_factory=list)  # (seconds, line printed)

    @property
    def first_line(self) -> float:
        return self.lines[0][0] if self.lines else float("nan")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def healthz(port: int) -> int | None:
    """The status of GET /healthz, or None while nothing listens."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status
    except OSError:
        return None
    finally:
        connection.close()


def start(env: dict[str, str]) -> Start:
    """Run `backstride serve` until /healthz answers 200, then stop it."""
    port = free_port()
    began = time.monotonic()
    process = subprocess.Popen(
        [str(BACKSTRIDE), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    lines: list[tuple[float, str]] = []

    def read() -> None:
        assert process.stdout is not None
        for raw in process.stdout:
            lines.append((time.monotonic() - began, raw.decode(errors="replace").rstrip()))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        while time.monotonic() - began < DEADLINE_SECONDS:
            if process.poll() is not None:
                reader.join(timeout=5)
                shown = "\n".join(line for _, line in lines[-20:])
                raise RuntimeError(f"`backstride serve` exited:\n{shown}")
            if healthz(port) == 200:
                return Start(healthy=time.monotonic() - began, lines=list(lines))
            time.sleep(0.02)
        raise RuntimeError("`backstride serve` did not answer /healthz in time")
    finally:
        stop(process)
        reader.join(timeout=5)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def describe(label: str, run: Start) -> None:
    print(
        f"  {label}: /healthz 200 after {run.healthy:.2f} s, "
        f"first line after {run.first_line:.2f} s"
    )
    for seconds, line in run.lines:
        if line.startswith("backstride:"):
            print(f"    {seconds:6.2f} s  {line}")


def measure(label: str, env: dict[str, str]) -> None:
    print(f" {label}")
    with tempfile.TemporaryDirectory(prefix="backstride-serve-") as folder:
        env = {**env, "BACKSTRIDE_DATA_DIR": str(Path(folder) / "data")}
        describe("first start (new database, nothing collected)", start(env))
        later = [start(env) for _ in range(SECOND_STARTS)]
    middle = sorted(later, key=lambda run: run.healthy)[len(later) // 2]
    describe(f"second start (median of {SECOND_STARTS})", middle)
    print(f"    each: {', '.join(f'{run.healthy:.2f} s' for run in later)}")


def main() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    # Start-up is CPU work, so what else the machine runs shows in every figure.
    load, cores = os.getloadavg()[0], os.cpu_count()
    print(
        "Server start: `backstride serve` to the first 200 from /healthz (SQLite); "
        f"load average {load:.1f} on {cores} cores"
    )
    measure("as this environment runs Python", env)
    if env.get("PYTHONDONTWRITEBYTECODE"):
        # Then no .pyc is ever written, and a venv synced without compiling bytecode makes
        # every start compile Django from source (about a second of CPU). Most machines
        # write the .pyc on the first start: measured here in a bytecode folder of its own.
        with tempfile.TemporaryDirectory(prefix="backstride-pyc-") as bytecode:
            written = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
            measure(
                "with bytecode written (PYTHONDONTWRITEBYTECODE unset, as most machines run)",
                {**written, "PYTHONPYCACHEPREFIX": bytecode},
            )


if __name__ == "__main__":
    main()
