"""The guided session: today's items one at a time (strength set by set, then mobility, the
post-run stretches and the optional extras), each saved as it is done or skipped, and a
summary at the end that asks how the back feels."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from backstride.core.errors import InputError, Problem, as_lines, validate
from backstride.core.history import SetLog
from backstride.core.plan import Plan
from backstride.core.session_flow import Guide, Step, guide, strength_items, todays_steps
from backstride.core.session_summary import summarise
from backstride.core.time_budget import STRENGTH_REST_SECONDS
from backstride.core.todays_session import with_choice
from backstride.web.coach import derived, selectors, services
from backstride.web.coach.forms_log import number
from backstride.web.coach.forms_session import FeelingForm, whole_number
from backstride.web.coach.views.common import today, user_of
from backstride.web.coach.views.form_receipts import once_per_key
from backstride.web.coach.views.session_offline import offline_session
from backstride.web.coach.views.session_steps import step_context

# The rest between strength sets is the one the time budget counts.
REST_SECONDS = STRENGTH_REST_SECONDS
# Seconds the timer gives to change sides (or settle again) between two timed holds; the
# estimate allows more (its side switch and the rest between sets), so it never runs short.
HOLD_CHANGEOVER_SECONDS = 5
# More items than any session holds in one request is no runner's form.
MOST_ITEMS_AT_ONCE = 40
LABELS = {
    "reps": "Reps done",
    "pain": "Pain",
    "form": "Form OK?",
    "exercise": "Exercise",
    "set_number": "Set number",
    "outcome": "Done or skip",
    "feeling_after": "How your back feels",
}
# The runner's choice of the strength session on a day the week has none.
CHOSEN = "anyway"
# The page asks "Form OK?" with yes or no; "good" and "poor" are the stored words.
PAGE_WORDS = {"form": "choose yes or no"}


def _todays_plan(request: HttpRequest) -> Plan | HttpResponse:
    """The plan as the day began, or where to go instead: the check-in before a profile,
    the doctor's page while a warning sign holds the plan (reported since the page loaded)."""
    found = derived.day_start_of(user_of(request), today())
    if found is None:
        return redirect("coach:intake")
    if found.plan is None:
        return redirect("coach:see_doctor")
    return _as_chosen(request, found.plan)


def _as_chosen(request: HttpRequest, plan: Plan) -> Plan:
    """Today's session as the runner has it (core decides): on a day they may choose the
    strength session, it once they chose it (`strength=anyway` in the address, then in
    each form) or began it; the day's saved items are read only on such a day."""
    if plan.strength_today.anyway is None:
        return plan
    chose = CHOSEN in (request.GET.get("strength"), request.POST.get("strength"))
    saved = selectors.session_day(user_of(request), today())
    return with_choice(plan, chose, saved.sets, saved.items)


@login_required
def guided(
    request: HttpRequest,
    status: int = 200,
    problems: Sequence[Problem] = (),
    feeling_form: FeelingForm | None = None,
) -> HttpResponse:
    plan = _todays_plan(request)
    if isinstance(plan, HttpResponse):
        return plan
    user, day = user_of(request), today()
    steps = todays_steps(plan)
    saved = selectors.session_day(user, day)
    current = guide(steps, saved.sets, saved.items)
    context: dict[str, Any] = {
        "guide": current,
        "session": plan.session,
        "problems": as_lines([_in_page_words(p) for p in problems], LABELS),
        "saved_any": any(s.sets or s.outcome for s in current.states),
        "offer": plan.strength_today,
        "strength_chosen": plan.strength_today.anyway == plan.session,
        **_step_context(request, current),
    }
    if current.finished and steps:
        context["summary"] = summarise(current, saved.first, saved.last)
        context["feeling"] = saved.feeling_after
        context["feeling_form"] = feeling_form or FeelingForm(
            initial={"feeling_after": saved.feeling_after}
        )
        if feeling_form is not None:
            context["problems"] = []  # shown beside the question instead
    return render(request, "coach/session.html", context, status=status)


def _step_context(request: HttpRequest, current: Guide) -> dict[str, Any]:
    state = current.next
    if state is None:
        return {"state": None}
    # A rest after a set, before the next set or the next strength exercise.
    resting = request.GET.get("rest") == "1" and state.step.is_strength
    return {
        **step_context(current, state),
        "changeover": HOLD_CHANGEOVER_SECONDS,
        "rest": REST_SECONDS if resting else 0,
        "pain_values": range(11),
        "offline": offline_session(current),
    }


@login_required
@require_POST
def log_set(request: HttpRequest) -> HttpResponse:
    """Save one set, as core decides: a resend of a set number already saved (a retry
    after a lost connection) is not saved twice, nor is a set sent again with its key."""
    return once_per_key(request, lambda: _log_set(request))


def _log_set(request: HttpRequest) -> HttpResponse:
    plan = _todays_plan(request)
    if isinstance(plan, HttpResponse):
        return plan
    try:
        set_log = validate(SetLog, _posted_set(request))
    except InputError as error:
        return guided(request, status=400, problems=error.problems)
    decision = services.add_set(
        user=user_of(request),
        day=today(),
        items=strength_items(todays_steps(plan)),
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


@login_required
@require_POST
def log_item(request: HttpRequest) -> HttpResponse:
    """Done or skipped for one item (or for every optional extra left, at once), saved as
    core decides: the first answer for an item stands, a resend stores nothing, nor does
    an answer sent again with its key (the phone's outbox)."""
    return once_per_key(request, lambda: _log_item(request))


def _log_item(request: HttpRequest) -> HttpResponse:
    plan = _todays_plan(request)
    if isinstance(plan, HttpResponse):
        return plan
    exercises = request.POST.getlist("exercise")
    outcome = request.POST.get("outcome", "")
    if not exercises or len(exercises) > MOST_ITEMS_AT_ONCE:
        return guided(request, status=400, problems=[Problem("exercise", "choose one item")])
    steps = todays_steps(plan)
    decisions = services.add_items(
        user=user_of(request), day=today(), steps=steps, sent=[(e, outcome) for e in exercises]
    )
    if decisions[0].outcome == "refused":
        return guided(request, status=400, problems=decisions[0].problems)
    if outcome == "skipped":
        messages.info(request, _skip_note(steps, exercises))
    return redirect("coach:session")


def _skip_note(steps: Sequence[Step], exercises: Sequence[str]) -> str:
    if len(exercises) > 1:
        return "The optional extras are left out for today."
    step = next(s for s in steps if s.id == exercises[0])
    if step.is_strength:
        return f"{step.name} skipped: no more sets are logged for it today."
    return f"{step.name} skipped."


@login_required
@require_POST
def log_feeling(request: HttpRequest) -> HttpResponse:
    """How the back feels at the end, stored with today's session; a new answer replaces
    the one before, but an answer sent again with its key (the phone's outbox, behind a
    later answer) changes nothing."""
    return once_per_key(request, lambda: _log_feeling(request))


def _log_feeling(request: HttpRequest) -> HttpResponse:
    plan = _todays_plan(request)
    if isinstance(plan, HttpResponse):
        return plan
    form = FeelingForm(request.POST)
    form.is_valid()  # a plain text field: nothing to refuse here, core decides below
    feeling = whole_number(request.POST.get("feeling_after"))
    decision = services.rate_session(user=user_of(request), day=today(), feeling=feeling)
    if decision.outcome == "refused":
        for p in decision.problems:
            form.add_error("feeling_after", p.message[0].upper() + p.message[1:] + ".")
        return guided(request, status=400, problems=decision.problems, feeling_form=form)
    messages.success(request, f"Saved: your back feels {feeling}/10 now.")
    return redirect(reverse("coach:session") + "#summary")


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
    if not (value or "").strip():
        return None
    parsed = whole_number(value)
    return 0 if parsed is None else parsed


def _in_page_words(problem: Problem) -> Problem:
    message = PAGE_WORDS.get(problem.field, problem.message)
    return Problem(problem.field, message.replace("is required", "please fill this in"))
