"""The runner's profile: who they are, where and when it hurts, their kit and time."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, field_validator

from backstride.core.catalog import load_catalog
from backstride.core.dates import IsoDate
from backstride.core.fields import INPUT, Bool, Int, Number, SchemaVersion, Unique
from backstride.core.vocab import (
    Ability,
    Equipment,
    Level,
    PainRegion,
    RedFlag,
    Setting,
    Timing,
    Trend,
    WorseWith,
)


class Running(BaseModel):
    model_config = INPUT

    level: Level
    weekly_km: Number = Field(ge=0, le=500)
    runs_per_week: Int = Field(ge=0, le=14)


class Pain(BaseModel):
    model_config = INPUT

    regions: Annotated[tuple[PainRegion, ...], Unique] = Field(min_length=1)
    intensity: Int = Field(ge=0, le=10)
    weeks: Int = Field(ge=0, le=1040)
    trend: Trend = "same"
    timing: Annotated[tuple[Timing, ...], Unique] = ()
    worse_with: Annotated[tuple[WorseWith, ...], Unique] = ()
    eases_with_rest: Bool


class Profile(BaseModel):
    """The profile file (schema_version 1); unknown fields are refused, not ignored."""

    model_config = INPUT

    schema_version: SchemaVersion = 1
    age: Int = Field(ge=12, le=100)
    running: Running
    pain: Pain
    red_flags: Annotated[tuple[RedFlag, ...], Unique] = ()
    cleared_by_clinician: Bool = False
    # The day of the clearance: a warning sign in a check-in after it is not covered.
    cleared_on: IsoDate | None = None
    equipment: Annotated[tuple[Equipment, ...], Unique] = ()
    setting: Setting
    minutes_per_session: Int = Field(ge=5, le=120)
    strength_days_per_week: Int = Field(ge=1, le=4)
    abilities: dict[str, Ability] = Field(default_factory=dict)

    @field_validator("abilities")
    @classmethod
    def _known_exercises(cls, value: dict[str, Ability]) -> dict[str, Ability]:
        catalog = load_catalog()
        unknown = sorted(k for k in value if k not in catalog)
        if unknown:
            raise ValueError(f"unknown exercise id {', '.join(unknown)}")
        return value

    @property
    def kit(self) -> frozenset[str]:
        return frozenset(self.equipment)
