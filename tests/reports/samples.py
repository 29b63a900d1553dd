"""Runners to draw: no data, a week of data, a year (benchmarks/synthetic.py), and a runner
who has mastered exercises while one painful movement rules two ladder exercises out."""

from __future__ import annotations

import datetime as dt
import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType

from backstride.core.history import History, Run
from backstride.core.profile import Profile
from tests.factories import TODAY, checkin, day, history, make_profile, run, session, sets

SYNTHETIC = Path(__file__).resolve().parents[2] / "benchmarks" / "synthetic.py"


@cache
def _synthetic() -> ModuleType:
    spec = importlib.util.spec_from_file_location("backstride_synthetic", SYNTHETIC)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def year() -> tuple[Profile, History, dt.date]:
    """About 150 sessions, 365 check-ins and 200 runs, ending on the synthetic END date."""
    synthetic = _synthetic()
    return synthetic.profile(), synthetic.history(1), synthetic.END


def nothing() -> tuple[Profile, History, dt.date]:
    return make_profile(), History(), TODAY


def week() -> tuple[Profile, History, dt.date]:
    h = history(
        [
            session(day(-5), sets("superman", 8), sets("dead_bug", 8)),
            session(day(-3), sets("superman", 10), sets("dead_bug", 8, pain=2)),
        ],
        [checkin(day(-6 + i), 2 + i % 2) for i in range(7)],
        [
            run(day(-4), 6, during=2),
            Run(
                date=day(-1),
                km=8.2,
                minutes=47.5,
                pain_during=3,
                pain_after=None,
                started_at=dt.datetime(2026, 11, 20, 7, 5, tzinfo=dt.UTC),
            ),
        ],
    )
    return make_profile(), h, TODAY


RUNNERS = {"no data": nothing, "a week": week, "a year": year}


def mastery() -> tuple[Profile, History, dt.date]:
    """Dead bug and balance-and-reach mastered in week one, the bridge a week later;
    bending backward hurts, so superman and superman pull are ruled out."""
    profile = make_profile(pain={"worse_with": ["bending_backward"]})
    sessions = []
    offset = -60
    for reps in (8, 10, 12, 12):
        sessions.append(
            session(
                day(offset),
                sets("dead_bug", reps),
                sets("single_leg_balance_reach", reps),
                sets("high_plank_leg_lift", 8),
            )
        )
        offset += 2
    for reps in (8, 10, 12, 12):
        sessions.append(
            session(day(offset), sets("single_leg_bridge", reps), sets("high_plank_leg_lift", 8))
        )
        offset += 2
    checkins = [checkin(day(-59 + i), 2) for i in range(50)]
    runs = [run(day(-3 * i), 8 + i % 4, during=2) for i in range(15)]
    return profile, history(sessions, checkins, runs), TODAY


def draw(name: str, profile: Profile | None, h: History, today: dt.date, fmt: str = "svg") -> bytes:
    """One chart of a runner, through the assessment as the web and the CLI draw it."""
    from backstride.core.assessment import assess, history_alone
    from backstride.reports import charts

    standing = assess(profile, h, today).standing if profile else history_alone(h, today)
    return charts.render(name, standing, today, fmt)
