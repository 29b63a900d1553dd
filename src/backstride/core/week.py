"""The plan's week: the seven days from today, today first, with the strength days placed
from the last logged strength session (never two within 48 h) and runs on the other days
first. The calendar continues the same cadence from the week's own strength days."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Collection, Iterable, Sequence

from pydantic import BaseModel, Field

from backstride.core.history import Run
from backstride.core.vocab import MAX_STRENGTH_DAYS, RunningMode

WEEK_DAYS = 7
# 48 h between strength sessions: two calendar days from one to the next, at the least.
MIN_GAP_DAYS = 2
RUN_WORDS = ("run", "walk_or_cross_train")
# A run's length in the calendar: the median of the latest timed runs, else 45 minutes.
DEFAULT_RUN_MINUTES = 45
USUAL_RUNS = 10


class Day(BaseModel):
    day: int = Field(ge=1, le=7, description="The day of the week, Monday = 1.")
    date: dt.date = Field(description="The calendar date of this day (YYYY-MM-DD).")
    today: bool = Field(description="True for today, which is always the week's first day.")
    activities: list[str]


def strength_gap(per_week: int) -> int:
    """Days from one strength day to the next: the week shared out evenly (3 a week: 2 days,
    2 a week: 3 days, 1 a week: 7 days), never under 48 h."""
    return max(MIN_GAP_DAYS, WEEK_DAYS // max(1, per_week))


def strength_dates(
    logged: Iterable[dt.date], today: dt.date, per_week: int, days: int = WEEK_DAYS
) -> list[dt.date]:
    """The strength days among the `days` days from today. `logged`: the days with strength
    sets (later ones are ignored). A session logged today makes today a strength day; any
    other day is one when it comes `strength_gap` days or more after the last strength day
    (logged or placed) and the six days before it hold fewer than `per_week` (capped at 3).
    With nothing logged yet the first strength day is today."""
    per_week = max(1, min(per_week, MAX_STRENGTH_DAYS))
    gap = strength_gap(per_week)
    so_far = {d for d in logged if d <= today}
    placed: list[dt.date] = []
    for offset in range(days):
        day = today + dt.timedelta(days=offset)
        last = max(so_far, default=None)
        rested = last is None or (day - last).days >= gap
        recent = sum(1 for d in so_far if 0 < (day - d).days < WEEK_DAYS)
        if day in so_far or (rested and recent < per_week):
            so_far.add(day)
            placed.append(day)
    return placed


def run_gap(per_week: int) -> int:
    """Days from one run to the next when the week allows it (3 a week: every other day)."""
    return max(1, WEEK_DAYS // max(1, per_week))


def run_dates(
    ran: Iterable[dt.date], start: dt.date, strength: Collection[dt.date], per_week: int
) -> list[dt.date]:
    """The run days among the seven from `start`, one entry per run (a day twice for a
    double). Like strength, runs follow what was done: a run logged on `start` keeps it a
    run day, and the next comes `run_gap` days after the last run (logged or placed) on a
    day without strength, with never more than `per_week` in any seven days. Only when
    that leaves runs unplaced do they go closer together, then on strength days, then
    twice a day (more than seven a week)."""
    if per_week <= 0:
        return []
    dates = [start + dt.timedelta(days=i) for i in range(WEEK_DAYS)]
    before = [d for d in ran if d < start]
    placed: list[dt.date] = [start] if start in set(ran) else []
    gap = run_gap(per_week)

    def fits(day: dt.date, spaced: bool) -> bool:
        runs = before + placed
        # Every seven days that would hold this run, before and after it, stay within the week's.
        for back in range(WEEK_DAYS):
            first = day - dt.timedelta(days=back)
            if sum(1 for d in runs if 0 <= (d - first).days < WEEK_DAYS) >= per_week:
                return False
        last = max((d for d in runs if d < day), default=None)
        return not spaced or last is None or (day - last).days >= gap

    free = [d for d in dates if d not in strength]
    passes = ((free, True), (free, False), ([d for d in dates if d in strength], False))
    for days, spaced in passes:
        for day in days:
            if len(placed) < per_week and day not in placed and fits(day, spaced):
                placed.append(day)
                placed.sort()
    doubles = per_week - WEEK_DAYS
    if doubles > 0:
        placed += [dates[(i * WEEK_DAYS) // doubles] for i in range(min(doubles, WEEK_DAYS))]
    return sorted(placed)


def build_week(
    start: dt.date,
    strength: Collection[dt.date],
    runs_per_week: int,
    mode: RunningMode,
    has_extras: bool,
    today: dt.date | None = None,
    ran: Iterable[dt.date] = (),
) -> list[Day]:
    """The seven days from `start` with the given strength days and runs placed from the
    runs in `ran`; `today` (default `start`) is the day marked as today."""
    dates = [start + dt.timedelta(days=i) for i in range(WEEK_DAYS)]
    runs = run_dates(ran, start, strength, runs_per_week)
    run_word = "walk_or_cross_train" if mode == "paused" else "run"
    week: list[Day] = []
    for date in dates:
        activities: list[str] = []
        if date in strength:
            activities.append("strength")
            if has_extras:
                activities.append("extras")
        activities += [run_word] * runs.count(date)
        activities.append("mobility")
        if date not in strength and date not in runs:
            activities.append("rest")
        week.append(
            Day(
                day=date.isoweekday(),
                date=date,
                today=date == (start if today is None else today),
                activities=activities,
            )
        )
    return week


def continued(week: Sequence[Day], per_week: int, weeks: int) -> list[Day]:
    """The plan's week followed by `weeks - 1` more at the same cadence: each later week's
    strength days follow on from the ones before it, its runs and extras as in the first."""
    days = list(week)
    if not days:
        return days
    runs = sum(a in RUN_WORDS for d in week for a in d.activities)
    mode: RunningMode = (
        "paused" if any("walk_or_cross_train" in d.activities for d in week) else "normal"
    )
    extras = any("extras" in d.activities for d in week)
    today = days[0].date
    for _ in range(weeks - 1):
        start = days[-1].date + dt.timedelta(days=1)
        logged = [d.date for d in days if "strength" in d.activities]
        ran = [d.date for d in days for a in d.activities if a in RUN_WORDS]
        strength = strength_dates(logged, start, per_week)
        days += build_week(start, strength, runs, mode, extras, today=today, ran=ran)
    return days


def usual_run_minutes(runs: Sequence[Run]) -> int:
    """The runner's usual run, in whole minutes: the median of their latest timed runs
    (`runs` in date order), or 45 minutes before they have any."""
    timed = [r.minutes for r in runs if r.minutes is not None][-USUAL_RUNS:]
    if not timed:
        return DEFAULT_RUN_MINUTES
    return max(1, round(statistics.median(timed)))
