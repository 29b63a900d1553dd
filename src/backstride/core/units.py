"""Distances as the runner reads and types them: kilometres or miles. Everything is
stored and reasoned about in kilometres; a unit only changes what is shown and entered."""

from __future__ import annotations

from typing import Literal

DistanceUnit = Literal["km", "mi"]
UNITS: tuple[DistanceUnit, ...] = ("km", "mi")
KM_PER_MILE = 1.609344
UNIT_NAMES: dict[DistanceUnit, str] = {"km": "kilometres", "mi": "miles"}


def to_km(distance: float, unit: DistanceUnit) -> float:
    return distance * KM_PER_MILE if unit == "mi" else distance


def from_km(km: float, unit: DistanceUnit) -> float:
    return km / KM_PER_MILE if unit == "mi" else km


def pace_label(unit: DistanceUnit) -> str:
    return f"min/{unit}"
