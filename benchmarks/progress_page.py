"""Issue 10, Progress page in-process: the page and its chart SVGs for a runner with a year of
history, cold (every cache cleared first) and warm, beside GET /healthz in the same run.

Requests go through Django's test client (every middleware, view and template, no HTTP server)
in a child process of its own, on a fresh SQLite database in a temporary data folder with the
options `serve` uses, so whatever Django set-up the caller holds does not matter."""

from __future__ import annotations

import importlib
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

CHILD = "--measure-in-this-process"
COLD_REPEATS = 5
WARM_REPEATS = 10
HEALTHZ_REPEATS = 50
COLD_GOAL_MS = 1000
WARM_GOAL_MS = 100
PASSWORD = "benchmark passphrase 2026"
CHART = re.compile(r'src="(/progress/chart/[^"]+\.svg)"')
Load = dict[str, float]  # seconds for each path of one load: the page, then each chart


def main() -> None:
    """Run the measurement in a child process with its own settings."""
    with tempfile.TemporaryDirectory(prefix="backstride-bench-progress-") as folder:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env.update(
            BACKSTRIDE_DATA_DIR=folder,
            BACKSTRIDE_DEBUG="false",
            BACKSTRIDE_ALLOWED_HOSTS="testserver",
            DJANGO_SETTINGS_MODULE="backstride.web.settings",
        )
        subprocess.run([sys.executable, __file__, CHILD], env=env, check=True)


def _ok(response: Any, status: int = 200) -> Any:
    if response.status_code != status:
        raise RuntimeError(f"{response.status_code}, expected {status}: {response.content[:500]!r}")
    return response


def _runner(client: Any) -> None:
    """Sign up, import a year of synthetic history ending today and log in, all through the
    app's own endpoints (nothing here depends on how storage is organised)."""
    from django.utils import timezone

    from synthetic import history, profile

    account = {"email": "progress@example.com", "password": PASSWORD}
    as_json = {"content_type": "application/json"}
    _ok(client.post("/api/v1/auth/signup", json.dumps(account), **as_json), 201)
    token = _ok(client.post("/api/v1/auth/token", json.dumps(account), **as_json)).json()["token"]
    export = {
        "schema_version": 1,
        "profile": profile().model_dump(mode="json"),
        "history": history(1, end=timezone.localdate()).model_dump(mode="json"),
    }
    headers = {"Authorization": f"Bearer {token}"}
    added = _ok(client.post("/api/v1/me/import", json.dumps(export), **as_json, headers=headers))
    print(f"  imported one year of history ending today: {added.json()['added']}")
    login = {"username": account["email"], "password": PASSWORD}
    _ok(client.post("/accounts/login/", login), 302)


def _get(client: Any, path: str) -> tuple[float, Any]:
    start = time.perf_counter()
    response = _ok(client.get(path))
    return time.perf_counter() - start, response


def _load(client: Any, charts: list[str]) -> Load:
    """One load of the page and then each chart, as seconds per path (in that order)."""
    return {path: _get(client, path)[0] for path in ["/progress/", *charts]}


def _clear_caches() -> None:
    """Every Django cache, and the derived-state cache's tier in this process when the app
    has one (`derived.forget_all`), which no Django cache clear reaches."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    forget = getattr(_derived_module(), "forget_all", None)
    if forget is not None:
        forget()


def _derived_module() -> Any:
    try:
        return importlib.import_module("backstride.web.coach.derived")
    except ModuleNotFoundError:
        return None


def _median_load(loads: list[Load]) -> tuple[float, Load]:
    total = statistics.median(sum(load.values()) for load in loads)
    return total, {path: statistics.median(load[path] for load in loads) for path in loads[0]}


def _line(label: str, total: float, parts: Load, base: float, goal: str) -> None:
    shown = ", ".join(f"{_short(path)} {seconds * 1000:.0f}" for path, seconds in parts.items())
    print(f"  {label:<36} {total * 1000:7.1f} ms = {total / base:6.0f}x /healthz  {goal}")
    print(f"    ms each: {shown}")


def _short(path: str) -> str:
    name = path.removeprefix("/progress/chart/").removesuffix(".svg")
    return "page" if name == path else f"{name} chart"


def _loads(client: Any) -> tuple[Load, list[Load], list[Load]]:
    """The first load in this process, then cold loads, then warm ones."""
    _clear_caches()
    took, page = _get(client, "/progress/")
    charts = CHART.findall(page.content.decode())
    if not charts:
        raise RuntimeError("the Progress page links no chart SVG")
    # Imports, templates and fonts loaded on first use are in this one.
    first = {"/progress/": took, **{path: _get(client, path)[0] for path in charts}}
    cold = []
    for _ in range(COLD_REPEATS):
        _clear_caches()
        cold.append(_load(client, charts))
    _clear_caches()
    _load(client, charts)
    return first, cold, [_load(client, charts) for _ in range(WARM_REPEATS)]


def _healthz(client: Any) -> float:
    for _ in range(5):
        _ok(client.get("/healthz"))
    return statistics.median(_get(client, "/healthz")[0] for _ in range(HEALTHZ_REPEATS))


def measure() -> None:
    import django

    django.setup()
    from django.core.cache import caches
    from django.core.management import call_command
    from django.test import Client

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)  # only does something for a database cache
    cleared = [f"Django cache {alias!r}" for alias in caches]
    if getattr(_derived_module(), "forget_all", None):
        cleared.append("derived.forget_all()")
    print(
        f"Progress page in-process (Django test client, SQLite, the page and then its charts; "
        f"cold: median of {COLD_REPEATS}, each after clearing {', '.join(cleared)}; warm: "
        f"median of {WARM_REPEATS} later loads)"
    )
    client = Client()
    _runner(client)
    first, cold, warm = _loads(client)
    base = _healthz(client)

    print(f"  {'GET /healthz (baseline)':<36} {base * 1000:7.2f} ms (median of {HEALTHZ_REPEATS})")
    _line("first load after the import", sum(first.values()), first, base, "(one-off imports)")
    total, parts = _median_load(cold)
    _line("cold: caches cleared", total, parts, base, f"goal < {COLD_GOAL_MS} ms")
    total, parts = _median_load(warm)
    _line("warm: second and later loads", total, parts, base, f"goal < {WARM_GOAL_MS} ms")
    print(
        f"  ({time.perf_counter() - started:.0f} s with the set-up; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores, other work included)"
    )


if __name__ == "__main__":
    if sys.argv[1:] == [CHILD]:
        measure()
    else:
        main()
