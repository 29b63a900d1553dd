"""Writes and reads at the same moment, on the real database (a SQLite file in WAL mode,
or PostgreSQL): no failed read, no duplicate from a submit sent twice at once, and no
writer refused while a large import runs."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from backstride.core.history import Checkin, History, Run, Session, SetLog
from backstride.web.coach import models as m
from backstride.web.coach import run_import, selectors, services
from backstride.web.coach.services.bulk_import import import_data
from tests.runfiles.files import gpx_run
from tests.web.helpers import add_set_once, plan_of, runner

pytestmark = pytest.mark.django_db(transaction=True)
DAY = dt.date(2026, 11, 20)
SET = SetLog(exercise="superman", reps=8, pain=1, form="good")


def together(count: int, work: Callable[[int], Any]) -> tuple[list[Any], list[BaseException]]:
    """Run `work(i)` in `count` threads released at the same moment; their results and
    errors. Each thread has its own database connection, closed at the end."""
    barrier = threading.Barrier(count)
    results: list[Any] = []
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait()
            results.append(work(i))
        except BaseException as error:  # a failed worker is what the test counts
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_eight_identical_set_submits_at_once_store_one_set() -> None:
    _, user = runner()
    results, errors = together(8, lambda _: add_set_once(user, DAY, SET, 1))
    assert errors == []
    assert sorted(results) == [False] * 7 + [True]
    assert m.SetEntry.objects.filter(session__user=user).count() == 1
    assert m.TrainingSession.objects.filter(user=user).count() == 1


def test_the_same_run_file_uploaded_eight_times_at_once_is_stored_once() -> None:
    _, user = runner()
    data = gpx_run()
    results, errors = together(8, lambda _: run_import.import_file(user, "run.gpx", data))
    assert errors == []
    assert sorted(r.status for r in results) == ["duplicate"] * 7 + ["imported"]
    assert m.Run.objects.filter(user=user).count() == 1


def _export(entries: int, runs: bool = False) -> History:
    """`entries` days, each with a session of three sets and a check-in (and a run)."""
    days = [DAY - dt.timedelta(days=i) for i in range(entries)]
    return History(
        sessions=tuple(Session(date=d, sets=(SET, SET, SET)) for d in days),
        checkins=tuple(Checkin(date=d, morning_pain=i % 4) for i, d in enumerate(days)),
        runs=tuple(Run(date=d, km=5 + i % 7, minutes=30 + i % 11) for i, d in enumerate(days))
        if runs
        else (),
    )


def test_the_same_export_imported_eight_times_at_once_adds_its_entries_once() -> None:
    _, user = runner()
    history = _export(28)
    results, errors = together(8, lambda _: import_data(user, None, history))
    assert errors == []
    assert sum(r["sessions"] for r in results) == 28
    assert sum(r["checkins"] for r in results) == 28
    stored = selectors.history_of(user)
    assert (len(stored.sessions), len(stored.checkins)) == (28, 28)


def test_reading_the_history_while_sets_are_written_never_fails() -> None:
    """Four writers log sets while four readers build plans and exports; on main a set
    saved between the two reads of a session raised KeyError (a 500)."""
    _, user = runner()
    stop = time.monotonic() + 3

    def work(i: int) -> int:
        done = 0
        while time.monotonic() < stop:
            if i < 4:
                day = DAY - dt.timedelta(days=done % 30)
                add_set_once(user, day, SET, None)
            else:
                plan_of(user, DAY)
                selectors.export(user)
            done += 1
        return done

    results, errors = together(8, work)
    assert errors == []
    assert all(n > 0 for n in results)


def test_a_large_import_refuses_no_other_runners_write() -> None:
    """While one runner imports 54,000 entries (18,000 each of sessions, check-ins and
    runs), another's check-ins all land: they wait for the lock, within the database's
    busy timeout, instead of failing with "database is locked" as they did on main."""
    _, importer = runner()
    _, other = runner()
    history = _export(18_000, runs=True)
    finished = threading.Event()

    def work(i: int) -> Any:
        if i == 0:
            try:
                return import_data(importer, None, history)
            finally:
                finished.set()
        written = 0
        while not finished.is_set() or written < 5:
            services.add_checkin(user=other, checkin=Checkin(date=DAY, morning_pain=written % 10))
            written += 1
        return written

    results, errors = together(4, work)
    assert errors == []
    written = [r for r in results if isinstance(r, int)]
    assert len(written) == 3
    assert m.Checkin.objects.filter(user=other).count() == sum(written)
    assert m.Checkin.objects.filter(user=importer).count() == 18_000
    assert m.Run.objects.filter(user=importer).count() == 18_000


def test_the_history_reads_sessions_with_their_sets_in_one_query() -> None:
    _, user = runner()
    add_set_once(user, DAY, SET, 1)
    with CaptureQueriesContext(connection) as queries:
        selectors.history_of(user)
    sql = [q["sql"].lower() for q in queries.captured_queries]
    assert sum("coach_setentry" in q for q in sql) == 1
    # Sessions are never read on their own: sets, and the guided session's items, each
    # come with their session in one query.
    rows = ('from "coach_setentry"', 'from "coach_itementry"')
    assert all(any(r in q for r in rows) for q in sql if "coach_trainingsession" in q)
