"""Every answer under /api/ is JSON, errors included. Django and Ninja answer a few errors
outside our handlers (an unknown path, a wrong method, a request they cannot read) with an
HTML page or plain text; a client of the API should not have to parse those."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

API_PREFIX = "/api/"


class ApiErrorsAsJson:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            not request.path.startswith(API_PREFIX)
            or response.status_code < 400
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        answer = JsonResponse({"detail": _message(request, response)}, status=response.status_code)
        if "Allow" in response:
            answer["Allow"] = _allowed(response)
        return answer


def _allowed(response: HttpResponse) -> str:
    # Ninja builds the list from a set: sorted, it reads the same on every run.
    return ", ".join(sorted(m.strip() for m in response["Allow"].split(",") if m.strip()))


def _message(request: HttpRequest, response: HttpResponse) -> str:
    asked = f"{request.method} {request.path}"
    status = response.status_code
    if status == 404:
        return f"{asked}: there is no such endpoint (see /api/v1/docs)"
    if status == 405:
        allowed = _allowed(response) if "Allow" in response else "another"
        return f"{asked}: this method is not allowed here; use {allowed}"
    if status == 400:
        return f"{asked}: the request could not be read (check its body and headers)"
    return f"{asked}: {response.reason_phrase.lower()}"
