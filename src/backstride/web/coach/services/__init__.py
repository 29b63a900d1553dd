"""Writes: each one transaction, with keyword-only arguments, that also gives the runner's
facts a new data version (the derived-state cache's key). With `selectors`, the only place
the coach app and the API touch the database."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db import connection
from django.utils import timezone

from backstride.core.history import Checkin, History, Run, Session, SetLog
from backstride.core.plan import StrengthItem
from backstride.core.preferences import Preferences
from backstride.core.profile import Profile
from backstride.core.session_flow import (
    Decision,
    SetDecision,
    Step,
    decide_feeling,
    decide_items,
    decide_set,
)
from backstride.web.accounts.models import User
from backstride.web.coach import models as m
from backstride.web.coach import selectors
from backstride.web.coach.services.gate import write_transaction


def touch(user_id: int, *, todays_set: bool = False) -> None:
    """Inside the write's transaction: a new version of the runner's facts, so every
    cached derivation of the old ones is passed over from the commit on. A set logged in
    today's session leaves the base version (all but today's sets) as it was."""
    new = uuid.uuid4().hex
    m.DataVersion.objects.bulk_create(
        [m.DataVersion(user_id=user_id, version=new, base="" if todays_set else new)],
        update_conflicts=True,
        unique_fields=["user"],
        update_fields=["version"] if todays_set else ["version", "base"],
    )


def lock_runner(user: User) -> None:
    """Inside a transaction: wait for, then hold, this runner's write lock, so a check
    before a write (is this set or run already stored?) still holds when the write lands.
    PostgreSQL locks the account's row; SQLite's IMMEDIATE transactions already take the
    database's one write lock at their start, so there it asks nothing more."""
    if connection.vendor != "sqlite":
        list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk"))


def save_profile(*, user: User, profile: Profile) -> None:
    with write_transaction():
        m.RunnerProfile.objects.update_or_create(
            user=user, defaults={"data": profile.model_dump(mode="json")}
        )
        touch(user.pk)


def add_session(*, user: User, session: Session) -> m.TrainingSession:
    with write_transaction():
        row = m.TrainingSession.objects.create(
            user=user, date=session.date, feeling_after=session.feeling_after
        )
        m.SetEntry.objects.bulk_create(
            m.SetEntry(session=row, exercise=s.exercise, reps=s.reps, pain=s.pain, form=s.form)
            for s in session.sets
        )
        m.ItemEntry.objects.bulk_create(
            m.ItemEntry(session=row, exercise=i.exercise, outcome=i.outcome) for i in session.items
        )
        touch(user.pk)
    return row


def _session_row_on(user: User, day: dt.date) -> int:
    """Inside a write: the id of the day's latest session, which the guided session adds
    to, made when the day has none yet."""
    found = selectors.latest_session_on(user, day)
    return found[0] if found else m.TrainingSession.objects.create(user=user, date=day).id


def _touch_today(user: User, day: dt.date) -> None:
    # Checked at the write: something sent just before midnight for the day before is a
    # change to the past, which the plan as today began does read.
    touch(user.pk, todays_set=day == timezone.localdate())


def add_set(
    *,
    user: User,
    day: dt.date,
    items: list[StrengthItem],
    set_log: SetLog,
    set_number: int | None,
) -> SetDecision:
    """One set of the guided session, as core decides it against the sets already stored
    that day (read under the runner's write lock, so a resend racing its first copy is
    still seen as the same set); stored only when the decision says so."""
    with write_transaction():
        lock_runner(user)
        skipped = {i.exercise for i in selectors.items_on(user, day) if i.outcome == "skipped"}
        decision = decide_set(items, selectors.sets_on(user, day), set_log, set_number, skipped)
        if decision.outcome != "store":
            return decision
        m.SetEntry.objects.create(
            session_id=_session_row_on(user, day),
            exercise=set_log.exercise,
            reps=set_log.reps,
            pain=set_log.pain,
            form=set_log.form,
        )
        _touch_today(user, day)
    return decision


def add_items(
    *, user: User, day: dt.date, steps: list[Step], sent: list[tuple[str, str]]
) -> list[Decision]:
    """Done or skipped for items of the guided session (several at once when the optional
    extras are all left out), as core decides against what is saved that day, read under
    the runner's write lock so a double tap is seen as one. All or nothing."""
    with write_transaction():
        lock_runner(user)
        saved = selectors.session_day(user, day)
        decisions = decide_items(steps, saved.sets, saved.items, sent)
        new = [x for x, d in zip(sent, decisions, strict=True) if d.outcome == "store"]
        if new:
            session_id = _session_row_on(user, day)
            m.ItemEntry.objects.bulk_create(
                m.ItemEntry(session_id=session_id, exercise=exercise, outcome=outcome)
                for exercise, outcome in new
            )
            # Like a set, an item of today's session is no fact the day's start reads.
            _touch_today(user, day)
    return decisions


def rate_session(*, user: User, day: dt.date, feeling: int | None) -> Decision:
    """How the back feels at the end, stored with the day's latest session."""
    with write_transaction():
        lock_runner(user)
        found = selectors.latest_session_on(user, day)
        saved = selectors.session_day(user, day)
        decision = decide_feeling(saved.logged, found[1] if found else None, feeling)
        if decision.outcome == "store" and found is not None:
            m.TrainingSession.objects.filter(id=found[0]).update(feeling_after=feeling)
            _touch_today(user, day)
    return decision


def add_checkin(*, user: User, checkin: Checkin) -> m.Checkin:
    with write_transaction():
        row = m.Checkin.objects.create(
            user=user,
            date=checkin.date,
            morning_pain=checkin.morning_pain,
            red_flags=list(checkin.red_flags),
        )
        touch(user.pk)
    return row


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


def add_run(*, user: User, run: Run, source: str = "", asks_for_pain: bool = False) -> m.Run:
    with write_transaction():
        row = run_row(user, run, source, asks_for_pain)
        row.save()
        touch(user.pk)
    return row


def update_checkin(*, row: m.Checkin, checkin: Checkin) -> None:
    with write_transaction():
        row.date, row.morning_pain, row.red_flags = (
            checkin.date,
            checkin.morning_pain,
            list(checkin.red_flags),
        )
        row.save()
        touch(row.user_id)


def update_run(*, row: m.Run, run: Run) -> None:
    """A run the runner has edited by hand no longer needs its pain asked for."""
    with write_transaction():
        row.date, row.km, row.minutes = run.date, run.km, run.minutes
        row.pain_during, row.pain_after, row.asks_for_pain = (
            run.pain_during,
            run.pain_after,
            False,
        )
        row.red_flags = list(run.red_flags)
        row.save()
        touch(row.user_id)


def update_session(*, row: m.TrainingSession, session: Session) -> None:
    """The session keeps its id; its sets are replaced by the corrected ones."""
    with write_transaction():
        row.date = session.date
        row.save()
        row.sets.all().delete()
        m.SetEntry.objects.bulk_create(
            m.SetEntry(session=row, exercise=s.exercise, reps=s.reps, pain=s.pain, form=s.form)
            for s in session.sets
        )
        touch(row.user_id)


def delete_entry(*, user: User, kind: str, item_id: int) -> Any:
    """Delete one of the runner's entries (404 for another runner's); the deleted row."""
    with write_transaction():
        row = selectors.own_row(user, kind, item_id)
        row.delete()
        touch(user.pk)
    return row


def rate_run(*, row: m.Run, pain: dict[str, float | None]) -> None:
    """An imported run's pain (and duration) as rated, and stop asking for it."""
    with write_transaction():
        m.Run.objects.filter(id=row.id).update(asks_for_pain=False, **pain)
        touch(row.user_id)


def skip_all_ratings(*, user: User) -> int:
    """Stop asking about every waiting run; how many there were. Not asking changes no
    fact the plan reads, but the version moves anyway: the rows changed."""
    with write_transaction():
        count = m.Run.objects.filter(user=user, asks_for_pain=True).update(asks_for_pain=False)
        touch(user.pk)
    return count


def import_data(*, user: User, profile: Profile | None, history: History) -> dict[str, int]:
    """See `bulk_import.import_data`, which bumps the version in its own transaction."""
    from backstride.web.coach.services.bulk_import import import_data as add_new

    return add_new(user, profile, history)


def store_receipt(*, user: User, key: str, status: int, body: Any) -> None:
    m.WriteReceipt.objects.create(user=user, key=key, status=status, body=body)


def save_preferences(*, user: User, preferences: Preferences) -> None:
    """No fact changes, so the data version stays: nothing derived reads these."""
    reminders = preferences.reminders
    m.Preferences.objects.update_or_create(
        user=user,
        defaults={
            "distance_unit": preferences.unit,
            "remind_strength": reminders.strength,
            "remind_run": reminders.run,
            "remind_mobility": reminders.mobility,
        },
    )
