"""Run files into the runner's history: each file read, checked against the runs stored, and
stored in its own transaction; imported runs then ask for their pain."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from django.db.models import QuerySet
from pydantic import ValidationError

from backstride.core.errors import InputError, Problem, as_lines, describe
from backstride.core.history import Run
from backstride.core.run_text import distance_text, minutes_text
from backstride.core.sanity import distance_problems, run_problems
from backstride.core.units import DistanceUnit
from backstride.runfiles import FileResult, kilometres, parse_run_file_isolated
from backstride.web.accounts.models import User
from backstride.web.coach import models as m
from backstride.web.coach import selectors, services
from backstride.web.coach.entry_day import last_day
from backstride.web.coach.services.gate import write_transaction
from backstride.web.coach.services.log_writes import stored_twin

Outcome = Literal["imported", "duplicate", "skipped", "rejected"]
SOURCE_LENGTH = 255  # m.Run.source
PAIN_LABELS = {
    "pain_during": "Pain during the run",
    "pain_after": "Pain after the run",
    "minutes": "Minutes",
}


@dataclass(frozen=True)
class FileOutcome:
    """One file of a batch: what became of it, a message naming it, and the stored run (the
    new one, or for a duplicate the one already there)."""

    file: str
    status: Outcome
    message: str
    row: m.Run | None = None


def import_files(
    user: User, files: Iterable[tuple[str, bytes]], unit: DistanceUnit = "km"
) -> list[FileOutcome]:
    """Each file on its own: a bad one is listed and stores nothing, the good ones import.
    The messages give distances in `unit` (the API's stay in kilometres)."""
    return [import_file(user, name, data, unit) for name, data in files]


def import_file(user: User, name: str, data: bytes, unit: DistanceUnit = "km") -> FileOutcome:
    # In a child process with limits: a reader's crash or blow-up loses this file only.
    result = parse_run_file_isolated(name, data)
    if result.run is None:
        status: Outcome = "skipped" if result.status == "skipped" else "rejected"
        return FileOutcome(file=name, status=status, message=result.message)
    # A watch that lost its clock or its GPS can record a run no one ran, or one next year.
    problems = run_problems(result.run, last_day(), unit)
    if problems:
        why = "; ".join(_file_words(p, result.run) for p in problems)
        return FileOutcome(file=name, status="rejected", message=f"{name} is not imported: {why}.")
    return _store(user, result, result.run, unit)


def _file_words(problem: Problem, run: Run) -> str:
    if problem.field == "date":
        return f"it is dated {run.date.isoformat()}, after today; check the date on the watch"
    return problem.message


def _store(user: User, result: FileResult, run: Run, unit: DistanceUnit) -> FileOutcome:
    name = result.name
    with write_transaction():
        # The same file sent twice at once: the second waits here, then finds the first.
        # Earlier files of the same batch are stored by then, so they count too.
        services.lock_runner(user)
        twin = stored_twin(user, run)
        if twin is not None:
            when = f"{twin.date.day} {twin.date:%B %Y}"
            message = f"{name}: the run of {when} ({_distance(twin.km, unit)}) is already stored."
            return FileOutcome(file=name, status="duplicate", message=message, row=twin)
        unrated = run.pain_during is None and run.pain_after is None
        row = services.add_run(
            user=user, run=run, source=name[:SOURCE_LENGTH], asks_for_pain=unrated
        )
    return FileOutcome(file=name, status="imported", message=_imported(result, run, unit), row=row)


def _distance(km: float, unit: DistanceUnit) -> str:
    # Kilometres as the file readers write them (always two decimals), miles as the pages do.
    return f"{kilometres(km)} km" if unit == "km" else distance_text(km, unit)


def _imported(result: FileResult, run: Run, unit: DistanceUnit) -> str:
    if unit == "km":
        return f"{result.name}: {result.message}."
    when = f"{run.date.day} {run.date:%B %Y}"
    distance = distance_text(run.km, unit)
    if run.minutes is None:
        return f"{result.name}: a run of {distance} on {when} (the file holds no duration)."
    return f"{result.name}: a run of {distance} in {minutes_text(run.minutes)} on {when}."


def store_runs_to_rate(user: User) -> QuerySet[m.Run]:
    """The runner's imported runs still waiting for their pain, newest first."""
    return selectors.runs_to_rate(user)


def rate(
    row: m.Run, pain_during: Any, pain_after: Any, minutes: Any = None, unit: DistanceUnit = "km"
) -> None:
    """Set an imported run's pain (either may stay unknown), and its duration when the file
    had none, then stop asking; core judges the values, a bad one changes nothing."""
    if pain_during is None and pain_after is None and minutes is None:
        unanswered = "Choose the pain during or after the run, or skip this run."
        raise InputError([Problem("", unanswered)])
    data = selectors.run_model(row).model_dump(mode="json")
    if minutes is not None:
        data["minutes"] = minutes
    try:
        rated = Run.model_validate({**data, "pain_during": pain_during, "pain_after": pain_after})
    except ValidationError as error:
        raise InputError(describe(error)) from None
    problems = distance_problems(rated.km, rated.minutes, unit)
    if problems:
        raise InputError(problems)
    _stop_asking(
        row, pain_during=rated.pain_during, pain_after=rated.pain_after, minutes=rated.minutes
    )


def rating_problems(error: InputError) -> list[str]:
    """What was wrong with a rating, each field under the name the form gives it."""
    return as_lines(error.problems, PAIN_LABELS)


def skip_rating(row: m.Run) -> None:
    """Stop asking; the run keeps its pain unknown and counts as load only."""
    _stop_asking(row)


def skip_all(user: User) -> int:
    """Stop asking about every waiting run (a season of old files, say); each keeps its pain
    unknown and counts as load only. Returns how many there were."""
    return services.skip_all_ratings(user=user)


def _stop_asking(row: m.Run, **pain: float | None) -> None:
    services.rate_run(row=row, pain=pain)
