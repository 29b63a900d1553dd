"""Reads: stored rows as core models (and the few rows the pages list). With
`services`, the only place the coach app and the API query the database."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

from django.db import connection, transaction
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

from backstride.core.history import Checkin, History, ItemLog, Outcome, Run, Session, SetLog
from backstride.core.preferences import Preferences
from backstride.core.profile import Profile
from backstride.core.reminders import Reminders
from backstride.core.vocab import Form
from backstride.web.accounts.models import User
from backstride.web.coach import models as m

# An entry kind as the pages and the API name it, with its table.
ENTRY_MODELS: dict[str, type[Model]] = {
    "session": m.TrainingSession,
    "checkin": m.Checkin,
    "run": m.Run,
}


def data_version_of(user: User) -> str:
    """The version of the runner's stored facts ("" before their first write)."""
    return versions_of(user)[0]


def versions_of(user: User) -> tuple[str, str]:
    """The version of all the runner's facts, and of all but today's guided sets."""
    found = m.DataVersion.objects.filter(user_id=user.pk).values_list("version", "base")
    return next(iter(found), ("", ""))


def profile_of(user: User) -> Profile | None:
    row = m.RunnerProfile.objects.filter(user=user).first()
    return Profile.model_validate(row.data) if row else None


def facts_of(user: User) -> tuple[tuple[str, str], Profile | None, History]:
    """The versions, the profile and the history as one snapshot, so a write landing
    between the reads cannot pair one version's key with another version's facts."""
    with _snapshot():
        return versions_of(user), profile_of(user), _read_history(user)


def history_of(user: User) -> History:
    """Stored rows were validated on the way in, so they are rebuilt without re-checking.
    The whole read is one snapshot (on PostgreSQL, repeatable read), so a session and its
    sets and items are read as they stood together."""
    with _snapshot():
        return _read_history(user)


@contextlib.contextmanager
def _snapshot() -> Iterator[None]:
    """One snapshot for several queries. On PostgreSQL, a repeatable-read transaction
    (unless inside one already). SQLite in WAL mode gives each statement its own snapshot
    and a transaction here would take its write lock (IMMEDIATE mode), so there a
    deferred read transaction is opened by hand: it holds one snapshot, and no lock
    against writers, from its first read to its end."""
    if connection.in_atomic_block:
        yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            yield
        return
    if connection.vendor == "sqlite" and connection.get_autocommit():
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
            try:
                yield
            finally:
                cursor.execute("COMMIT")
        return
    yield


def _read_history(user: User) -> History:
    # Oldest first, then in the order stored: an export imported elsewhere exports the same.
    return History.model_construct(
        sessions=_read_sessions(user),
        checkins=tuple(
            Checkin.model_construct(date=d, morning_pain=p, red_flags=tuple(f))
            for d, p, f in m.Checkin.objects.filter(user=user)
            .order_by("date", "id")
            .values_list("date", "morning_pain", "red_flags")
        ),
        runs=tuple(
            Run.model_construct(
                date=d,
                km=k,
                minutes=mi,
                pain_during=pd,
                pain_after=pa,
                started_at=st,
                red_flags=tuple(f),
            )
            for d, k, mi, pd, pa, st, f in m.Run.objects.filter(user=user)
            .order_by("date", "id")
            .values_list(
                "date", "km", "minutes", "pain_during", "pain_after", "started_at", "red_flags"
            )
        ),
    )


def _read_sessions(user: User) -> tuple[Session, ...]:
    """Each session with its sets and its items. Sets and items each come with their
    session's date and feeling in one query, so neither can find its session missing; a
    session row holding neither is no session."""
    heads: dict[int, tuple[dt.date, int | None]] = {}
    sets: dict[int, list[SetLog]] = {}
    items: dict[int, list[ItemLog]] = {}
    for session_id, day, feeling, *values in (
        m.SetEntry.objects.filter(session__user=user)
        .order_by("session_id", "id")
        .values_list(
            "session_id",
            "session__date",
            "session__feeling_after",
            "exercise",
            "reps",
            "pain",
            "form",
        )
    ):
        heads[session_id] = (day, feeling)
        sets.setdefault(session_id, []).append(_set_log(*values))
    for session_id, day, feeling, exercise, outcome in (
        m.ItemEntry.objects.filter(session__user=user)
        .order_by("session_id", "id")
        .values_list("session_id", "session__date", "session__feeling_after", "exercise", "outcome")
    ):
        heads[session_id] = (day, feeling)
        items.setdefault(session_id, []).append(_item_log(exercise, outcome))
    # Oldest first, then in the order stored.
    return tuple(
        Session.model_construct(
            date=day,
            sets=tuple(sets.get(i, ())),
            feeling_after=feeling,
            items=tuple(items.get(i, ())),
        )
        for i, (day, feeling) in sorted(heads.items(), key=lambda h: (h[1][0], h[0]))
    )


@functools.lru_cache(maxsize=8192)
def _set_log(exercise: str, reps: int, pain: int, form: str) -> SetLog:
    """A set is a frozen value with few possible contents, so one object serves every
    set alike: a year holds about 1,800 sets and building each anew was half of the read."""
    # The column's choices are Form's values, and only validated sets are stored in it.
    return SetLog.model_construct(exercise=exercise, reps=reps, pain=pain, form=cast(Form, form))


@functools.lru_cache(maxsize=1024)
def _item_log(exercise: str, outcome: str) -> ItemLog:
    # As for sets: only validated items are stored, and the column's choices are Outcome's.
    return ItemLog.model_construct(exercise=exercise, outcome=cast(Outcome, outcome))


def sets_on(user: User, day: dt.date) -> list[SetLog]:
    """Every set the runner logged on that day, in the order they were saved."""
    rows = (
        m.SetEntry.objects.filter(session__user=user, session__date=day)
        .order_by("id")
        .values_list("exercise", "reps", "pain", "form")
    )
    return [_set_log(*row) for row in rows]


@dataclass(frozen=True)
class SessionDay:
    """What the guided session saved on one day: its sets and items in the order saved,
    the feeling given at the end, and when the first and the last thing was saved."""

    sets: list[SetLog]
    items: list[ItemLog]
    feeling_after: int | None
    first: dt.datetime | None
    last: dt.datetime | None

    @property
    def logged(self) -> bool:
        return bool(self.sets or self.items)


def session_day(user: User, day: dt.date) -> SessionDay:
    """The day's guided session (every session of that day; the feeling is the latest
    session's, the one the guided session writes to)."""
    with _snapshot():
        sets = m.SetEntry.objects.filter(session__user=user, session__date=day).order_by("id")
        items = m.ItemEntry.objects.filter(session__user=user, session__date=day).order_by("id")
        set_rows = list(sets.values_list("exercise", "reps", "pain", "form", "created"))
        item_rows = list(items.values_list("exercise", "outcome", "created"))
        feeling = latest_session_on(user, day)
    moments = [row[-1] for row in set_rows] + [row[-1] for row in item_rows]
    return SessionDay(
        sets=[_set_log(*row[:4]) for row in set_rows],
        items=[_item_log(*row[:2]) for row in item_rows],
        feeling_after=feeling[1] if feeling else None,
        first=min(moments, default=None),
        last=max(moments, default=None),
    )


def items_on(user: User, day: dt.date) -> list[ItemLog]:
    """Every item done or skipped on that day, in the order they were saved."""
    rows = (
        m.ItemEntry.objects.filter(session__user=user, session__date=day)
        .order_by("id")
        .values_list("exercise", "outcome")
    )
    return [_item_log(*row) for row in rows]


def latest_session_on(user: User, day: dt.date) -> tuple[int, int | None] | None:
    """The id and feeling of the day's latest session, the one the guided session adds to."""
    found = m.TrainingSession.objects.filter(user=user, date=day).order_by("-id")
    return found.values_list("id", "feeling_after").first()


def session_model(row: m.TrainingSession) -> Session:
    sets = tuple(
        SetLog(exercise=s.exercise, reps=s.reps, pain=s.pain, form=s.form) for s in row.sets.all()
    )
    items = tuple(ItemLog(exercise=i.exercise, outcome=i.outcome) for i in row.items.all())
    return Session(date=row.date, sets=sets, feeling_after=row.feeling_after, items=items)


def checkin_model(row: m.Checkin) -> Checkin:
    return Checkin(date=row.date, morning_pain=row.morning_pain, red_flags=tuple(row.red_flags))


def run_model(row: m.Run) -> Run:
    return Run(
        date=row.date,
        km=row.km,
        minutes=row.minutes,
        pain_during=row.pain_during,
        pain_after=row.pain_after,
        started_at=row.started_at,
        red_flags=tuple(row.red_flags),
    )


def session_json(row: m.TrainingSession) -> dict[str, Any]:
    return {"id": row.id, **session_model(row).model_dump(mode="json")}


def checkin_json(row: m.Checkin) -> dict[str, Any]:
    return {"id": row.id, **checkin_model(row).model_dump(mode="json")}


def run_json(row: m.Run) -> dict[str, Any]:
    return {"id": row.id, **run_model(row).model_dump(mode="json")}


def export(user: User) -> dict[str, Any]:
    """Everything the runner stored, in the import format (DESIGN section 5)."""
    profile = profile_of(user)
    return {
        "schema_version": 1,
        "profile": profile.model_dump(mode="json") if profile else None,
        "history": history_of(user).model_dump(mode="json"),
    }


def own_rows(user: User, kind: str) -> QuerySet[Any]:
    """The runner's entries of one kind, newest first; sessions come with their sets and
    items."""
    rows: QuerySet[Any] = ENTRY_MODELS[kind]._default_manager.filter(user=user)
    return rows.prefetch_related("sets", "items") if kind == "session" else rows


def own_row(user: User, kind: str, item_id: int) -> Any:
    """One of the runner's entries; another runner's id is simply not found (404)."""
    return get_object_or_404(own_rows(user, kind), id=item_id)


def entries_on(user: User, day: dt.date) -> dict[str, QuerySet[Any]]:
    """The day's check-ins and runs, for the Today page."""
    return {
        "checkins": m.Checkin.objects.filter(user=user, date=day),
        "runs": m.Run.objects.filter(user=user, date=day),
    }


def runs_near(user: User, start: dt.datetime, end: dt.datetime) -> list[m.Run]:
    """Stored runs that started in the window, oldest first (duplicate detection)."""
    return list(m.Run.objects.filter(user=user, started_at__range=(start, end)).order_by("id"))


def runs_to_rate(user: User) -> QuerySet[m.Run]:
    """The runner's imported runs still waiting for their pain, newest first."""
    return m.Run.objects.filter(user=user, asks_for_pain=True).order_by("-date", "-id")


def receipt_of(user: User, key: str) -> tuple[int, Any] | None:
    """The answer stored for an idempotency key, or None when the key is new."""
    found = m.WriteReceipt.objects.filter(user=user, key=key).first()
    return (found.status, found.body) if found else None


def preferences_of(user: User) -> Preferences:
    """The runner's choices, or the defaults before they made any."""
    row = m.Preferences.objects.filter(user_id=user.pk).first()
    if row is None:
        return Preferences()
    reminders = Reminders(
        strength=row.remind_strength, run=row.remind_run, mobility=row.remind_mobility
    )
    return Preferences(unit=cast(Any, row.distance_unit), reminders=reminders)
