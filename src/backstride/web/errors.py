"""The page for a request Django could not read, saying which limit it broke when it was one
of ours, and for an address too long to be one of ours; the other error pages are plain
templates (404.html, 403_csrf.html, 500.html)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

# Longer addresses than any page of ours makes (a search is a few words): refused here, with
# our page; gunicorn itself lets up to 8 KB through (LIMIT_REQUEST_LINE in server.py).
MAX_ADDRESS = 2048


class LongAddress:
    """An address over MAX_ADDRESS characters gets our 414 page (JSON under /api/), before
    anything reads the session or the database."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if len(request.get_full_path()) <= MAX_ADDRESS:
            return self.get_response(request)
        problem = f"That address is longer than {MAX_ADDRESS:,} characters"
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": f"{problem}."}, status=414)
        return render(request, "414.html", {"problem": problem}, status=414)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if isinstance(exception, TooManyFilesSent):
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FILES
        problem = f"That is more than {limit:,} files at once: send them in parts."
    elif isinstance(exception, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
        problem = f"What you sent is larger than {limit} MB."
    elif isinstance(exception, TooManyFieldsSent):
        problem = "The form held far more fields than any of ours."
    else:
        problem = ""
    return render(request, "400.html", {"problem": problem}, status=413 if problem else 400)
