"""The runner's profile: who they are, where and when it hurts, their kit and time."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints, field_validator

from backstride.core.catalog import load_catalog
from backstride.core.dates import IsoDate
from backstride.core.errors import shown
from backstride.core.fields import INPUT, Bool, Int, Number, SchemaVersion, Unique
from backstride.core.signs import CLEARABLE, is_emergency
from backstride.core.vocab import (
    Ability,
    Equipment,
    InflammatorySign,
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


class Clearance(BaseModel):
    """A clinician saw the runner on `on` and looked at the reasons in `covers`."""

    model_config = INPUT

    on: IsoDate
    by: Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)] | None = None
    covers: Annotated[tuple[str, ...], Unique] = Field(min_length=1)

    @field_validator("by")
    @classmethod
    def _printable(cls, value: str | None) -> str | None:
        if value is not None and not value.isprintable():
            raise ValueError("must be plain text on one line")
        return value or None

    @field_validator("covers")
    @classmethod
    def _clearable(cls, codes: tuple[str, ...]) -> tuple[str, ...]:
        for code in codes:
            if is_emergency(code):
                raise ValueError(
                    f"{code} is an emergency sign: it needs emergency care and cannot be "
                    "cleared here"
                )
            if code not in CLEARABLE:
                raise ValueError(f"unknown reason code {shown(code)}")
        return codes


class Profile(BaseModel):
    """The profile file (schema_version 1); unknown fields are refused, not ignored."""

    model_config = INPUT

    schema_version: SchemaVersion = 1
    age: Int = Field(ge=12, le=100)
    running: Running
    pain: Pain
    red_flags: Annotated[tuple[RedFlag, ...], Unique] = ()
    inflammatory_signs: Annotated[tuple[InflammatorySign, ...], Unique] = ()
    clearance: Clearance | None = None
    # Version 1's clearance, still read: it covers the profile's own see-doctor reasons, and
    # with `cleared_on` the same signs in check-ins up to that day (core.triage).
    cleared_by_clinician: Bool = False
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
