"""The check-in: warning signs first, then pain, then running, kit and time."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from backstride.core.calibration import next_to_try
from backstride.core.errors import InputError, validate
from backstride.core.profile import Profile
from backstride.core.triage import any_emergency, clear, triage
from backstride.web.coach import store
from backstride.web.coach.forms_intake import STEPS, about_initial
from backstride.web.coach.views.common import today, user_of

DRAFT = "intake"


def start(request: HttpRequest) -> HttpResponse:
    return redirect("coach:intake_step", step=1)


def _initial(request: HttpRequest, step: int) -> dict[str, Any]:
    draft = request.session.get(DRAFT, {})
    stored = store.profile_of(user_of(request))
    saved = stored.model_dump(mode="json") if stored else {}
    if step == 1:
        return {}  # warning signs are answered afresh every time, never pre-filled
    if step == 2:
        pain = draft.get("pain", saved.get("pain", {}))
        if "eases_with_rest" in pain:
            pain = {**pain, "eases_with_rest": "yes" if pain["eases_with_rest"] else "no"}
        return dict(pain)
    return about_initial(saved)


@login_required
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, step: int) -> HttpResponse:
    if step not in STEPS:
        raise Http404
    form_class, title = STEPS[step]
    if request.method == "GET":
        form = form_class(initial=_initial(request, step))
        return _page(request, step, title, form)
    form = form_class(request.POST)
    if not form.is_valid():
        return _page(request, step, title, form, status=400)
    return _advance(request, step, form)


def _page(
    request: HttpRequest,
    step: int,
    title: str,
    form: Any,
    status: int = 200,
    problems: list[str] | None = None,
) -> HttpResponse:
    context = {
        "form": form,
        "step": step,
        "title": title,
        "steps": len(STEPS),
        "problems": problems or [],
    }
    return render(request, f"coach/intake_{step}.html", context, status=status)


def _advance(request: HttpRequest, step: int, form: Any) -> HttpResponse:
    draft = dict(request.session.get(DRAFT, {}))
    if step == 1:
        flags = form.flags()
        _hold_the_plan(request, flags)
        if any_emergency(flags):
            request.session.pop(DRAFT, None)
            return redirect("coach:emergency")
        draft["red_flags"] = flags
    elif step == 2:
        draft["pain"] = form.pain()
    else:
        return _finish(request, draft, form)
    request.session[DRAFT] = draft
    return redirect("coach:intake_step", step=step + 1)


def _hold_the_plan(request: HttpRequest, flags: list[str]) -> None:
    """The warning-sign answers take effect at once on a stored profile, so a runner who
    stops the check-in here does not keep a plan the answers rule out. New answers need a
    new clearance."""
    user = user_of(request)
    stored = store.profile_of(user)
    if stored is None:
        return
    update = {"red_flags": tuple(flags), "cleared_by_clinician": False, "cleared_on": None}
    store.save_profile(user, stored.model_copy(update=update))


def _finish(request: HttpRequest, draft: dict[str, Any], form: Any) -> HttpResponse:
    if "pain" not in draft or "red_flags" not in draft:
        messages.info(request, "Let's start the check-in from the beginning.")
        return redirect("coach:intake_step", step=1)
    user = user_of(request)
    old = store.profile_of(user)
    data = {**draft, **form.about(), "abilities": old.abilities if old else {}}
    try:
        profile = validate(Profile, data)
    except InputError as error:
        return _page(request, 3, STEPS[3][1], form, status=400, problems=error.lines)
    store.save_profile(user, profile)
    request.session.pop(DRAFT, None)
    if triage(profile).level != "self_manage":
        return redirect("coach:see_doctor")
    ready = next_to_try(profile, store.history_of(user), today()) is None
    return redirect("coach:plan" if ready else "coach:calibrate")


def emergency(request: HttpRequest) -> HttpResponse:
    return render(request, "coach/emergency.html")


@login_required
@require_http_methods(["GET", "POST"])
def see_doctor(request: HttpRequest) -> HttpResponse:
    """The reasons to see a doctor, and the way back once a clinician has cleared you."""
    user = user_of(request)
    profile = store.profile_of(user)
    if profile is None:
        return redirect("coach:intake")
    checkins = store.history_of(user).checkins
    result = triage(profile, checkins)
    if request.method == "POST" and result.level == "see_doctor":
        if request.POST.get("cleared") != "yes":
            messages.error(request, "Tick the box to confirm a clinician has cleared you.")
            return render(request, "coach/see_doctor.html", {"triage": result}, status=400)
        store.save_profile(user, clear(profile, checkins, today()))
        messages.success(request, "Thank you. Your plan is ready; the cautions stay on it.")
        return redirect("coach:calibrate")
    if result.level == "self_manage":
        return redirect("coach:plan")
    return render(request, "coach/see_doctor.html", {"triage": result})
