"""The only place that turns stored rows into core models and back; views and the API call it."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Iterator
from typing import Any

from django.db import connection, transaction

from backstride.core.history import (
    Checkin,
    History,
    Run,
    Session,
    SetLog,
)
from backstride.core.plan import PlanResult
from backstride.core.profile import Profile
from backstride.core.programme import build_programme
from backstride.core.session_flow import is_new_set
from backstride.web.accounts.models import User
from backstride.web.coach import models as m


def profile_of(user: User) -> Profile | None:
    row = m.RunnerProfile.objects.filter(user=user).first()
    return Profile.model_validate(row.data) if row else None


def save_profile(user: User, profile: Profile) -> None:
    m.RunnerProfile.objects.update_or_create(
        user=user, defaults={"data": profile.model_dump(mode="json")}
    )


def session_model(row: m.TrainingSession) -> Session:
    sets = tuple(
        SetLog(exercise=s.exercise, reps=s.reps, pain=s.pain, form=s.form)  # type: ignore[arg-type]
        for s in row.sets.all()
    )
    return Session(date=row.date, sets=sets)


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


def history_of(user: User) -> History:
    """Stored rows were validated on the way in, so they are rebuilt without re-checking;
    plain value queries keep this cheap, as every plan request replays the whole history.
    Sessions come with their sets in one query, so a set saved meanwhile cannot find its
    session missing; on PostgreSQL the whole read is one snapshot (repeatable read)."""
    with _snapshot():
        return _read_history(user)


@contextlib.contextmanager
def _snapshot() -> Iterator[None]:
    """One snapshot for several queries. SQLite in WAL mode gives each query its own, and
    a transaction here would take its write lock (IMMEDIATE mode), so only PostgreSQL
    reads in a repeatable-read transaction, and only when not inside one already."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def _read_history(user: User) -> History:
    # Oldest first, then in the order stored: an export imported elsewhere exports the same.
    rows = (
        m.SetEntry.objects.filter(session__user=user)
        .order_by("session__date", "session_id", "id")
        .values_list("session_id", "session__date", "exercise", "reps", "pain", "form")
    )
    days: dict[int, dt.date] = {}
    sets: dict[int, list[SetLog]] = {}
    for session_id, day, exercise, reps, pain, form in rows:
        days[session_id] = day
        sets.setdefault(session_id, []).append(_set_log(exercise, reps, pain, form))
    checkins = (
        m.Checkin.objects.filter(user=user)
        .order_by("date", "id")
        .values_list("date", "morning_pain", "red_flags")
    )
    runs = (
        m.Run.objects.filter(user=user)
        .order_by("date", "id")
        .values_list(
            "date", "km", "minutes", "pain_during", "pain_after", "started_at", "red_flags"
        )
    )
    return History.model_construct(
        sessions=tuple(
            Session.model_construct(date=days[i], sets=tuple(group)) for i, group in sets.items()
        ),
        checkins=tuple(
            Checkin.model_construct(date=d, morning_pain=p, red_flags=tuple(f))
            for d, p, f in checkins
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
            for d, k, mi, pd, pa, st, f in runs
        ),
    )


@functools.lru_cache(maxsize=8192)
def _set_log(exercise: str, reps: int, pain: int, form: str) -> SetLog:
    """A set is a frozen value with few possible contents, so one object serves every
    set alike: a year holds about 1,800 sets and building each anew was half of the read."""
    return SetLog.model_construct(exercise=exercise, reps=reps, pain=pain, form=form)


def reports_of(user: User) -> tuple[Checkin | Run, ...]:
    """Every stored entry that carries warning signs, for the triage."""
    return history_of(user).reports()


def plan_of(user: User, today: dt.date) -> tuple[Profile | None, PlanResult | None]:
    profile = profile_of(user)
    if profile is None:
        return None, None
    return profile, build_programme(profile, history_of(user), today)


def add_session(user: User, session: Session) -> m.TrainingSession:
    with transaction.atomic():
        row = m.TrainingSession.objects.create(user=user, date=session.date)
        m.SetEntry.objects.bulk_create(
            m.SetEntry(session=row, exercise=s.exercise, reps=s.reps, pain=s.pain, form=s.form)
            for s in session.sets
        )
    return row


def lock_runner(user: User) -> None:
    """Inside a transaction: wait for, then hold, this runner's write lock, so a check
    before a write (is this set or run already stored?) still holds when the write lands.
    PostgreSQL locks the account's row; SQLite's IMMEDIATE transactions already take the
    database's one write lock at their start."""
    list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk"))


def add_set_once(user: User, day: dt.date, set_log: SetLog, set_number: int | None) -> bool:
    """Append one set to the runner's session of that day, starting it if needed; a set
    number already saved for the exercise (a retry, or the same tap sent twice at once) is
    not stored again. True when the set was stored."""
    with transaction.atomic():
        lock_runner(user)
        if not is_new_set(set_log, set_number, sets_on(user, day)):
            return False
        row = m.TrainingSession.objects.filter(user=user, date=day).order_by("-id").first()
        if row is None:
            row = m.TrainingSession.objects.create(user=user, date=day)
        m.SetEntry.objects.create(
            session=row,
            exercise=set_log.exercise,
            reps=set_log.reps,
            pain=set_log.pain,
            form=set_log.form,
        )
    return True


def add_checkin(user: User, checkin: Checkin) -> m.Checkin:
    return m.Checkin.objects.create(
        user=user,
        date=checkin.date,
        morning_pain=checkin.morning_pain,
        red_flags=list(checkin.red_flags),
    )


def run_row(user: User, run: Run, source: str = "", asks_for_pain: bool = False) -> m.Run:
    """A run as an unsaved row; `asks_for_pain` marks an imported run whose pain is still
    to be asked."""
    return m.Run(
        user=user,
        date=run.date,
        km=run.km,
        minutes=run.minutes,
        pain_during=run.pain_during,
        pain_after=run.pain_after,
        started_at=run.started_at,
        red_flags=list(run.red_flags),
        source=source,
        asks_for_pain=asks_for_pain,
    )


def add_run(user: User, run: Run, source: str = "", asks_for_pain: bool = False) -> m.Run:
    row = run_row(user, run, source, asks_for_pain)
    row.save()
    return row


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


def import_data(user: User, profile: Profile | None, history: History) -> dict[str, int]:
    """See `importing.import_data`; kept here so callers find every write in one place."""
    from backstride.web.coach.importing import import_data as add_new

    return add_new(user, profile, history)


def sets_on(user: User, day: dt.date) -> list[SetLog]:
    """Every set the runner logged on that day, in the order they were saved."""
    rows = m.SetEntry.objects.filter(session__user=user, session__date=day).order_by("id")
    return [
        SetLog(exercise=r.exercise, reps=r.reps, pain=r.pain, form=r.form)  # type: ignore[arg-type]
        for r in rows
    ]


def session_plan(user: User, day: dt.date) -> PlanResult | None:
    """The plan as it stood when the day began: today's sets do not reshuffle today's session."""
    profile = profile_of(user)
    if profile is None:
        return None
    past = history_of(user)
    before = History.model_construct(
        sessions=tuple(s for s in past.sessions if s.date != day),
        checkins=past.checkins,
        runs=past.runs,
    )
    return build_programme(profile, before, day)


def update_checkin(row: m.Checkin, checkin: Checkin) -> None:
    row.date, row.morning_pain, row.red_flags = (
        checkin.date,
        checkin.morning_pain,
        list(checkin.red_flags),
    )
    row.save()


def update_run(row: m.Run, run: Run) -> None:
    """A run the runner has edited by hand no longer needs its pain asked for."""
    row.date, row.km, row.minutes = run.date, run.km, run.minutes
    row.pain_during, row.pain_after, row.asks_for_pain = run.pain_during, run.pain_after, False
    row.red_flags = list(run.red_flags)
    row.save()


def update_session(row: m.TrainingSession, session: Session) -> None:
    """The session keeps its id; its sets are replaced by the corrected ones."""
    with transaction.atomic():
        row.date = session.date
        row.save()
        row.sets.all().delete()
        m.SetEntry.objects.bulk_create(
            m.SetEntry(session=row, exercise=s.exercise, reps=s.reps, pain=s.pain, form=s.form)
            for s in session.sets
        )
