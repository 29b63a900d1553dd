"""Run files in the web app: the upload page with what became of each file, and the small
forms that ask an imported run for its pain."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from backstride.core.errors import InputError
from backstride.runfiles import MAX_BYTES
from backstride.web.coach import models as m
from backstride.web.coach import run_import, selectors
from backstride.web.coach.forms_log import number
from backstride.web.coach.views.common import user_of

NO_FILE = "Choose one or more run files (GPX, TCX or FIT) to import."


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _page(request)
    files = request.FILES.getlist("file")
    if not files:
        return _page(request, problems=[NO_FILE], status=400)
    # Read one file at a time, and one byte over the cap at most: enough to refuse it.
    batch = ((f.name or "file", f.read(MAX_BYTES + 1)) for f in files)
    unit = selectors.preferences_of(user_of(request)).unit
    return _page(request, outcomes=run_import.import_files(user_of(request), batch, unit))


@login_required
@require_POST
def rate_run(request: HttpRequest, item_id: int) -> HttpResponse:
    row = get_object_or_404(m.Run, id=item_id, user=user_of(request))
    when = f"{row.date.day} {row.date:%B %Y}"
    if not row.asks_for_pain:
        # A second click on the same form: nothing to do, and nothing is overwritten.
        messages.info(request, f"The run of {when} was already answered.")
    elif "skip" in request.POST:
        run_import.skip_rating(row)
        messages.success(request, f"Skipped: the run of {when} counts as load only.")
    else:
        during, after, minutes = (
            number(request.POST.get(k)) for k in ("pain_during", "pain_after", "minutes")
        )
        try:
            unit = selectors.preferences_of(user_of(request)).unit
            run_import.rate(row, during, after, minutes, unit)
        except InputError as error:
            return _page(request, problems=run_import.rating_problems(error), status=400)
        messages.success(request, f"Saved the pain of the run of {when}.")
    return redirect(_back(request))


@login_required
@require_POST
def skip_all_runs(request: HttpRequest) -> HttpResponse:
    skipped = run_import.skip_all(user_of(request))
    if skipped:
        runs = "run counts" if skipped == 1 else f"{skipped} runs count"
        messages.success(request, f"Skipped: the {runs} as load only.")
    return redirect(_back(request))


def _page(request: HttpRequest, status: int = 200, **context: Any) -> HttpResponse:
    context["runs_to_rate"] = run_import.store_runs_to_rate(user_of(request))
    context.setdefault("unit", selectors.preferences_of(user_of(request)).unit)
    return render(request, "coach/runs_upload.html", context, status=status)


def _back(request: HttpRequest) -> str:
    """The page the rating form sat on (plan, today, this one), if it is one of ours."""
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and safe else reverse("coach:runs_import")
