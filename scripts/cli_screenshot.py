"""Writes docs/plan-cli.svg: the plan of an example runner as the terminal shows it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.console import Console

from backstride.cli import render
from backstride.core.history import History
from backstride.core.profile import Profile
from backstride.core.programme import build_programme

EXAMPLE = {
    "age": 38,
    "running": {"level": "intermediate", "weekly_km": 30, "runs_per_week": 3},
    "pain": {
        "regions": ["lower_back"],
        "intensity": 3,
        "weeks": 2,
        "trend": "same",
        "timing": ["after_run"],
        "worse_with": ["bending_backward"],
        "eases_with_rest": True,
    },
    "equipment": ["mat"],
    "setting": "indoor",
    "minutes_per_session": 20,
    "strength_days_per_week": 3,
}


def main() -> None:
    recorder = Console(record=True, width=104, force_terminal=True)
    render.console = lambda: recorder  # type: ignore[assignment]
    profile = Profile.model_validate(EXAMPLE)
    render.plan_result(build_programme(profile, History(), dt.date(2026, 11, 21)), profile)
    target = Path(__file__).resolve().parent.parent / "docs" / "plan-cli.svg"
    recorder.save_svg(str(target), title="backstride plan --profile me.json")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
