"""The plan as the CLI and the API give it (DESIGN section 5, 'Plan output')."""

from __future__ import annotations

from pydantic import BaseModel

from backstride.core.changes import Change
from backstride.core.running import RunningAdvice
from backstride.core.triage import Triage
from backstride.core.week import Day

SCHEMA_VERSION = 1


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


class Strength(BaseModel):
    days_per_week: int
    exercises: list[StrengthItem]


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


class Mobility(BaseModel):
    exercises: list[DoseItem]
    when: str


class FormTip(BaseModel):
    code: str
    text: str


class LeftOut(BaseModel):
    exercise: str
    code: str
    reason: str


class Plan(BaseModel):
    strength: Strength
    mobility: Mobility
    extras: list[DoseItem]
    running: RunningAdvice
    form_tips: list[FormTip]
    week: list[Day]
    changes: list[Change]
    left_out: list[LeftOut]


class PlanResult(BaseModel):
    schema_version: int = SCHEMA_VERSION
    triage: Triage
    plan: Plan | None
