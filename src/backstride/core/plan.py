"""The plan as the CLI and the API give it (DESIGN section 5, 'Plan output')."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from backstride.core.changes import Change
from backstride.core.running import RunningAdvice
from backstride.core.triage import Triage
from backstride.core.week import Day

SCHEMA_VERSION = 1

# The blocks of today's session, in the order they are offered.
Block = Literal["strength", "mobility", "stretches", "extras"]
MINUTES = "The estimate in minutes (to a tenth), at the dosage given here."


class StrengthItem(BaseModel):
    id: str
    name: str
    sets: int
    reps_min: int
    reps_max: int
    target_reps: int
    per_side: bool
    status: str
    easier: str | None
    harder: str | None
    why: str
    # How to adapt it to a movement that hurts the runner but does not rule it out.
    note: str | None = None
    minutes: float = Field(description=MINUTES)


class Strength(BaseModel):
    days_per_week: int
    exercises: list[StrengthItem]
    minutes: float = Field(description="The whole block's estimate in minutes.")


class DoseItem(BaseModel):
    """A mobility drill, stretch or optional extra, with the dosage its source gives."""

    id: str
    name: str
    kind: str
    sets: int
    reps_min: int | None
    reps_max: int | None
    hold_seconds: int | None
    per_side: bool
    when: str
    why: str
    note: str | None = None
    minutes: float = Field(description=MINUTES)


class Mobility(BaseModel):
    exercises: list[DoseItem]
    when: str
    minutes: float = Field(description="The whole block's estimate in minutes.")


class FormTip(BaseModel):
    code: str
    text: str


class LeftOut(BaseModel):
    exercise: str
    code: str
    reason: str


class SessionItem(BaseModel):
    """One exercise of today's session; `sets` may be fewer than the plan's when cut."""

    id: str
    block: Block
    minutes: float = Field(description="This item's estimate in minutes, as offered.")
    sets: int


class TodaySession(BaseModel):
    """Today's session, cut to the runner's minutes: strength first, then mobility, the
    post-run stretches on a run day, then extras while time is left."""

    minutes: int = Field(description="About this many minutes; never over minutes_per_session.")
    fits: bool = Field(description="False when something the plan prescribes was cut.")
    note: str | None = Field(description="What was cut or moved and why; null when all fits.")
    items: list[SessionItem]


StrengthStatus = Literal["strength_day", "may_choose", "resting"]


class StrengthToday(BaseModel):
    """Whether today is a strength day, and when it is not, whether the runner may choose
    the strength session anyway, and why (DESIGN section 4: the week follows what was done)."""

    status: StrengthStatus = Field(
        description="`strength_day`: today's session is the strength session; `may_choose`: "
        "not a strength day, but 48 hours or more have passed since the last strength "
        "session, so the runner may do it today instead (`anyway`); `resting`: within 48 "
        "hours of the last one, so no strength today."
    )
    last: dt.date | None = Field(
        description="The last day with strength sets before today; null when none."
    )
    next: dt.date | None = Field(
        description="The next strength day in the week, today included; null when none."
    )
    message: str = Field(description="What today is and why, in the runner's words.")
    minutes: int = Field(
        description="About how long the strength part (strength and extras) of a strength "
        "session takes at the runner's minutes; the calendar's strength events last this long."
    )
    anyway: TodaySession | None = Field(
        description="The strength session to do today instead, when the status is "
        "`may_choose`; null otherwise."
    )


class Plan(BaseModel):
    strength: Strength
    mobility: Mobility
    extras: list[DoseItem]
    running: RunningAdvice
    form_tips: list[FormTip]
    week: list[Day] = Field(
        description="The seven days from today, today first (each with its `day`, Monday = "
        "1, and `date`; today's has `today: true`)."
    )
    today: int = Field(ge=1, le=7, description="Today's day number in `week` (Monday = 1).")
    session: TodaySession
    strength_today: StrengthToday
    run_minutes: int = Field(
        description="The runner's usual run in minutes (the median of their latest 10 timed "
        "runs, 45 before any); the calendar's run events last this long."
    )
    changes: list[Change]
    left_out: list[LeftOut]


class PlanResult(BaseModel):
    schema_version: int = SCHEMA_VERSION
    triage: Triage
    plan: Plan | None
