"""What to do about a warning sign: the same page, with the same steps, whether the sign
came from the first check-in, a morning check-in or a run; and the way back, a dated
clearance, where one is allowed."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from backstride.core.clearance import clear
from backstride.core.dates import parse_iso_date
from backstride.core.errors import InputError, Problem, as_lines
from backstride.core.signs import STEPS
from backstride.core.triage import Triage, answers_triage
from backstride.web.coach import derived, selectors, services
from backstride.web.coach.views.common import today, user_of

REPORTED = "reported_signs"
DRAFT = "intake"


def _numbers(level: str) -> list[tuple[str, str]]:
    """Tap-to-call links, only for numbers the server was told (no default)."""
    calls = []
    if level == "urgent" and settings.URGENT_NUMBER:
        calls.append(("Call the urgent-care line", settings.URGENT_NUMBER))
    if level in ("emergency", "urgent") and settings.EMERGENCY_NUMBER:
        calls.append(("Call the emergency number", settings.EMERGENCY_NUMBER))
    return calls


def _context(
    request: HttpRequest, result: Triage, from_entries: bool = False, **extra: Any
) -> dict[str, Any]:
    """`from_entries`: some sign came from a logged entry, which the history can correct."""
    draft = request.session.get(DRAFT, {})
    return {
        "triage": result,
        "steps": STEPS.get(result.level, ()),
        "calls": _numbers(result.level),
        "go_on": "red_flags" in draft and result.level != "emergency",
        "from_entries": from_entries,
        "today": today().isoformat(),
        **extra,
    }


def emergency(request: HttpRequest) -> HttpResponse:
    """Right after the first check-in's warning signs: a stored profile's page if there
    is one, else the signs just answered (nothing is stored for a new runner)."""
    if request.user.is_authenticated and selectors.profile_of(user_of(request)) is not None:
        return redirect("coach:see_doctor")
    flags = request.session.get(REPORTED)
    if flags is None:  # a direct visit: the general steps
        result = Triage(level="emergency", reasons=[], cautions=[])
    else:
        result = answers_triage(flags)
    if result.level == "self_manage":
        return redirect("coach:intake")  # nothing here that holds a plan
    return render(request, "coach/help.html", _context(request, result))


@login_required
@require_http_methods(["GET", "POST"])
def see_doctor(request: HttpRequest) -> HttpResponse:
    """The plan on hold: why, what to do, and a clearance form where one may lift it."""
    user, day = user_of(request), today()
    found = derived.assessment_of(user, day)
    if found is None:
        return redirect("coach:intake")
    result, clearable, logged = found.triage, found.clearable, found.from_entries
    if result.level == "self_manage":
        return redirect("coach:plan")
    if request.method == "GET" or not clearable:
        context = _context(request, result, logged, clearable=clearable)
        return render(request, "coach/help.html", context)
    history = selectors.history_of(user)
    try:
        cleared = clear(
            found.profile,
            history.reports(),
            on=_seen_on(request.POST.get("on", "")),
            by=request.POST.get("by", "").strip() or None,
            covers=request.POST.getlist("covers"),
            today=day,
        )
    except InputError as error:
        problems = as_lines(error.problems)
        context = _context(
            request, result, logged, clearable=clearable, problems=problems, posted=request.POST
        )
        return render(request, "coach/help.html", context, status=400)
    services.save_profile(user=user, profile=cleared)
    now = derived.assessment_of(user, day)
    if now is None or now.held:
        messages.info(request, "Saved. Some reasons still need a clinician's look.")
        return redirect("coach:see_doctor")
    messages.success(request, "Thank you. Your plan is open again; the cautions stay on it.")
    return redirect("coach:calibrate")


def _seen_on(text: str) -> Any:
    if not text.strip():
        raise InputError([Problem("clearance.on", "give the date you were seen")])
    try:
        return parse_iso_date(text.strip())
    except ValueError as error:
        raise InputError([Problem("clearance.on", str(error))]) from None
