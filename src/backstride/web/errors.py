"""The page for a request Django could not read, saying which limit it broke when it was one
of ours; the other error pages are plain templates (404.html, 403_csrf.html, 500.html)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


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
