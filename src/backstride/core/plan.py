"""The plan as the CLI and the API give it (DESIGN section 5, 'Plan output')."""

from __future__ import annotations

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


class Plan(BaseModel):
    strength: Strength
    mobility: Mobility
    extras: list[DoseItem]
    running: RunningAdvice
    form_tips: list[FormTip]
    week: list[Day]
    today: int = Field(ge=1, le=7, description="Today's day in `week` (Monday = 1).")
    session: TodaySession
    changes: list[Change]
    left_out: list[LeftOut]


class PlanResult(BaseModel):
    schema_version: int = SCHEMA_VERSION
    triage: Triage
    plan: Plan | None
