"""Entries that cannot be right, refused before they are stored, each with the reason: a run
faster than anyone runs or slower than a slow walk, longer than any one run, or anything
dated after today. Pure: today is given, never read from a clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from backstride.core.errors import InputError, Problem
from backstride.core.history import Checkin, History, Run, Session
from backstride.core.run_text import distance_text, minutes_text, pace_limit, pace_of
from backstride.core.units import DistanceUnit

# 2:00 min/km is faster than the 1,000 m world record (2:12); 20:00 min/km (3 km/h) is
# slower than a slow walk. Either way the distance or the time was mistyped.
FASTEST_MIN_PER_KM = 2.0
SLOWEST_MIN_PER_KM = 20.0
# Longer than the longest ultramarathons most runners would enter in a day.
LONGEST_KM = 250.0
# A limit typed in miles lands a hair beside the kilometre figure; it still counts as on it.
SLACK = 1e-9

# The server knows no runner's time zone, so a date is ahead of today only once it has begun
# nowhere on Earth: the first places to reach a new day are 14 hours ahead of UTC.
EARLIEST_ZONE = dt.timedelta(hours=14)


def latest_today(now: dt.datetime) -> dt.date:
    """The latest date it is anywhere at `now` (an aware time): the last day an entry may
    carry when the runner's own time zone is not known."""
    return (now.astimezone(dt.UTC) + EARLIEST_ZONE).date()


def date_problems(day: dt.date, today: dt.date, what: str) -> list[Problem]:
    if day <= today:
        return []
    return [Problem("date", f"{day.isoformat()} is after today; give the day {what}")]


def distance_problems(km: float, minutes: float | None, unit: DistanceUnit = "km") -> list[Problem]:
    """A distance no one runs in one go, or a pace no one runs at (when the time is known),
    named in the runner's unit."""
    if km > LONGEST_KM * (1 + SLACK):
        longest = distance_text(LONGEST_KM, unit)
        return [
            Problem(
                "km",
                f"{distance_text(km, unit)} is more than one run can be ({longest} is the "
                "limit); check the distance",
            )
        ]
    if minutes is None or km <= 0 or minutes <= 0:
        return []  # a missing or non-positive figure is the model's to name
    per_km = minutes / km
    if per_km < FASTEST_MIN_PER_KM * (1 - SLACK):
        how, limit = "faster than any runner", FASTEST_MIN_PER_KM
    elif per_km > SLOWEST_MIN_PER_KM * (1 + SLACK):
        how, limit = "slower than a slow walk", SLOWEST_MIN_PER_KM
    else:
        return []
    given = f"{distance_text(km, unit)} in {minutes_text(minutes)}"
    message = (
        f"{given} is a pace of {pace_of(minutes, km, unit)}, {how} ({pace_limit(limit, unit)} "
        "is the limit); check the distance and the time"
    )
    return [Problem("minutes", message)]


def run_problems(run: Run, today: dt.date, unit: DistanceUnit = "km") -> list[Problem]:
    return [
        *date_problems(run.date, today, "you ran"),
        *distance_problems(run.km, run.minutes, unit),
    ]


def checkin_problems(checkin: Checkin, today: dt.date) -> list[Problem]:
    return date_problems(checkin.date, today, "of the check-in")


def session_problems(session: Session, today: dt.date) -> list[Problem]:
    return date_problems(session.date, today, "of the session")


def history_problems(history: History, today: dt.date, prefix: str = "") -> list[Problem]:
    """Every refused entry of a history (an import), each named by its place in the file,
    e.g. 'history.runs[3].minutes'."""
    lead = f"{prefix}." if prefix else ""
    found: list[Problem] = []
    kinds: Sequence[tuple[str, Sequence[Session | Checkin | Run]]] = (
        ("sessions", history.sessions),
        ("checkins", history.checkins),
        ("runs", history.runs),
    )
    for name, entries in kinds:
        for i, entry in enumerate(entries):
            for p in _entry_problems(entry, today):
                found.append(Problem(f"{lead}{name}[{i}].{p.field}", p.message))
    return found


def _entry_problems(entry: Session | Checkin | Run, today: dt.date) -> list[Problem]:
    if isinstance(entry, Run):
        return run_problems(entry, today)
    if isinstance(entry, Checkin):
        return checkin_problems(entry, today)
    return session_problems(entry, today)


def refuse(problems: Sequence[Problem]) -> None:
    """Raise the problems, if there are any, as bad input."""
    if problems:
        raise InputError(problems)
