"""Entries the runner may have given twice: a run that is already stored, and a second
morning check-in on a day that has one."""

from __future__ import annotations

from collections.abc import Sequence

from backstride.core.fields import unique
from backstride.core.history import SAME_RUN_DISTANCE, Checkin, Run, same_run


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= SAME_RUN_DISTANCE * max(a, b)


def same_logged_run(new: Run, stored: Run) -> bool:
    """The same run given again. Two with start times are one run as two files are (DESIGN
    section 5: starts within a minute, distances within 1%). A run typed by hand has only a
    date, so then it is the same date, the distance within 1% and the minutes within 1% (or
    both without minutes): two real runs on one day rarely match that closely."""
    if new.started_at is not None and stored.started_at is not None:
        return same_run(new, stored)
    if new.date != stored.date or not _close(new.km, stored.km):
        return False
    if new.minutes is None or stored.minutes is None:
        return new.minutes is None and stored.minutes is None
    return _close(new.minutes, stored.minutes)


def needs_confirming(day: Sequence[Checkin], new: Checkin) -> bool:
    """A second check-in of a day replaces the first only once the runner says so. One that
    brings a warning sign the day did not hold yet is never held back: the sign must reach
    triage at once (the runner could still choose to keep the first)."""
    if not day:
        return False
    noted = {flag for c in day for flag in c.red_flags}
    return not set(new.red_flags) - noted


def replacement(day: Sequence[Checkin], new: Checkin) -> Checkin:
    """The day's one check-in after a replace: the new pain, and every warning sign noted
    that day. A sign once reported is not dropped by a later check-in; a mistaken one is
    corrected on purpose, from the history."""
    flags = unique((*new.red_flags, *(f for c in day for f in c.red_flags)))
    return new.model_copy(update={"red_flags": flags})
