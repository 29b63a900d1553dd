"""Importing an export: the history items not stored yet are added, in one short
transaction under the runner's write lock, so the same file sent several times at once
adds its entries once, and a large file holds SQLite's lock for as short a time as it can."""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, connections
from django.db.models import Field, Max, Model
from django.utils import timezone

from backstride.core.history import SAME_RUN_SECONDS, Checkin, History, Run, Session, same_run
from backstride.core.profile import Profile
from backstride.web.accounts.models import User
from backstride.web.coach import models as m
from backstride.web.coach import selectors, services
from backstride.web.coach.services.gate import write_transaction

# Rows per INSERT: well under SQLite's limit of 32,766 bound variables per statement.
BATCH = 500


@dataclass
class NewEntries:
    sessions: list[Session] = field(default_factory=list)
    checkins: list[Checkin] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "sessions": len(self.sessions),
            "checkins": len(self.checkins),
            "runs": len(self.runs),
        }


def import_data(user: User, profile: Profile | None, history: History) -> dict[str, int]:
    """Set the profile and add the history items not stored yet; never delete anything.
    Entries are matched one for one, so two identical check-ins (or untimed runs, or
    sessions) in a file are both kept, and importing the same file again adds nothing.
    A timed run is one run with any stored record of it (DESIGN 5: the same run from two
    files). The match is made under the lock, against what is stored at that moment."""
    with write_transaction():
        services.lock_runner(user)
        new = new_entries(selectors.history_of(user), history)
        if profile is not None:
            services.save_profile(user=user, profile=profile)
        _insert(user, new)
        services.touch(user.pk)
    return new.counts()


def new_entries(current: History, incoming: History) -> NewEntries:
    """What of `incoming` is not in `current` yet, matched one for one."""
    have_sessions = Counter(_session_key(s) for s in current.sessions)
    have_checkins = Counter(_checkin_key(c) for c in current.checkins)
    have_runs = Counter(_run_key(r) for r in current.runs if r.started_at is None)
    timed_runs = _TimedRuns(r for r in current.runs if r.started_at is not None)
    new = NewEntries()
    new.sessions = [s for s in incoming.sessions if not _take(have_sessions, _session_key(s))]
    new.checkins = [c for c in incoming.checkins if not _take(have_checkins, _checkin_key(c))]
    for r in incoming.runs:
        if r.started_at is not None:
            if timed_runs.holds(r):
                continue
            timed_runs.add(r)
        elif _take(have_runs, _run_key(r)):
            continue
        new.runs.append(r)
    return new


def _insert(user: User, new: NewEntries) -> None:
    """Plain multi-row INSERTs of values prepared in Python: the ORM's bulk_create spent
    over 10 s preparing a 54,000-entry import while it held the write lock. The lock also
    means the runner's new sessions are the ones above the highest id seen before."""
    before = _highest_id(m.TrainingSession, user)
    _insert_rows(
        m.TrainingSession, ["user", "date", "feeling_after", "created"], _session_rows(user, new)
    )
    ids = list(
        m.TrainingSession.objects.filter(user=user, id__gt=before)
        .order_by("id")
        .values_list("id", flat=True)
    )
    now = timezone.now()
    sets = [
        (session_id, x.exercise, x.reps, x.pain, x.form, now)
        for session_id, s in zip(ids, new.sessions, strict=True)
        for x in s.sets
    ]
    _insert_rows(m.SetEntry, ["session", "exercise", "reps", "pain", "form", "created"], sets)
    items = [
        (session_id, x.exercise, x.outcome, now)
        for session_id, s in zip(ids, new.sessions, strict=True)
        for x in s.items
    ]
    _insert_rows(m.ItemEntry, ["session", "exercise", "outcome", "created"], items)
    checkins = [(user.pk, c.date, c.morning_pain, list(c.red_flags), now) for c in new.checkins]
    _insert_rows(m.Checkin, ["user", "date", "morning_pain", "red_flags", "created"], checkins)
    runs = [
        (
            user.pk,
            r.date,
            r.km,
            r.minutes,
            r.pain_during,
            r.pain_after,
            r.started_at,
            list(r.red_flags),
            "",
            False,
            now,
        )
        for r in new.runs
    ]
    columns = [
        "user",
        "date",
        "km",
        "minutes",
        "pain_during",
        "pain_after",
        "started_at",
        "red_flags",
        "source",
        "asks_for_pain",
        "created",
    ]
    _insert_rows(m.Run, columns, runs)


def _session_rows(user: User, new: NewEntries) -> list[tuple[Any, ...]]:
    now = timezone.now()
    return [(user.pk, s.date, s.feeling_after, now) for s in new.sessions]


def _highest_id(model: type[Model], user: User) -> int:
    found = model._default_manager.filter(user=user).aggregate(Max("id"))["id__max"]
    return int(found or 0)


def _insert_rows(model: type[Model], names: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Rows in one go (COPY on PostgreSQL, executemany on SQLite), each value adapted by
    its field for this database."""
    if not rows:
        return
    fields = [_stored_field(model, name) for name in names]
    adapt = [_adapter(f) for f, _ in fields]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(column) for _, column in fields)
    prepared = [tuple(a(v) for a, v in zip(adapt, row, strict=True)) for row in rows]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: Django's psycopg cursor binds values in Python, one statement at a time.
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in prepared:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(fields))
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", prepared)


def _stored_field(model: type[Model], name: str) -> tuple[Field[Any, Any], str]:
    """A field stored in the model's own table, with its column."""
    found = model._meta.get_field(name)
    # get_field also finds relations seen from the other table, which have no column here.
    if not isinstance(found, Field) or found.column is None:
        raise TypeError(f"{model.__name__}.{name} is not a column of its table")
    return found, found.column


def _adapter(field: Field[Any, Any]) -> Callable[[Any], Any]:
    """The cheap conversion for plain values; the field's own for JSON and dates, made
    once per distinct value (an import repeats the same few days, flags and moments)."""
    if field.get_internal_type() not in ("JSONField", "DateField", "DateTimeField"):
        return lambda value: value
    db = connections["default"]
    seen: dict[Any, Any] = {}

    def adapt(value: Any) -> Any:
        key = tuple(value) if isinstance(value, list) else value
        if key not in seen:
            seen[key] = field.get_db_prep_save(value, db)
        return seen[key]

    return adapt


def _session_key(s: Session) -> tuple[Any, ...]:
    """A session is known by its date and sets (its items when it has no sets). Not by
    its feeling or items beside sets: an older export of a session rated or added to since
    would otherwise come in again as a second session with the same sets."""
    if s.sets:
        return (s.date, tuple(sorted((x.exercise, x.reps, x.pain, x.form) for x in s.sets)))
    return (s.date, (), tuple(sorted((x.exercise, x.outcome) for x in s.items)))


def _run_key(r: Run) -> tuple[Any, ...]:
    minutes = None if r.minutes is None else round(r.minutes, 2)
    return (r.date, round(r.km, 3), minutes, r.started_at, r.red_flags)


class _TimedRuns:
    """Timed runs by start, so a new one is compared with its neighbours within a minute
    only: comparing each with all made a large import hold the database for minutes."""

    def __init__(self, runs: Iterable[Run]) -> None:
        self.starts: list[dt.datetime] = []
        self.runs: list[Run] = []
        for run in runs:
            self.add(run)

    def add(self, run: Run) -> None:
        assert run.started_at is not None
        at = bisect.bisect(self.starts, run.started_at)
        self.starts.insert(at, run.started_at)
        self.runs.insert(at, run)

    def holds(self, run: Run) -> bool:
        assert run.started_at is not None
        window = dt.timedelta(seconds=SAME_RUN_SECONDS)
        first = bisect.bisect_left(self.starts, run.started_at - window)
        last = bisect.bisect_right(self.starts, run.started_at + window)
        return any(same_run(run, other) for other in self.runs[first:last])


def _take(stored: Counter[tuple[Any, ...]], key: tuple[Any, ...]) -> bool:
    """Match one stored entry with this key, if one is left unmatched."""
    if stored[key] > 0:
        stored[key] -= 1
        return True
    return False


def _checkin_key(c: Checkin) -> tuple[Any, ...]:
    return (c.date, c.morning_pain, c.red_flags)
