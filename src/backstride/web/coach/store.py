"""The only place that turns stored rows into core models and back; views and the API call it."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from backstride.core.history import (
    SAME_RUN_SECONDS,
    Checkin,
    History,
    Run,
    Session,
    SetLog,
    same_run,
)
from backstride.core.plan import PlanResult
from backstride.core.profile import Profile
from backstride.core.programme import build_programme
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
    plain value queries keep this cheap, as every plan request replays the whole history."""
    # Oldest first, then in the order stored: an export imported elsewhere exports the same.
    days = dict(
        m.TrainingSession.objects.filter(user=user).order_by("date", "id").values_list("id", "date")
    )
    sets: dict[int, list[SetLog]] = {session_id: [] for session_id in days}
    rows = (
        m.SetEntry.objects.filter(session__user=user)
        .order_by("session_id", "id")
        .values_list("session_id", "exercise", "reps", "pain", "form")
    )
    for session_id, exercise, reps, pain, form in rows:
        sets[session_id].append(_set_log(exercise, reps, pain, form))
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
            Session.model_construct(date=days[i], sets=tuple(group))
            for i, group in sets.items()
            if group
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


def add_set(user: User, day: dt.date, set_log: SetLog) -> m.SetEntry:
    """Append one set to the runner's session of that day, starting it if needed."""
    with transaction.atomic():
        row = m.TrainingSession.objects.filter(user=user, date=day).order_by("-id").first()
        if row is None:
            row = m.TrainingSession.objects.create(user=user, date=day)
        return m.SetEntry.objects.create(
            session=row,
            exercise=set_log.exercise,
            reps=set_log.reps,
            pain=set_log.pain,
            form=set_log.form,
        )


def add_checkin(user: User, checkin: Checkin) -> m.Checkin:
    return m.Checkin.objects.create(
        user=user,
        date=checkin.date,
        morning_pain=checkin.morning_pain,
        red_flags=list(checkin.red_flags),
    )


def add_run(user: User, run: Run, source: str = "", asks_for_pain: bool = False) -> m.Run:
    """Store a run; `asks_for_pain` marks an imported run whose pain is still to be asked."""
    return m.Run.objects.create(
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


def _session_key(s: Session) -> tuple[Any, ...]:
    return (s.date, tuple(sorted((x.exercise, x.reps, x.pain, x.form) for x in s.sets)))


def _run_key(r: Run) -> tuple[Any, ...]:
    minutes = None if r.minutes is None else round(r.minutes, 2)
    return (r.date, round(r.km, 3), minutes, r.started_at, r.red_flags)


def import_data(user: User, profile: Profile | None, history: History) -> dict[str, int]:
    """Set the profile and add the history items not stored yet; never delete anything.
    Entries are matched one for one, so two identical check-ins (or untimed runs, or
    sessions) in a file are both kept, and importing the same file again adds nothing.
    A timed run is one run with any stored record of it (DESIGN 5: the same run from two
    files)."""
    current = history_of(user)
    have_sessions = Counter(_session_key(s) for s in current.sessions)
    have_checkins = Counter(_checkin_key(c) for c in current.checkins)
    have_runs = Counter(_run_key(r) for r in current.runs if r.started_at is None)
    timed_runs = _TimedRuns(r for r in current.runs if r.started_at is not None)
    added = {"sessions": 0, "checkins": 0, "runs": 0}
    with transaction.atomic():
        if profile is not None:
            save_profile(user, profile)
        for s in history.sessions:
            if not _take(have_sessions, _session_key(s)):
                add_session(user, s)
                added["sessions"] += 1
        for c in history.checkins:
            if not _take(have_checkins, _checkin_key(c)):
                add_checkin(user, c)
                added["checkins"] += 1
        for r in history.runs:
            if r.started_at is not None:
                if timed_runs.holds(r):
                    continue
                timed_runs.add(r)
            elif _take(have_runs, _run_key(r)):
                continue
            add_run(user, r)
            added["runs"] += 1
    return added


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
