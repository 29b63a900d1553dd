"""The guided session: one exercise at a time, set by set, each set saved as it is entered."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from backstride.core.catalog import load_catalog
from backstride.core.errors import InputError, Problem, as_lines, validate
from backstride.core.history import SetLog
from backstride.core.session_flow import session_flow
from backstride.web.coach import derived, selectors, services
from backstride.web.coach.forms_log import number
from backstride.web.coach.views.common import today, user_of

REST_SECONDS = 75
LABELS = {
    "reps": "Reps done",
    "pain": "Pain",
    "form": "Form OK?",
    "exercise": "Exercise",
    "set_number": "Set number",
}
# The page asks "Form OK?" with yes or no; "good" and "poor" are the stored words.
PAGE_WORDS = {"form": "choose yes or no"}


@login_required
def guided(
    request: HttpRequest, status: int = 200, problems: Sequence[Problem] = ()
) -> HttpResponse:
    user, day = user_of(request), today()
    found = derived.day_start_of(user, day)
    if found is None:
        return redirect("coach:intake")
    start = found.plan
    if start is None:
        return redirect("coach:see_doctor")
    flow = session_flow(start.strength.exercises, selectors.sets_on(user, day))
    upcoming = flow.next
    context = {
        "flow": flow,
        "upcoming": upcoming,
        "exercise": load_catalog()[upcoming.exercise.id] if upcoming else None,
        "rest": REST_SECONDS if request.GET.get("rest") == "1" else 0,
        "pain_values": range(11),
        "problems": as_lines([_in_page_words(p) for p in problems], LABELS),
    }
    return render(request, "coach/session.html", context, status=status)


@login_required
@require_POST
def log_set(request: HttpRequest) -> HttpResponse:
    """Save one set, as core decides: a resend of a set number already saved (a retry
    after a lost connection) is not saved twice."""
    user, day = user_of(request), today()
    found = derived.day_start_of(user, day)
    if found is None:
        return redirect("coach:intake")
    start = found.plan
    if start is None:
        # A warning sign reported since the page was loaded: the session stops here.
        return redirect("coach:see_doctor")
    try:
        set_log = validate(SetLog, _posted_set(request))
    except InputError as error:
        return guided(request, status=400, problems=error.problems)
    decision = services.add_set(
        user=user,
        day=day,
        items=start.strength.exercises,
        set_log=set_log,
        set_number=_set_number(request.POST.get("set_number")),
    )
    if decision.outcome == "refused":
        return guided(request, status=400, problems=decision.problems)
    note = decision.note(set_log)
    if note is not None:
        messages.warning(request, note)
        return redirect("coach:session")
    return redirect(reverse("coach:session") + "?rest=1")


def _posted_set(request: HttpRequest) -> dict[str, object]:
    answer = request.POST.get("form_ok")
    return {
        "exercise": request.POST.get("exercise", ""),
        "reps": number(request.POST.get("reps")),
        "pain": number(request.POST.get("pain")),
        "form": {"yes": "good", "no": "poor"}.get(answer or "", ""),
    }


def _set_number(value: str | None) -> int | None:
    """The page's set number (None when the form had none); 0 stands for a bad one, which
    core refuses."""
    text = (value or "").strip()
    if not text:
        return None
    if text.isascii() and text.isdigit() and len(text) <= 3:
        return int(text)
    return 0


def _in_page_words(problem: Problem) -> Problem:
    message = PAGE_WORDS.get(problem.field, problem.message)
    return Problem(problem.field, message.replace("is required", "please fill this in"))
