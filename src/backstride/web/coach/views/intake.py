"""The check-in: warning signs first, then pain, then running, kit and time, and the
inflammatory questions only when they matter. The questions are core's."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from backstride.core.clearance import revoke
from backstride.core.errors import InputError, as_lines, validate
from backstride.core.profile import Profile
from backstride.core.questions import PAIN_QUESTIONS, follow_ups
from backstride.core.triage import highest
from backstride.web.coach import derived, selectors, services
from backstride.web.coach.forms_intake import STEPS, QuestionsForm, initial_of
from backstride.web.coach.views.common import today, user_of
from backstride.web.coach.views.help import REPORTED

DRAFT = "intake"
ASKED_STEPS = 3  # the fourth is a follow-up, asked only when it matters
YES_NO_STEPS = (1, 4)


def start(request: HttpRequest) -> HttpResponse:
    return redirect("coach:intake_step", step=1)


def _initial(request: HttpRequest, step: int) -> dict[str, Any]:
    if step in YES_NO_STEPS:
        return {}  # warning signs are answered afresh every time, never pre-filled
    draft = request.session.get(DRAFT, {})
    stored = selectors.profile_of(user_of(request))
    saved = stored.model_dump(mode="json") if stored else {}
    if step == 2:
        return initial_of(PAIN_QUESTIONS, {"pain": draft.get("pain", saved.get("pain", {}))})
    return initial_of(STEPS[3][0].questions, saved)


@login_required
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, step: int) -> HttpResponse:
    if step not in STEPS:
        raise Http404
    if step == 4 and "about" not in request.session.get(DRAFT, {}):
        return redirect("coach:intake_step", step=3)
    form_class, title = STEPS[step]
    if request.method == "GET":
        return _page(request, step, title, form_class(initial=_initial(request, step)))
    form = form_class(request.POST)
    if not form.is_valid():
        return _page(request, step, title, form, status=400)
    return _advance(request, step, form)


def _page(
    request: HttpRequest,
    step: int,
    title: str,
    form: QuestionsForm,
    status: int = 200,
    problems: list[str] | None = None,
) -> HttpResponse:
    context = {
        "form": form,
        "step": step,
        "title": title,
        "steps": max(step, ASKED_STEPS),
        "problems": problems or [],
    }
    template = "coach/intake_yes_no.html" if step in YES_NO_STEPS else "coach/intake_fields.html"
    return render(request, template, context, status=status)


def _advance(request: HttpRequest, step: int, form: QuestionsForm) -> HttpResponse:
    draft = dict(request.session.get(DRAFT, {}))
    if step == 1:
        return _warning_signs(request, draft, form.ticked())
    if step == 2:
        draft["pain"] = form.answers()["pain"]
    elif step == 3:
        draft["about"] = form.answers()
        pain = draft.get("pain", {})
        if not follow_ups(draft["about"]["age"], pain.get("weeks", 0)):
            return _finish(request, draft, [])
    else:
        return _finish(request, draft, form.ticked())
    request.session[DRAFT] = draft
    return redirect("coach:intake_step", step=step + 1)


def _warning_signs(request: HttpRequest, draft: dict[str, Any], flags: list[str]) -> HttpResponse:
    """The answers take effect at once on a stored profile, so a runner who stops here does
    not keep a plan they rule out; new answers need a new clearance. An emergency or
    urgent sign shows what to do before anything else."""
    stored = selectors.profile_of(user_of(request))
    _hold_the_plan(request, flags)
    level = highest(flags, stored.age if stored else None)
    if level == "emergency":
        request.session.pop(DRAFT, None)
        request.session[REPORTED] = flags
        return redirect("coach:emergency")
    draft["red_flags"] = flags
    request.session[DRAFT] = draft
    if level == "urgent":
        request.session[REPORTED] = flags
        return redirect("coach:emergency")
    return redirect("coach:intake_step", step=2)


def _hold_the_plan(request: HttpRequest, flags: list[str]) -> None:
    user = user_of(request)
    stored = selectors.profile_of(user)
    if stored is not None:
        held = revoke(stored).model_copy(update={"red_flags": tuple(flags)})
        services.save_profile(user=user, profile=held)


def _finish(request: HttpRequest, draft: dict[str, Any], signs: list[str]) -> HttpResponse:
    if not {"pain", "red_flags", "about"} <= draft.keys():
        messages.info(request, "Let's start the check-in from the beginning.")
        return redirect("coach:intake_step", step=1)
    user = user_of(request)
    old = selectors.profile_of(user)
    data = {
        "red_flags": draft["red_flags"],
        "pain": draft["pain"],
        **draft["about"],
        "inflammatory_signs": signs,
        "abilities": old.abilities if old else {},
    }
    try:
        profile = validate(Profile, data)
    except InputError as error:
        form = STEPS[3][0](initial=_initial(request, 3))
        problems = as_lines(error.problems)
        return _page(request, 3, STEPS[3][1], form, status=400, problems=problems)
    services.save_profile(user=user, profile=profile)
    request.session.pop(DRAFT, None)
    found = derived.assessment_of(user, today())
    if found is None or found.triage.level != "self_manage":
        return redirect("coach:see_doctor")
    return redirect("coach:plan" if found.next_to_try is None else "coach:calibrate")
