"""A run's distance, time and pace as the runner reads them, in kilometres or miles. What is
stored stays in kilometres; the unit only changes the words."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from backstride.core.units import DistanceUnit, from_km, pace_label


def _short(value: float, places: int) -> str:
    """At most `places` decimals and no trailing zeros, halves rounded up as the pages'
    floatformat does: 5.0 is '5', 5.50 is '5.5', 4.835 is '4.84'."""
    step = Decimal(1).scaleb(-places)
    rounded = Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP)
    return f"{rounded.normalize():f}"


def distance_text(km: float, unit: DistanceUnit) -> str:
    """e.g. '5 km'; 8.5 km is '5.28 mi'."""
    return f"{_short(from_km(km, unit), 2)} {unit}"


def minutes_text(minutes: float) -> str:
    """e.g. '30 min', '33.5 min'."""
    return f"{_short(minutes, 1)} min"


def pace_of(minutes: float, km: float, unit: DistanceUnit) -> str:
    """Minutes per kilometre or mile as a clock reads, e.g. '5:30 min/km'."""
    seconds = round(minutes / from_km(km, unit) * 60)
    return f"{seconds // 60}:{seconds % 60:02d} {pace_label(unit)}"


def pace_limit(min_per_km: float, unit: DistanceUnit) -> str:
    """A pace given in minutes per kilometre, written in the runner's unit."""
    return pace_of(min_per_km, 1.0, unit)
