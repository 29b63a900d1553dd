"""A deterministic synthetic history: about 150 sessions, 365 check-ins and 200 runs a year."""

from __future__ import annotations

import datetime as dt
import random

from backstride.core.catalog import load_catalog
from backstride.core.history import Checkin, History, Run, Session, SetLog
from backstride.core.profile import Profile

END = dt.date(2026, 11, 21)
# The ladder below the jump squats: what a year of sessions rotates through.
LADDER_IDS = [e for e in load_catalog().ladder if not load_catalog()[e].impact]


def profile() -> Profile:
    return Profile.model_validate(
        {
            "age": 41,
            "running": {"level": "intermediate", "weekly_km": 35, "runs_per_week": 4},
            "pain": {
                "regions": ["lower_back", "upper_back"],
                "intensity": 3,
                "weeks": 3,
                "trend": "better",
                "timing": ["after_run"],
                "worse_with": ["sitting"],
                "eases_with_rest": True,
            },
            "equipment": ["mat", "wall", "loop_band"],
            "setting": "indoor",
            "minutes_per_session": 40,
            "strength_days_per_week": 3,
        }
    )


def _sets(rng: random.Random) -> tuple[SetLog, ...]:
    chosen = rng.sample(LADDER_IDS, 4)
    return tuple(
        SetLog(
            exercise=e,
            reps=rng.randint(7, 12),
            pain=rng.choice([0, 0, 1, 1, 2, 3, 4]),
            form="poor" if rng.random() < 0.08 else "good",
        )
        for e in chosen
        for _ in range(3)
    )


def history(years: int, seed: int = 7, end: dt.date = END) -> History:
    """The same history for any `end` (its last day), only moved in time: the web benchmarks
    end it on the server's today, so a page that reads the clock sees the same year."""
    rng = random.Random(seed)
    start = end - dt.timedelta(days=365 * years - 1)
    days = [start + dt.timedelta(days=i) for i in range(365 * years)]
    session_days = [d for i, d in enumerate(days) if i % 7 in (0, 2, 4) or i % 35 == 6][
        : 150 * years
    ]
    run_days = rng.sample(days, 200 * years)
    return History(
        sessions=tuple(Session(date=d, sets=_sets(rng)) for d in session_days),
        checkins=tuple(
            Checkin(date=d, morning_pain=rng.choice([0, 1, 1, 2, 2, 3, 5])) for d in days
        ),
        runs=tuple(_run(rng, d) for d in run_days),
    )


def _run(rng: random.Random, day: dt.date) -> Run:
    """A run at an everyday pace (4:30 to 7:30 min/km): the app refuses impossible ones."""
    km = round(rng.uniform(4, 16), 1)
    return Run(
        date=day,
        km=km,
        minutes=round(km * rng.uniform(4.5, 7.5), 1),
        pain_during=rng.choice([None, 0, 1, 2, 3]),
        pain_after=None,
    )
