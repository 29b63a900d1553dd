"""The runner's own data: profile, sessions, check-ins, runs, plan, export and import."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from backstride.core.dates import IsoDate
from backstride.core.history import Checkin, Run, Session
from backstride.core.plan import PlanResult
from backstride.core.profile import Profile
from backstride.core.triage import check_clearance_date
from backstride.web.api.auth import BearerToken, current_user
from backstride.web.api.schemas import (
    CheckinOut,
    ExportData,
    FieldErrors,
    ImportResult,
    Problem,
    RunOut,
    SessionOut,
)
from backstride.web.coach import models as m
from backstride.web.coach import store

bearer = BearerToken()
router = Router(auth=bearer, tags=["my data"])


@router.get("/profile", response={200: Profile, 404: Problem})
def get_profile(request: HttpRequest) -> Status[Any]:
    profile = store.profile_of(current_user(request))
    if profile is None:
        return Status(404, Problem(detail="no profile yet: PUT one first"))
    return Status(200, profile)


@router.put("/profile", response={200: Profile, 422: FieldErrors})
def put_profile(request: HttpRequest, payload: Profile) -> Profile:
    check_clearance_date(payload, dt.date.today())
    store.save_profile(current_user(request), payload)
    return payload


@router.get("/plan", response={200: PlanResult, 404: Problem, 422: FieldErrors})
def get_plan(request: HttpRequest, today: IsoDate | None = None) -> Status[Any]:
    """Derived on each call from the stored profile and history; never stored."""
    _, result = store.plan_of(current_user(request), today or dt.date.today())
    if result is None:
        return Status(404, Problem(detail="no profile yet: PUT /api/v1/me/profile first"))
    return Status(200, result)


def _own(request: HttpRequest, model: type[Model]) -> QuerySet[Any]:
    return model.objects.filter(user=current_user(request))  # type: ignore[attr-defined]


@router.get("/sessions", response=list[SessionOut])
def list_sessions(request: HttpRequest) -> list[dict[str, Any]]:
    rows = _own(request, m.TrainingSession).prefetch_related("sets")
    return [store.session_json(r) for r in rows]


@router.post("/sessions", response={201: SessionOut, 422: FieldErrors})
def create_session(request: HttpRequest, payload: Session) -> Status[dict[str, Any]]:
    return Status(201, store.session_json(store.add_session(current_user(request), payload)))


@router.get("/sessions/{item_id}", response={200: SessionOut, 404: Problem})
def get_session(request: HttpRequest, item_id: int) -> dict[str, Any]:
    return store.session_json(get_object_or_404(_own(request, m.TrainingSession), id=item_id))


@router.delete("/sessions/{item_id}", response={204: None, 404: Problem})
def delete_session(request: HttpRequest, item_id: int) -> Status[None]:
    get_object_or_404(_own(request, m.TrainingSession), id=item_id).delete()
    return Status(204, None)


@router.get("/checkins", response=list[CheckinOut])
def list_checkins(request: HttpRequest) -> list[dict[str, Any]]:
    return [store.checkin_json(r) for r in _own(request, m.Checkin)]


@router.post("/checkins", response={201: CheckinOut, 422: FieldErrors})
def create_checkin(request: HttpRequest, payload: Checkin) -> Status[dict[str, Any]]:
    return Status(201, store.checkin_json(store.add_checkin(current_user(request), payload)))


@router.get("/checkins/{item_id}", response={200: CheckinOut, 404: Problem})
def get_checkin(request: HttpRequest, item_id: int) -> dict[str, Any]:
    return store.checkin_json(get_object_or_404(_own(request, m.Checkin), id=item_id))


@router.delete("/checkins/{item_id}", response={204: None, 404: Problem})
def delete_checkin(request: HttpRequest, item_id: int) -> Status[None]:
    get_object_or_404(_own(request, m.Checkin), id=item_id).delete()
    return Status(204, None)


@router.get("/runs", response=list[RunOut])
def list_runs(request: HttpRequest) -> list[dict[str, Any]]:
    return [store.run_json(r) for r in _own(request, m.Run)]


@router.post("/runs", response={201: RunOut, 422: FieldErrors})
def create_run(request: HttpRequest, payload: Run) -> Status[dict[str, Any]]:
    return Status(201, store.run_json(store.add_run(current_user(request), payload)))


@router.get("/runs/{item_id}", response={200: RunOut, 404: Problem})
def get_run(request: HttpRequest, item_id: int) -> dict[str, Any]:
    return store.run_json(get_object_or_404(_own(request, m.Run), id=item_id))


@router.delete("/runs/{item_id}", response={204: None, 404: Problem})
def delete_run(request: HttpRequest, item_id: int) -> Status[None]:
    get_object_or_404(_own(request, m.Run), id=item_id).delete()
    return Status(204, None)


@router.get("/export", response=ExportData)
def export(request: HttpRequest) -> dict[str, Any]:
    """All of the runner's data, in the format `POST /me/import` takes."""
    return store.export(current_user(request))


@router.post("/import", response={200: ImportResult, 422: FieldErrors})
def import_data(request: HttpRequest, payload: ExportData) -> ImportResult:
    """Set the profile and add history items not stored yet; nothing is ever deleted."""
    if payload.profile is not None:
        check_clearance_date(payload.profile, dt.date.today())
    added = store.import_data(current_user(request), payload.profile, payload.history)
    return ImportResult(added=added)
