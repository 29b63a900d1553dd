"""The guided session: one exercise at a time, set by set, each set saved as it is entered."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from backstride.core.catalog import load_catalog
from backstride.core.errors import InputError, validate
from backstride.core.history import SetLog
from backstride.core.session_flow import in_session, session_flow, stops_exercise
from backstride.web.coach import store
from backstride.web.coach.forms_log import number
from backstride.web.coach.views.common import today, user_of

REST_SECONDS = 75
NOT_TODAY = "Exercise: is not in today's session, so the set was not saved"


@login_required
def guided(
    request: HttpRequest, status: int = 200, problems: list[str] | None = None
) -> HttpResponse:
    user = user_of(request)
    result = store.session_plan(user, today())
    if result is None:
        return redirect("coach:intake")
    if result.plan is None:
        return redirect("coach:see_doctor")
    flow = session_flow(result.plan.strength.exercises, store.sets_on(user, today()))
    upcoming = flow.next
    context = {
        "flow": flow,
        "upcoming": upcoming,
        "exercise": load_catalog()[upcoming.exercise.id] if upcoming else None,
        "rest": REST_SECONDS if request.GET.get("rest") == "1" else 0,
        "pain_values": range(11),
        "problems": problems or [],
    }
    return render(request, "coach/session.html", context, status=status)


@login_required
@require_POST
def log_set(request: HttpRequest) -> HttpResponse:
    """Save one set. A repeated submit of the same set number (a retry after a lost
    connection) is recognised and not saved twice."""
    user = user_of(request)
    day = today()
    result = store.session_plan(user, day)
    if result is None:
        return redirect("coach:intake")
    if result.plan is None:
        # A warning sign reported since the page was loaded: the session stops here.
        return redirect("coach:see_doctor")
    data = {
        "exercise": request.POST.get("exercise", ""),
        "reps": number(request.POST.get("reps")),
        "pain": number(request.POST.get("pain")),
        "form": "good"
        if request.POST.get("form_ok") == "yes"
        else ("poor" if request.POST.get("form_ok") == "no" else ""),
    }
    try:
        set_log = validate(SetLog, data)
    except InputError as error:
        return guided(request, status=400, problems=_plain(error.lines))
    if not in_session(result.plan.strength.exercises, set_log.exercise):
        return guided(request, status=400, problems=[NOT_TODAY])
    set_number = _set_number(request.POST.get("set_number"))
    if set_number == 0:
        return guided(request, status=400, problems=["Set number: must be 1 or more"])
    store.add_set_once(user, day, set_log, set_number)
    if stops_exercise(set_log):
        messages.warning(request, f"Pain {set_log.pain}/10 is above 5: that exercise stops here.")
        return redirect("coach:session")
    return redirect(reverse("coach:session") + "?rest=1")


def _set_number(value: str | None) -> int | None:
    """The page's set number (None when the form had none); 0 stands for a bad one."""
    text = (value or "").strip()
    if not text:
        return None
    if text.isascii() and text.isdigit() and len(text) <= 3 and int(text) >= 1:
        return int(text)
    return 0


def _plain(lines: list[str]) -> list[str]:
    names = {"reps": "Reps done", "pain": "Pain", "form": "Form OK?", "exercise": "Exercise"}
    out = []
    for line in lines:
        field, _, problem = line.partition(": ")
        # The page asks "Form OK?" with yes or no; "good" and "poor" are the stored words.
        problem = "choose yes or no" if field == "form" else problem
        out.append(
            f"{names.get(field, field)}: {problem.replace('is required', 'please fill this in')}"
        )
    return out
