"""Run files into the runner's history: each file read, checked against the runs stored, and
stored in its own transaction; imported runs then ask for their pain."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from django.db.models import QuerySet
from pydantic import ValidationError

from backstride.core.errors import InputError, Problem, as_lines, describe
from backstride.core.history import SAME_RUN_SECONDS, Run, same_run
from backstride.runfiles import FileResult, kilometres, parse_run_file_isolated
from backstride.web.accounts.models import User
from backstride.web.coach import models as m
from backstride.web.coach import selectors, services
from backstride.web.coach.services.gate import write_transaction

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


def import_files(user: User, files: Iterable[tuple[str, bytes]]) -> list[FileOutcome]:
    """Each file on its own: a bad one is listed and stores nothing, the good ones import."""
    return [import_file(user, name, data) for name, data in files]


def import_file(user: User, name: str, data: bytes) -> FileOutcome:
    # In a child process with limits: a reader's crash or blow-up loses this file only.
    result = parse_run_file_isolated(name, data)
    if result.run is None:
        status: Outcome = "skipped" if result.status == "skipped" else "rejected"
        return FileOutcome(file=name, status=status, message=result.message)
    return _store(user, result, result.run)


def _store(user: User, result: FileResult, run: Run) -> FileOutcome:
    name = result.name
    with write_transaction():
        # The same file sent twice at once: the second waits here, then finds the first.
        services.lock_runner(user)
        twin = _stored_twin(user, run)
        if twin is not None:
            when = f"{twin.date.day} {twin.date:%B %Y}"
            message = f"{name}: the run of {when} ({kilometres(twin.km)} km) is already stored."
            return FileOutcome(file=name, status="duplicate", message=message, row=twin)
        unrated = run.pain_during is None and run.pain_after is None
        row = services.add_run(
            user=user, run=run, source=name[:SOURCE_LENGTH], asks_for_pain=unrated
        )
    return FileOutcome(file=name, status="imported", message=f"{name}: {result.message}.", row=row)


def _stored_twin(user: User, run: Run) -> m.Run | None:
    """A stored run that is this one (core `same_run`); earlier files of the same batch are
    stored by then, so they count too."""
    if run.started_at is None:
        return None
    window = dt.timedelta(seconds=SAME_RUN_SECONDS)
    near = selectors.runs_near(user, run.started_at - window, run.started_at + window)
    return next((row for row in near if same_run(selectors.run_model(row), run)), None)


def store_runs_to_rate(user: User) -> QuerySet[m.Run]:
    """The runner's imported runs still waiting for their pain, newest first."""
    return selectors.runs_to_rate(user)


def rate(row: m.Run, pain_during: Any, pain_after: Any, minutes: Any = None) -> None:
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
