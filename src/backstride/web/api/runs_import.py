"""`POST /api/v1/me/runs/import`: run files (GPX, TCX, FIT) into the token's runner's history."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import File, Router, Status
from ninja.files import UploadedFile
from pydantic import BaseModel, Field

from backstride.runfiles import MAX_BYTES
from backstride.web.api.auth import current_user
from backstride.web.api.me import bearer
from backstride.web.api.schemas import NEEDS_TOKEN, WITH_BODY, FieldError, FieldErrors, RunOut
from backstride.web.coach import selectors
from backstride.web.coach.run_import import FileOutcome, import_files

router = Router(auth=bearer, tags=["my data"])


class FileImport(BaseModel):
    file: str = Field(examples=["morning-run.fit"])
    status: Literal["imported", "duplicate", "skipped", "rejected"]
    message: str = Field(
        examples=["morning-run.fit: a run of 8.02 km in 46.5 min on 19 November 2026."]
    )
    run: RunOut | None = Field(
        default=None, description="The stored run: the new one, or the one a duplicate matches."
    )


@router.post("/import", response={200: list[FileImport], **NEEDS_TOKEN, **WITH_BODY})
def import_run_files(
    request: HttpRequest,
    # None when no file is sent, answered by the 422 below; typed `| None`, ninja's OpenAPI
    # schema would offer null for the field, which a multipart form cannot send.
    file: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> Status[Any]:
    """Import one or more run files sent as multipart field `file` (repeat it for several).
    Each file stands alone and is listed: `imported`, `duplicate` (this run is stored already),
    `skipped` (not a run: a ride, swim, walk...) or `rejected` (damaged, empty, not a run file,
    over 20 MB), with a message; a rejected file stores nothing. Imported runs have no pain
    yet: set `pain_during` and `pain_after` later, or leave them (an unrated run counts as
    load only)."""
    if not file:
        problem = FieldError(field="file", message="is required: send one or more run files")
        return Status(422, FieldErrors(detail=[problem]))
    # Read one file at a time, and one byte over the cap at most: enough to refuse it.
    batch = ((upload.name or "file", upload.read(MAX_BYTES + 1)) for upload in file)
    return Status(200, [_answer(o) for o in import_files(current_user(request), batch)])


def _answer(outcome: FileOutcome) -> FileImport:
    run = RunOut.model_validate(selectors.run_json(outcome.row)) if outcome.row else None
    return FileImport(file=outcome.file, status=outcome.status, message=outcome.message, run=run)
