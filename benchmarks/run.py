"""`make bench`: engine, CLI and web speed, each as a ratio against a baseline from the same run.

Never asserted in tests; figures go in the issue's closing note."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from backstride.core.assessment import assess
from backstride.core.history import History
from issue10 import main as issue10
from serve_start import main as serve_start
from synthetic import END, history, profile
from web_load import main as web_load

BIN = Path(sys.executable).parent
RUNFILES = Path(__file__).resolve().parents[2] / "shared" / "testdata" / "runfiles"


def median_seconds(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def engine() -> None:
    runner = profile()
    print("One assessment (triage, plan, progress, exercise pages) from a profile and a")
    print("synthetic history (median of 30 runs)")
    per_year: dict[int, float] = {}
    for years in (1, 2, 4):
        past = history(years)
        events = len(past.sessions) + len(past.checkins) + len(past.runs)

        def baseline(h: History = past) -> float:
            # A floor for "touch every event once": the work any replay must at least do.
            return (
                sum(r.km for r in h.runs)
                + sum(len(s.sets) for s in h.sessions)
                + sum(c.morning_pain for c in h.checkins)
            )

        base = median_seconds(baseline, 30)
        took = median_seconds(lambda h=past: assess(runner, h, END), 30)
        per_year[years] = took
        print(
            f"  {years} year(s), {events} events: {took * 1000:.2f} ms "
            f"({took / base:.0f}x touching each event once, {base * 1e6:.0f} us)"
        )
    print(
        f"  growth: 2 years = {per_year[2] / per_year[1]:.2f}x 1 year, "
        f"4 years = {per_year[4] / per_year[1]:.2f}x 1 year (linear: 2.00x, 4.00x)"
    )


def cli() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "profile.json"
        path.write_text(json.dumps(profile().model_dump(mode="json")))
        python = str(BIN / "python")
        commands = {
            "python -c pass": [python, "-c", "pass"],
            "import typer + pydantic (floor)": [python, "-c", "import typer, pydantic.main"],
            "backstride plan --json": [
                str(BIN / "backstride"),
                "plan",
                "--profile",
                str(path),
                "--json",
            ],
        }
        # Any value of PYTHONDONTWRITEBYTECODE, even "0", stops Python writing bytecode.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        results = {}
        for name, command in commands.items():
            subprocess.run(command, check=True, capture_output=True, env=env)  # warm caches
            results[name] = median_seconds(
                lambda c=command: subprocess.run(c, check=True, capture_output=True, env=env), 15
            )
    base = results["python -c pass"]
    print("CLI start to finish (median of 15 runs)")
    for name, took in results.items():
        print(f"  {name}: {took * 1000:.1f} ms = {took / base:.1f}x python -c pass")


def run_files() -> None:
    """The cost of reading each uploaded file in a child process with limits (issue 9)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backstride.web.settings")
    import django

    from backstride.runfiles import parse_run_file, parse_run_file_isolated

    # Forked from a process holding what a server worker holds (Django and the app).
    django.setup()
    from backstride.web import urls  # noqa: F401

    print("Reading a run file, in process and in a child process with limits (median of 30)")
    for name in ("korita-zbevnica.gpx", "activity-small-fenix2-run.fit"):
        data = (RUNFILES / name).read_bytes()
        parse_run_file_isolated(name, data)  # warm caches
        inside = median_seconds(lambda d=data, n=name: parse_run_file(n, d), 30)
        isolated = median_seconds(lambda d=data, n=name: parse_run_file_isolated(n, d), 30)
        print(
            f"  {name} ({len(data) // 1024} KB): {inside * 1000:.1f} ms in process, "
            f"{isolated * 1000:.1f} ms isolated = {isolated / inside:.2f}x "
            f"(+{(isolated - inside) * 1000:.1f} ms)"
        )


if __name__ == "__main__":
    engine()
    cli()
    serve_start()
    run_files()
    web_load()
    issue10()
