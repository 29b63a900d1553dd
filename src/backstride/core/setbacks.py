"""Why an exercise is not in the runner's block, in words a stand-in can quote."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Literal

from backstride.core.eligibility import Context, exclusion


@dataclass(frozen=True)
class Setback:
    """The session that took an exercise out: a set above 5/10, or form lost at the bottom."""

    kind: Literal["too_painful", "too_hard"]
    date: dt.date
    pain: int = 0
    reps: int = 0


def on_day(day: dt.date, today: dt.date) -> str:
    """'1 Dec', with the year when it is not this year's."""
    text = f"{day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def the(name: str) -> str:
    """'Dead bug' -> 'the dead bug', as a name reads inside a sentence."""
    return f"the {name[:1].lower()}{name[1:]}"


def why_not(
    exercise_id: str,
    ctx: Context,
    setbacks: Mapping[str, Setback],
    mastered: Collection[str],
    today: dt.date,
) -> str:
    """A clause to follow the exercise's name: 'which hurt at 6/10 on 1 Dec', 'which you
    marked as painful in calibration', 'because it involves twisting, which hurts you'."""
    if exercise_id in mastered:
        return "which you have mastered"
    setback = setbacks.get(exercise_id)
    if setback is not None and setback.kind == "too_painful":
        return f"which hurt at {setback.pain}/10 on {on_day(setback.date, today)}"
    if setback is not None:
        last = on_day(setback.date, today)
        return f"whose form slipped at {setback.reps} reps two sessions running (last on {last})"
    reason = exclusion(ctx.catalog[exercise_id], ctx)
    if reason is None:
        return ""
    if reason.code == "calibration_painful":
        return "which you marked as painful in calibration"
    if reason.code == "calibration_poor_form":
        return "which you marked as hard to do in good form in calibration"
    return f"because {reason.reason}"
