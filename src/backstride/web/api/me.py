"""The runner's own data: profile, sessions, check-ins, runs, plan, export and import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import Header, Router, Status

from backstride.core.dates import IsoDate
from backstride.core.plan import PlanResult
from backstride.core.profile import Profile
from backstride.core.run_text import distance_text, minutes_text
from backstride.core.sanity import (
    checkin_problems,
    history_problems,
    refuse,
    run_problems,
    session_problems,
)
from backstride.core.triage import check_clearance_date
from backstride.web.api.auth import BearerToken, current_user
from backstride.web.api.schemas import (
    BAD_INPUT,
    NEEDS_TOKEN,
    WITH_BODY,
    CheckinIn,
    CheckinOut,
    Conflict,
    Export,
    ExportData,
    ImportResult,
    Problem,
    RunIn,
    RunOut,
    SessionIn,
    SessionOut,
)
from backstride.web.coach import derived, receipts, selectors, services
from backstride.web.coach.entry_day import last_day
from backstride.web.coach.services import log_writes

bearer = BearerToken()
router = Router(auth=bearer, tags=["my data"])

# Reading or deleting one item: no token, no such item of this runner's, or an id not a number.
ITEM_ERRORS = {**NEEDS_TOKEN, 404: Problem, **BAD_INPUT}


@router.get("/profile", response={200: Profile, **NEEDS_TOKEN, 404: Problem})
def get_profile(request: HttpRequest) -> Status[Any]:
    profile = selectors.profile_of(current_user(request))
    if profile is None:
        return Status(404, Problem(detail="no profile yet: PUT one first"))
    return Status(200, profile)


@router.put("/profile", response={200: Profile, **NEEDS_TOKEN, **WITH_BODY})
def put_profile(request: HttpRequest, payload: Profile) -> Profile:
    check_clearance_date(payload, dt.date.today())
    services.save_profile(user=current_user(request), profile=payload)
    return payload


@router.get("/plan", response={200: PlanResult, **NEEDS_TOKEN, 404: Problem, **BAD_INPUT})
def get_plan(request: HttpRequest, today: IsoDate | None = None) -> Status[Any] | HttpResponse:
    """Derived from the stored profile and history (kept only in the derived-state cache)."""
    found = derived.of(current_user(request), today or dt.date.today())
    if found is None:
        return Status(404, Problem(detail="no profile yet: PUT /api/v1/me/profile first"))
    result = found.assessment.result
    # The JSON is drawn from the assessment alone, so it is kept beside it in the cache.
    body = derived.part(found, "plan_json", result.model_dump_json)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


# A write sent again with the same key (DESIGN section 5) answers as the first did.
Key = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        description="Optional: a key of your own (a UUID) that makes a resent write harmless; "
        "the same key from the same runner answers as the first write did.",
        max_length=200,
    ),
]


def once(user: Any, key: str | None, status: int, write: Callable[[], Any]) -> Status[Any]:
    code, body = receipts.once(user, receipts.check_key(key), lambda: (status, write()))
    return Status(code, body)


class _Asked(Exception):
    """A write that stores nothing until the client confirms: answered 409, and no receipt
    is kept for its key (the transaction of `receipts.once` is rolled back)."""

    def __init__(self, conflict: Conflict) -> None:
        super().__init__(conflict.detail)
        self.conflict = conflict


def _once_or_asked(user: Any, key: str | None, write: Callable[[], Any]) -> Status[Any]:
    try:
        return once(user, key, 201, write)
    except _Asked as asked:
        return Status(409, asked.conflict)


def _item(request: HttpRequest, kind: str, item_id: int) -> Any:
    return selectors.own_row(current_user(request), kind, item_id)


def _delete(request: HttpRequest, kind: str, item_id: int) -> Status[None]:
    services.delete_entry(user=current_user(request), kind=kind, item_id=item_id)
    return Status(204, None)


@router.get("/sessions", response={200: list[SessionOut], **NEEDS_TOKEN})
def list_sessions(request: HttpRequest) -> list[dict[str, Any]]:
    rows = selectors.own_rows(current_user(request), "session")
    return [selectors.session_json(r) for r in rows]


@router.post("/sessions", response={201: SessionOut, **NEEDS_TOKEN, **WITH_BODY})
def create_session(
    request: HttpRequest, payload: SessionIn, idempotency_key: Key = None
) -> Status[Any]:
    user, session = current_user(request), payload.session()
    refuse(session_problems(session, last_day()))
    return once(
        user,
        idempotency_key or payload.client_key,
        201,
        lambda: selectors.session_json(services.add_session(user=user, session=session)),
    )


@router.get("/sessions/{item_id}", response={200: SessionOut, **ITEM_ERRORS})
def get_session(request: HttpRequest, item_id: int) -> dict[str, Any]:
    return selectors.session_json(_item(request, "session", item_id))


@router.delete("/sessions/{item_id}", response={204: None, **ITEM_ERRORS})
def delete_session(request: HttpRequest, item_id: int) -> Status[None]:
    return _delete(request, "session", item_id)


@router.get("/checkins", response={200: list[CheckinOut], **NEEDS_TOKEN})
def list_checkins(request: HttpRequest) -> list[dict[str, Any]]:
    rows = selectors.own_rows(current_user(request), "checkin")
    return [selectors.checkin_json(r) for r in rows]


@router.post("/checkins", response={201: CheckinOut, 409: Conflict, **NEEDS_TOKEN, **WITH_BODY})
def create_checkin(
    request: HttpRequest, payload: CheckinIn, idempotency_key: Key = None
) -> Status[Any]:
    """Store a morning check-in; a date after today is refused (422). A day holds one
    check-in: for a date that has one, the answer is 409 with its id and nothing is stored,
    unless the body says `"replace": true` (a check-in bringing a new warning sign replaces
    the day's at once, so the sign is never held back)."""
    user, checkin = current_user(request), payload.checkin()
    refuse(checkin_problems(checkin, last_day()))

    def write() -> dict[str, Any]:
        saved = log_writes.save_checkin(user=user, checkin=checkin, replace=payload.replace)
        if not saved.stored:
            first = saved.row
            detail = (
                f"a check-in for {first.date.isoformat()} is stored already, with pain "
                f'{first.morning_pain}; send "replace": true to replace it'
            )
            raise _Asked(Conflict(detail=detail, id=first.id))
        return selectors.checkin_json(saved.row)

    return _once_or_asked(user, idempotency_key or payload.client_key, write)


@router.get("/checkins/{item_id}", response={200: CheckinOut, **ITEM_ERRORS})
def get_checkin(request: HttpRequest, item_id: int) -> dict[str, Any]:
    return selectors.checkin_json(_item(request, "checkin", item_id))


@router.delete("/checkins/{item_id}", response={204: None, **ITEM_ERRORS})
def delete_checkin(request: HttpRequest, item_id: int) -> Status[None]:
    return _delete(request, "checkin", item_id)


@router.get("/runs", response={200: list[RunOut], **NEEDS_TOKEN})
def list_runs(request: HttpRequest) -> list[dict[str, Any]]:
    return [selectors.run_json(r) for r in selectors.own_rows(current_user(request), "run")]


@router.post("/runs", response={201: RunOut, 409: Conflict, **NEEDS_TOKEN, **WITH_BODY})
def create_run(request: HttpRequest, payload: RunIn, idempotency_key: Key = None) -> Status[Any]:
    """Store a run (km and minutes; the API is always in kilometres). Refused (422): a date
    after today, over 250 km, or a pace faster than 2:00 or slower than 20:00 min/km. A run
    that looks like one stored already answers 409 with that run's id and stores nothing,
    unless the body says `"different_run": true`."""
    user, run = current_user(request), payload.run()
    refuse(run_problems(run, last_day()))

    def write() -> dict[str, Any]:
        saved = log_writes.save_run(user=user, run=run, different=payload.different_run)
        if not saved.stored:
            twin = saved.row
            took = f", {minutes_text(twin.minutes)}" if twin.minutes else ""
            detail = (
                f"this looks like the run stored for {twin.date.isoformat()} "
                f'({distance_text(twin.km, "km")}{took}); send "different_run": true if it '
                "is another run"
            )
            raise _Asked(Conflict(detail=detail, id=twin.id))
        return selectors.run_json(saved.row)

    return _once_or_asked(user, idempotency_key or payload.client_key, write)


@router.get("/runs/{item_id}", response={200: RunOut, **ITEM_ERRORS})
def get_run(request: HttpRequest, item_id: int) -> dict[str, Any]:
    return selectors.run_json(_item(request, "run", item_id))


@router.delete("/runs/{item_id}", response={204: None, **ITEM_ERRORS})
def delete_run(request: HttpRequest, item_id: int) -> Status[None]:
    return _delete(request, "run", item_id)


@router.get("/export", response={200: Export, **NEEDS_TOKEN})
def export(request: HttpRequest) -> dict[str, Any]:
    """All of the runner's data, in the format `POST /me/import` takes."""
    return selectors.export(current_user(request))


@router.post("/import", response={200: ImportResult, **NEEDS_TOKEN, **WITH_BODY})
def import_data(
    request: HttpRequest, payload: ExportData, idempotency_key: Key = None
) -> Status[Any]:
    """Set the profile and add history items not stored yet; nothing is ever deleted."""
    if payload.profile is not None:
        check_clearance_date(payload.profile, dt.date.today())
    # Each refused entry is named by its place in the file; then nothing is imported.
    refuse(history_problems(payload.history, last_day(), prefix="history"))
    user = current_user(request)

    def write() -> dict[str, Any]:
        added = services.import_data(user=user, profile=payload.profile, history=payload.history)
        return ImportResult(added=added).model_dump(mode="json")

    return once(user, idempotency_key, 200, write)
