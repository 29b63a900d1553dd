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


def spread(days: list[int], count: int) -> list[int]:
    """Pick `count` of `days`, evenly spaced, keeping their order."""
    if count <= 0:
        return []
    return [days[(i * len(days)) // count] for i in range(min(count, len(days)))]


def run_days(strength: Collection[int], runs: int) -> list[int]:
    """Runs go on non-strength days first, then strength days, then doubles (positions 0-6
    in the week)."""
    free = [d for d in range(WEEK_DAYS) if d not in strength]
    chosen = spread(free, runs)
    if runs > len(free):
        chosen += spread(sorted(strength), runs - len(free))
    if runs > WEEK_DAYS:
        chosen += spread(list(range(WEEK_DAYS)), runs - WEEK_DAYS)
    return chosen


def build_week(
    start: dt.date,
    strength: Collection[dt.date],
    runs_per_week: int,
    mode: RunningMode,
    has_extras: bool,
    today: dt.date | None = None,
) -> list[Day]:
    """The seven days from `start` with the given strength days; `today` (default `start`)
    is the day marked as today."""
    dates = [start + dt.timedelta(days=i) for i in range(WEEK_DAYS)]
    strong = {i for i, d in enumerate(dates) if d in strength}
    runs = run_days(strong, runs_per_week)
    run_word = "walk_or_cross_train" if mode == "paused" else "run"
    week: list[Day] = []
    for i, date in enumerate(dates):
        activities: list[str] = []
        if i in strong:
            activities.append("strength")
            if has_extras:
                activities.append("extras")
        activities += [run_word] * runs.count(i)
        activities.append("mobility")
        if i not in strong and i not in runs:
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
        strength = strength_dates(logged, start, per_week)
        days += build_week(start, strength, runs, mode, extras, today=today)
    return days


def usual_run_minutes(runs: Sequence[Run]) -> int:
    """The runner's usual run, in whole minutes: the median of their latest timed runs
    (`runs` in date order), or 45 minutes before they have any."""
    timed = [r.minutes for r in runs if r.minutes is not None][-USUAL_RUNS:]
    if not timed:
        return DEFAULT_RUN_MINUTES
    return max(1, round(statistics.median(timed)))
