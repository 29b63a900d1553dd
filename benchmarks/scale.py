"""Issue 10, flat at scale (PostgreSQL only): the plan page's latency for one logged-in runner
with a year of history while the database holds 10, 1,000 and 100,000 runners.

The other runners are synthetic and bulk-inserted with COPY, each with a user row, a profile,
check-ins, runs, a session with sets, a write receipt, a data version (when the app keeps
one) and, for half of them, their preferences, so every coach table grows with the count.
Columns are read from the models, so a column added later is filled from its default. The
derived-state cache's table is not filled (entries are large and capped).

Each figure is a ratio against a second `backstride serve` on a database that stays at 10
runners, measured in the same minutes (one request after another, the two servers taking
turns): on a shared machine, other work then slows both alike instead of passing for growth.
Runs in a child process with Django set up for the growing database."""

from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pg import fresh_database
from web_load import WORKERS, Server, login_cookie, make_runner

CHILD = "--measure-in-this-process"
STEPS = (10, 1_000, 100_000)
REQUESTS = 200
AFTER_WRITES = 100
WARMUP = 10
JSON = "application/json"
GOAL = 1.5  # each step's latency within 1.5x the 10-runner figure
CHECKINS, RUNS, SETS = 3, 2, 6  # per synthetic runner, beside one session and one receipt
ITEMS = (("cat_cow", "done"), ("supine_twist", "skipped"))  # the session's mobility items


def main() -> None:
    url = os.environ.get("BACKSTRIDE_BENCH_DATABASE_URL")
    if not url:
        print(
            "Flat at scale: skipped (PostgreSQL only; set BACKSTRIDE_BENCH_DATABASE_URL to "
            "measure it)"
        )
        return
    with (
        fresh_database(url, "scale") as grown,
        fresh_database(url, "scale_fixed") as fixed,
        tempfile.TemporaryDirectory(prefix="backstride-bench-scale-") as folder,
    ):
        if grown is None or fixed is None:
            print("Flat at scale: skipped (it needs a role with CREATEDB for two databases)")
            return
        env = {
            **os.environ,
            "DATABASE_URL": grown,
            "BENCH_FIXED_URL": fixed,
            "BENCH_FOLDER": folder,
            "BACKSTRIDE_DEBUG": "false",
            "DJANGO_SETTINGS_MODULE": "backstride.web.settings",
        }
        subprocess.run([sys.executable, __file__, CHILD], env=env, check=True)


def _copy(cursor: Any, model: Any, given: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> int:
    """COPY rows into the model's table: `given` names the attributes each row holds, in
    order; every other column gets its default (the time now for auto_now fields)."""
    from django.db.models import JSONField
    from django.utils import timezone

    fields = {f.attname: f for f in model._meta.concrete_fields}
    rest = [f for name, f in fields.items() if name not in given]
    tail = []
    for f in rest:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            tail.append(timezone.now())
        elif f.has_default() or f.null:
            value = f.get_default()
            tail.append(json.dumps(value) if isinstance(f, JSONField) else value)
        else:
            raise RuntimeError(f"{model.__name__}.{f.name} has no default: fill it in scale.py")
    columns = ", ".join(f'"{fields[name].column}"' for name in given) + "".join(
        f', "{f.column}"' for f in rest
    )
    count = 0
    with cursor.copy(f'COPY "{model._meta.db_table}" ({columns}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row((*row, *tail))
            count += 1
    return count


def _next_id(cursor: Any, model: Any) -> int:
    cursor.execute(f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{model._meta.db_table}"')
    return int(cursor.fetchone()[0])


Rows = Iterator[tuple[Any, ...]]


def add_runners(url: str, first: int, count: int, password: str) -> int:
    """Runners number `first` to `first + count - 1` in the database at `url`, in one
    transaction, then VACUUM ANALYZE as autovacuum would have run by the time a real database
    held them; the rows stored."""
    from django.core.management.color import no_style
    from django.db import connection

    from backstride.web.accounts.models import User
    from backstride.web.coach import models as m

    numbered = (User, m.RunnerProfile, m.Checkin, m.Run, m.TrainingSession, m.SetEntry)
    numbered += (m.WriteReceipt, m.ItemEntry)
    with psycopg.connect(url) as database, database.cursor() as cursor:
        ids = {model: _next_id(cursor, model) for model in numbered}
        stored = sum(
            _copy(cursor, model, given, rows)
            for model, given, rows in _tables(range(first, first + count), ids, password)
        )
        for statement in connection.ops.sequence_reset_sql(no_style(), numbered):
            cursor.execute(statement)
    with psycopg.connect(url, autocommit=True) as database:
        database.execute("VACUUM ANALYZE")
    return stored


def _tables(numbers: range, ids: dict[Any, int], password: str) -> Iterator[tuple[Any, Any, Rows]]:
    """(model, attributes given, rows) for each table, the ids counting on from `ids`."""
    from backstride.web.accounts.models import User
    from backstride.web.coach import models as m
    from synthetic import LADDER_IDS, profile

    profile_json = json.dumps(profile().model_dump(mode="json"))
    today = dt.datetime.now(dt.UTC).date()
    user = {n: ids[User] + i for i, n in enumerate(numbers)}
    session = {n: ids[m.TrainingSession] + i for i, n in enumerate(numbers)}

    def day(n: int, k: int) -> dt.date:
        return today - dt.timedelta(days=(n * 7 + k * 3) % 365)

    def each(model: Any, rows: Rows) -> Rows:
        return ((ids[model] + i, *row) for i, row in enumerate(rows))

    yield (
        User,
        ("id", "email", "password"),
        each(User, ((f"synthetic-{n}@example.com", password) for n in numbers)),
    )
    yield (
        m.RunnerProfile,
        ("id", "user_id", "data"),
        each(m.RunnerProfile, ((user[n], profile_json) for n in numbers)),
    )
    yield (
        m.Checkin,
        ("id", "user_id", "date", "morning_pain"),
        each(
            m.Checkin, ((user[n], day(n, k), (n + k) % 4) for n in numbers for k in range(CHECKINS))
        ),
    )
    yield (
        m.Run,
        ("id", "user_id", "date", "km", "minutes"),
        each(
            m.Run,
            ((user[n], day(n, k), 5.0 + k, 30.0 + 5 * k) for n in numbers for k in range(RUNS)),
        ),
    )
    yield (
        m.TrainingSession,
        ("id", "user_id", "date"),
        each(m.TrainingSession, ((user[n], day(n, 1)) for n in numbers)),
    )
    sets = (
        (session[n], LADDER_IDS[(n + k // 3) % len(LADDER_IDS)], 8 + k % 4, k % 3, "good")
        for n in numbers
        for k in range(SETS)
    )
    yield (
        m.SetEntry,
        ("id", "session_id", "exercise", "reps", "pain", "form"),
        each(m.SetEntry, sets),
    )
    items = ((session[n], e, o) for n in numbers for e, o in ITEMS)
    yield m.ItemEntry, ("id", "session_id", "exercise", "outcome"), each(m.ItemEntry, items)
    yield (
        m.WriteReceipt,
        ("id", "user_id", "key", "status", "body"),
        each(m.WriteReceipt, ((user[n], f"synthetic-{n}", 201, "{}") for n in numbers)),
    )
    # Half the runners have chosen their units and reminders; the rest read the defaults.
    yield (
        m.Preferences,
        ("user_id", "distance_unit"),
        ((user[n], "mi" if n % 4 == 0 else "km") for n in numbers if n % 2 == 0),
    )
    versions = getattr(m, "DataVersion", None)  # the cache's key, when the app has one
    if versions is not None:
        yield versions, ("user_id", "version"), ((user[n], f"{n:032x}") for n in numbers)


def _unfilled() -> list[str]:
    """Coach tables this benchmark does not know (added later): they do not grow."""
    from django.apps import apps

    known = {
        *("RunnerProfile", "TrainingSession", "SetEntry", "Checkin", "Run", "WriteReceipt"),
        *("DataVersion", "ItemEntry", "Preferences"),
    }
    return [
        model._meta.db_table
        for model in apps.get_app_config("coach").get_models()
        if model.__name__ not in known
    ]


@dataclass
class Site:
    """A server on a database of its own, and the logged-in runner's headers there."""

    url: str
    server: Server
    headers: dict[str, str] = field(default_factory=dict)


def _timed(connection: http.client.HTTPConnection, site: Site, write: bytes | None) -> float:
    """Seconds for one GET /plan/. With `write` (a profile), it follows a PUT of that same
    profile: a write that changes nothing the runner sees but gives their facts a new
    version, so the GET misses any derived-state cache however it is built."""

    def send(method: str, where: str, headers: dict[str, str], body: bytes | None) -> None:
        connection.request(method, where, body, headers)
        answer = connection.getresponse()
        answer.read()
        if answer.status != 200:
            raise RuntimeError(f"{method} {where} answered {answer.status}")

    if write is not None:
        send("PUT", "/api/v1/me/profile", {**site.headers, "Content-Type": JSON}, write)
    began = time.perf_counter()
    send("GET", "/plan/", site.headers, None)
    return time.perf_counter() - began


def _paired(sites: list[Site], count: int, write: bytes | None = None) -> list[list[float]]:
    """`count` latencies for each site, taking turns request by request (the order flips each
    round), after WARMUP not counted. Each request has a connection of its own, opened before
    the clock starts: the server closes a kept-alive one left idle for a turn."""

    def one(site: Site) -> float:
        connection = http.client.HTTPConnection("127.0.0.1", site.server.port, timeout=60)
        try:
            connection.connect()
            return _timed(connection, site, write)
        finally:
            connection.close()

    for site in sites:
        for _ in range(WARMUP):
            one(site)
    latencies: list[list[float]] = [[] for _ in sites]
    for round_ in range(count):
        turns = list(enumerate(sites))
        for i, site in turns if round_ % 2 == 0 else reversed(turns):
            latencies[i].append(one(site))
    return latencies


def _compared(label: str, grown: list[float], fixed: list[float]) -> str:
    (median, p95), (median0, p95_0) = (
        (statistics.median(x), statistics.quantiles(x, n=100)[94]) for x in (grown, fixed)
    )
    verdict = "met" if median / median0 <= GOAL and p95 / p95_0 <= GOAL else "not met"
    return (
        f"{label:<13} median {median * 1000:6.1f} ms ({median / median0:4.2f}x "
        f"{median0 * 1000:.1f}), p95 {p95 * 1000:6.1f} ms ({p95 / p95_0:4.2f}x "
        f"{p95_0 * 1000:.1f})  {verdict}"
    )


def _start(url: str, folder: Path) -> Site:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BENCH_")}
    folder.mkdir()
    env.update(DATABASE_URL=url, BACKSTRIDE_DATA_DIR=str(folder / "data"))
    return Site(url, Server(env, WORKERS, folder / "server.log"))


def _log_in(site: Site) -> None:
    email, token = make_runner(site.server.port, quiet=True)
    cookie = login_cookie(site.server.port, email)
    if cookie is None:
        raise RuntimeError("the login form did not log the runner in")
    site.headers = {"Cookie": cookie, "Authorization": f"Bearer {token}"}


def measure() -> None:
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password

    from synthetic import profile

    started = time.perf_counter()
    folder = Path(os.environ["BENCH_FOLDER"])
    grown = _start(os.environ["DATABASE_URL"], folder / "grown")
    fixed = _start(os.environ["BENCH_FIXED_URL"], folder / "fixed")
    try:
        for site in (grown, fixed):
            site.server.wait_healthy()
            _log_in(site)
        print(
            f"Flat at scale, PostgreSQL: GET /plan/ by a runner with a year of history, as the "
            f"database holds {', '.join(f'{s:,}' for s in STEPS)} runners; {REQUESTS} requests "
            f"one after another, and {AFTER_WRITES} each after a write to the runner's facts "
            f"(which no derived-state cache can answer); ratios against the same on a database "
            f"of {STEPS[0]} runners in the same minutes, goal <= {GOAL}x"
        )
        for table in _unfilled():
            print(f"    {table}: not filled (unknown to benchmarks/scale.py)")
        write = json.dumps(profile().model_dump(mode="json")).encode()
        password = make_password("synthetic runner")  # one hash serves every synthetic runner
        add_runners(fixed.url, 1, STEPS[0] - 1, password)
        runners = 1
        for step in STEPS:
            began = time.perf_counter()
            rows = add_runners(grown.url, runners, step - runners, password)
            inserted, runners = time.perf_counter() - began, step
            hits = _paired([grown, fixed], REQUESTS)
            misses = _paired([grown, fixed], AFTER_WRITES, write)
            print(f"  {step:>7,} runners: {_compared('plan page', *hits)}")
            print(f"  {'':>16} {_compared('after a write', *misses)}")
            print(
                f"  {'':>16} ({rows:,} rows inserted and VACUUM ANALYZE in {inserted:.1f} s; "
                f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
            )
    finally:
        grown.server.stop()
        fixed.server.stop()
    print(f"  ({time.perf_counter() - started:.0f} s with the set-up)")


if __name__ == "__main__":
    if sys.argv[1:] == [CHILD]:
        measure()
    else:
        main()
