"""Writes that first look at what the day holds, under the runner's write lock (so a double
tap is seen as one): a second morning check-in replaces the first only when the runner says
so, and a run that looks stored already is stored only when the runner says it is another."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Generic, TypeVar

from backstride.core.duplicates import needs_confirming, replacement, same_logged_run
from backstride.core.history import SAME_RUN_SECONDS, Checkin, Run
from backstride.web.accounts.models import User
from backstride.web.coach import models as m
from backstride.web.coach import selectors, services
from backstride.web.coach.services.gate import write_transaction

Row = TypeVar("Row", m.Checkin, m.Run)


@dataclass(frozen=True)
class Written(Generic[Row]):
    """The stored row, or (`stored` False) the one already there, with nothing stored."""

    row: Row
    stored: bool


def save_checkin(*, user: User, checkin: Checkin, replace: bool) -> Written[m.Checkin]:
    """The day's check-in. When the day has one already, nothing is stored unless `replace`
    (or the new one brings a warning sign); then the day keeps one check-in, the new one,
    with every warning sign noted that day."""
    with write_transaction():
        services.lock_runner(user)
        rows = list(selectors.entries_on(user, checkin.date)["checkins"].order_by("id"))
        day = [selectors.checkin_model(r) for r in rows]
        if not day:
            return Written(services.add_checkin(user=user, checkin=checkin), stored=True)
        if needs_confirming(day, checkin) and not replace:
            return Written(rows[-1], stored=False)
        m.Checkin.objects.filter(id__in=[r.id for r in rows]).delete()
        row = services.add_checkin(user=user, checkin=replacement(day, checkin))
    return Written(row, stored=True)


def save_run(*, user: User, run: Run, different: bool) -> Written[m.Run]:
    """A run, unless one stored already looks like it (core `same_logged_run`) and the
    runner has not said it is a different run."""
    with write_transaction():
        services.lock_runner(user)
        twin = None if different else stored_twin(user, run)
        if twin is not None:
            return Written(twin, stored=False)
        row = services.add_run(user=user, run=run)
    return Written(row, stored=True)


def stored_twin(user: User, run: Run) -> m.Run | None:
    """Inside a write, under the lock: a stored run that is this one (core
    `same_logged_run`), from those of its date and those started within a minute of it."""
    candidates = list(selectors.entries_on(user, run.date)["runs"].order_by("id"))
    if run.started_at is not None:
        window = dt.timedelta(seconds=SAME_RUN_SECONDS)
        near = selectors.runs_near(user, run.started_at - window, run.started_at + window)
        candidates += [r for r in near if r not in candidates]
    return next((r for r in candidates if same_logged_run(run, selectors.run_model(r))), None)
