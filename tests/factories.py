"""Plain builders for test data: a valid profile or history, with keyword overrides."""

from __future__ import annotations

import datetime as dt
from typing import Any

from backstride.core.history import Checkin, History, Run, Session, SetLog
from backstride.core.profile import Profile

TODAY = dt.date(2026, 11, 21)


def profile_data(**overrides: Any) -> dict[str, Any]:
    """A calm, self-managing runner; nested dicts (pain, running) merge key by key."""
    data: dict[str, Any] = {
        "schema_version": 1,
        "age": 35,
        "running": {"level": "intermediate", "weekly_km": 30, "runs_per_week": 3},
        "pain": {
            "regions": ["lower_back"],
            "intensity": 3,
            "weeks": 2,
            "trend": "same",
            "timing": ["after_run"],
            "worse_with": [],
            "eases_with_rest": True,
        },
        "red_flags": [],
        "cleared_by_clinician": False,
        "equipment": ["mat"],
        "setting": "indoor",
        "minutes_per_session": 20,
        "strength_days_per_week": 3,
    }
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return data


# Marking the first nine ladder steps (and their variants) as too hard for now brings the
# jump squats at the top of the ladder into the four.
BELOW_THE_JUMPS = (
    "superman",
    "dead_bug",
    "single_leg_balance_reach",
    "single_leg_balance",
    "high_plank_leg_lift",
    "single_leg_bridge",
    "modified_side_plank_lift",
    "quadruped_limb_raise",
    "superman_pull",
    "single_leg_deadlift",
)


def reach_the_jumps() -> dict[str, str]:
    return {e: "poor_form" for e in BELOW_THE_JUMPS}


def make_profile(**overrides: Any) -> Profile:
    return Profile.model_validate(profile_data(**overrides))


def day(offset: int) -> dt.date:
    """A date counted from TODAY (negative: in the past)."""
    return TODAY + dt.timedelta(days=offset)


def sets(
    exercise: str, reps: int, pain: int = 0, form: str = "good", count: int = 3
) -> list[SetLog]:
    return [SetLog(exercise=exercise, reps=reps, pain=pain, form=form) for _ in range(count)]  # type: ignore[arg-type]


def session(when: dt.date, *groups: list[SetLog]) -> Session:
    return Session(date=when, sets=tuple(s for group in groups for s in group))


def checkin(when: dt.date, pain: int, flags: tuple[str, ...] = ()) -> Checkin:
    return Checkin(date=when, morning_pain=pain, red_flags=flags)  # type: ignore[arg-type]


def run(
    when: dt.date,
    km: float,
    minutes: float | None = None,
    during: int | None = None,
    after: int | None = None,
) -> Run:
    return Run(date=when, km=km, minutes=minutes or km * 6, pain_during=during, pain_after=after)


def history(
    sessions: list[Session] = (),
    checkins: list[Checkin] = (),  # type: ignore[assignment]
    runs: list[Run] = (),
) -> History:  # type: ignore[assignment]
    return History(sessions=tuple(sessions), checkins=tuple(checkins), runs=tuple(runs))
