"""The NinjaAPI object, its error answers, and the endpoints that need no account."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, cast

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from backstride.core.assessment import assess
from backstride.core.errors import InputError, field_path, has_item_errors, problem
from backstride.core.plan import PlanResult
from backstride.core.triage import Triage, check_clearance_date
from backstride.web.accounts.models import ApiToken
from backstride.web.accounts.service import create_account, revoke_api_token
from backstride.web.api import calendar, me, runs_import
from backstride.web.api.schemas import (
    NEEDS_TOKEN,
    WITH_BODY,
    Account,
    Credentials,
    NewAccount,
    PlanRequest,
    Problem,
    Token,
)

api = NinjaAPI(
    title="backstride API",
    version="1",
    description=(
        "Triage and plans for runners with back pain, and each runner's own log of sessions, "
        "morning check-ins and runs. Authenticated endpoints take `Authorization: Bearer TOKEN` "
        "from `POST /api/v1/auth/token`. Not a diagnosis."
    ),
    urls_namespace="api",
)
# Before "/me": its "/runs/{item_id}" would otherwise take "/runs/import".
api.add_router("/me/runs", runs_import.router)
api.add_router("/me", me.router)
api.add_router("/me", calendar.router)


def _field(loc: list[Any]) -> str:
    # Ninja prefixes the body parameter's place and name: ["body", "payload", "date"].
    parts = list(loc)
    if parts[:1] == ["body"]:
        parts = parts[2:]
    elif parts[:1] in (["query"], ["path"]):
        parts = parts[1:]
    return field_path(parts) or "body"


@api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, error: NinjaValidationError) -> HttpResponse:
    detail = [
        {"field": _field(e["loc"]), "message": problem(e)}
        for e in error.errors
        if not (e["type"] == "too_short" and has_item_errors(e["loc"], error.errors))
    ]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(InputError)
def _bad_input(request: HttpRequest, error: InputError) -> HttpResponse:
    # A problem with the whole input is the body's, as in a validation error at its root.
    detail = [{"field": p.field or "body", "message": p.message} for p in error.problems]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    # Ninja answers a body it cannot parse with a bare 400; it is bad input like any other.
    cause = error.__cause__
    if error.status_code == 400 and isinstance(cause, ValueError | RecursionError):
        message = "is not valid JSON"
        if isinstance(cause, json.JSONDecodeError):
            message += f" (line {cause.lineno}, column {cause.colno}: {cause.msg})"
        detail = [{"field": "body", "message": message}]
        return api.create_response(request, {"detail": detail}, status=422)
    return api.create_response(request, {"detail": str(error)}, status=error.status_code)


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, error: RequestDataTooBig) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    detail = [{"field": "body", "message": f"is larger than {limit} MB"}]
    return api.create_response(request, {"detail": detail}, status=413)


@api.exception_handler(TooManyFilesSent)
def _too_many_files(request: HttpRequest, error: TooManyFilesSent) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FILES
    detail = [{"field": "file", "message": f"holds more than {limit} files; send them in parts"}]
    return api.create_response(request, {"detail": detail}, status=413)


@api.exception_handler(TooManyFieldsSent)
def _too_many_fields(request: HttpRequest, error: TooManyFieldsSent) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    detail = [{"field": "body", "message": f"holds more than {limit} form fields"}]
    return api.create_response(request, {"detail": detail}, status=413)


@api.exception_handler(MultiPartParserError)
def _unreadable_form(request: HttpRequest, error: MultiPartParserError) -> HttpResponse:
    # Django would answer a bare 400; like malformed JSON, it is bad input.
    detail = [{"field": "body", "message": "is not valid multipart form data"}]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(AuthenticationError)
def _unauthorised(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "a valid bearer token is required"}, status=401)


@api.post("/triage", response={200: Triage, **WITH_BODY}, tags=["engine"])
def triage_endpoint(request: HttpRequest, payload: PlanRequest) -> Triage:
    """Screen a profile (and the check-ins and runs of a history) for warning signs."""
    # As in the plan: a warning sign counts whatever the date on its entry.
    today = payload.today or dt.date.today()
    check_clearance_date(payload.profile, today)
    return assess(payload.profile, payload.history, today).triage


@api.post("/plan", response={200: PlanResult, **WITH_BODY}, tags=["engine"])
def plan_endpoint(request: HttpRequest, payload: PlanRequest) -> PlanResult:
    """The programme for a profile and history, as `backstride plan --json` gives it."""
    today = payload.today or dt.date.today()
    check_clearance_date(payload.profile, today)
    return assess(payload.profile, payload.history, today).result


@api.post("/auth/signup", response={201: Account, **WITH_BODY}, tags=["accounts"])
def signup(request: HttpRequest, payload: NewAccount) -> Status[Account]:
    """Open an account; a taken email, a bad email or a weak password is a 422 naming it."""
    user = create_account(payload.email, payload.password)
    return Status(201, Account(id=user.id, email=user.email))


class AxesRequest(HttpRequest):
    """A request django-axes has seen: its backend marks one it refused as locked out."""

    axes_locked_out: bool


@api.post(
    "/auth/token",
    response={200: Token, 401: Problem, **WITH_BODY, 429: Problem},
    tags=["accounts"],
)
def token(request: HttpRequest, payload: Credentials) -> Status[Any]:
    """Trade email and password for a bearer token (90 days, or until logout). Repeated
    failures lock further attempts for 15 minutes: those answer 429."""
    user = authenticate(request, username=payload.email.strip().lower(), password=payload.password)
    if getattr(request, "axes_locked_out", False):
        # Answered here in JSON; cleared so AxesMiddleware does not swap in its HTML page.
        cast(AxesRequest, request).axes_locked_out = False
        return Status(429, Problem(detail="too many failed attempts; try again in 15 minutes"))
    if user is None:
        return Status(401, Problem(detail="wrong email or password"))
    return Status(200, Token(token=ApiToken.issue(user)))


@api.post("/auth/logout", response={204: None, **NEEDS_TOKEN}, auth=me.bearer, tags=["accounts"])
def logout(request: HttpRequest) -> Status[None]:
    """Revoke the token this request carries."""
    header = request.headers.get("Authorization", "")
    revoke_api_token(header.partition(" ")[2].strip())
    return Status(204, None)
