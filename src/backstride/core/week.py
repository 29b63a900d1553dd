"""A 7-day week (Monday = 1) with strength days at least 48 hours apart."""

from __future__ import annotations

from pydantic import BaseModel

from backstride.core.vocab import MAX_STRENGTH_DAYS, RunningMode

# Spread so that no two strength days are back to back (48 h or more between them).
STRENGTH_DAYS: dict[int, tuple[int, ...]] = {1: (1,), 2: (1, 4), 3: (1, 3, 5)}


class Day(BaseModel):
    day: int
    activities: list[str]


def spread(days: list[int], count: int) -> list[int]:
    """Pick `count` of `days`, evenly spaced, keeping their order."""
    if count <= 0:
        return []
    return [days[(i * len(days)) // count] for i in range(min(count, len(days)))]


def run_days(strength: tuple[int, ...], runs: int) -> list[int]:
    """Runs go on non-strength days first, then strength days, then doubles."""
    free = [d for d in range(1, 8) if d not in strength]
    chosen = spread(free, runs)
    if runs > len(free):
        chosen += spread(list(strength), runs - len(free))
    if runs > 7:
        chosen += spread(list(range(1, 8)), runs - 7)
    return chosen


def build_week(
    strength_days: int, runs_per_week: int, mode: RunningMode, has_extras: bool
) -> list[Day]:
    strength = STRENGTH_DAYS[min(strength_days, MAX_STRENGTH_DAYS)]
    runs = run_days(strength, runs_per_week)
    run_word = "walk_or_cross_train" if mode == "paused" else "run"
    week: list[Day] = []
    for day in range(1, 8):
        activities: list[str] = []
        if day in strength:
            activities.append("strength")
            if has_extras:
                activities.append("extras")
        activities += [run_word] * runs.count(day)
        activities.append("mobility")
        if day not in strength and day not in runs:
            activities.append("rest")
        week.append(Day(day=day, activities=activities))
    return week
