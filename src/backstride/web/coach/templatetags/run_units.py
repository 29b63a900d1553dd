"""Runs on the pages in the runner's unit: `{{ run.km|distance:unit }}` is '5 km' or
'3.11 mi', `{{ run|pace:unit }}` is '6:00 min/km', `{{ warning|load_warning:unit }}` a plan's
load warning. A page without `unit` shows kilometres."""

from __future__ import annotations

from typing import Any

from django import template

from backstride.core.run_text import distance_text, minutes_text, pace_of
from backstride.core.running import LoadWarning
from backstride.core.units import UNITS, DistanceUnit

register = template.Library()


def _unit(value: object) -> DistanceUnit:
    return next((u for u in UNITS if u == value), "km")


@register.filter
def distance(km: float | None, unit: object = "km") -> str:
    return "" if km is None else distance_text(km, _unit(unit))


@register.filter
def duration(minutes: float | None) -> str:
    return "" if minutes is None else minutes_text(minutes)


@register.filter
def pace(run: Any, unit: object = "km") -> str:
    """The pace of anything with `km` and `minutes`; '' when the time is not known."""
    km, minutes = getattr(run, "km", None), getattr(run, "minutes", None)
    if not km or not minutes:
        return ""
    return pace_of(minutes, km, _unit(unit))


@register.filter
def load_warning(warning: LoadWarning, unit: object = "km") -> str:
    return warning.in_unit(_unit(unit))
