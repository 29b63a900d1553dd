"""What a run file held (an Activity) and what importing it gives (a FileResult)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from pydantic import ValidationError

from backstride.core.errors import as_lines, describe
from backstride.core.history import Run

Status = Literal["run", "skipped", "rejected"]

# Words in a sport's name that make it a run: FIT "running", TCX "Running", GPX types such as
# "Trail Run" or "treadmill_running"; "9" is Strava's code for a run in its GPX exports.
RUN_WORDS = ("run", "jog", "treadmill")
RUN_CODES = ("9",)
# A file that names no sport, or FIT's catch-all, counts as a run: this is a runner's app.
UNKNOWN_SPORTS = ("", "generic")


class Unreadable(Exception):
    """A file that cannot be imported; `problem` follows the file's name in the message."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


@dataclass(frozen=True)
class Activity:
    """The figures a reader found: sport as the file names it (None: none named)."""

    sport: str | None
    metres: float
    seconds: float | None
    started_at: dt.datetime | None


@dataclass(frozen=True)
class FileResult:
    """One file read: a run, a skipped activity (not a run) or a rejected file, with a
    message that names the file."""

    name: str
    status: Status
    message: str
    run: Run | None = None


def counts_as_run(sport: str | None) -> bool:
    label = (sport or "").strip().lower()
    if label in UNKNOWN_SPORTS or label in RUN_CODES:
        return True
    return any(word in label for word in RUN_WORDS)


# A sport name is a word or two; a file may hold anything there.
SPORT_CHARS = 40


def utc(moment: dt.datetime) -> dt.datetime:
    """Times without a zone in run files are UTC by the formats' own rules."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def rejected(name: str, problem: str) -> FileResult:
    return FileResult(name=name, status="rejected", message=f"{name} {problem}")


def decide(name: str, activity: Activity) -> FileResult:
    """Run, skipped or rejected: the same rules for every format."""
    if not counts_as_run(activity.sport):
        sport = (activity.sport or "").replace("_", " ")[:SPORT_CHARS]
        message = f"{name} is not a run (the file says {sport})."
        return FileResult(name=name, status="skipped", message=message)
    if activity.started_at is None:
        return rejected(name, "holds no date or time, so the run cannot be placed: log it by hand.")
    if activity.metres <= 0:
        return rejected(name, "records no distance: log this run by hand.")
    seconds = activity.seconds if activity.seconds and activity.seconds > 0 else None
    try:
        start = utc(activity.started_at)
    except OverflowError:
        return rejected(name, "holds a start time no run can have (near year 1 or 9999).")
    try:
        run = Run(
            date=start.date(),
            km=round(activity.metres / 1000, 3),
            minutes=round(seconds / 60, 2) if seconds else None,
            started_at=start,
        )
    except ValidationError as error:
        problems = "; ".join(as_lines(describe(error)))
        return rejected(name, f"does not hold a run that can be stored: {problems}.")
    return FileResult(name=name, status="run", message=describe_run(run), run=run)


def describe_run(run: Run) -> str:
    """e.g. 'a run of 4.84 km in 43.8 min on 6 February 2013'."""
    when = f"{run.date.day} {run.date:%B %Y}"
    if run.minutes is None:
        return f"a run of {kilometres(run.km)} km on {when} (the file holds no duration)"
    return f"a run of {kilometres(run.km)} km in {run.minutes:.1f} min on {when}"


def kilometres(km: float) -> str:
    """Two decimals, halves rounded up as the web pages' floatformat does (4.835: 4.84)."""
    return str(Decimal(repr(km)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
