"""'Find your four': try each ladder exercise from the top and say how it went."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from backstride.core.assessment import Assessment
from backstride.core.catalog import load_catalog
from backstride.web.coach import derived, services
from backstride.web.coach.views.common import today, user_of

ANSWERS = {"ok": "Fine", "painful": "It hurts", "poor_form": "Can't keep good form"}


@login_required
@require_http_methods(["GET", "POST"])
def calibrate(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    found = derived.assessment_of(user, today())
    if found is None:
        return redirect("coach:intake")
    if found.triage.level != "self_manage":
        return redirect("coach:see_doctor")
    trying = found.next_to_try
    if trying is None:
        return redirect("coach:plan")
    if request.method == "GET":
        return _page(request, found, trying)
    answer, exercise = request.POST.get("answer"), request.POST.get("exercise")
    if answer not in ANSWERS or exercise != trying:
        error = "Please choose one of the three answers for this exercise."
        return _page(request, found, trying, status=400, error=error)
    abilities = {**found.profile.abilities, exercise: answer}
    services.save_profile(
        user=user, profile=found.profile.model_copy(update={"abilities": abilities})
    )
    return redirect("coach:calibrate")


def _page(
    request: HttpRequest, found: Assessment, trying: str, status: int = 200, error: str = ""
) -> HttpResponse:
    catalog = load_catalog()
    context = {
        "exercise": catalog[trying],
        "found": [catalog[e] for e in found.found],
        "answers": ANSWERS,
        "error": error,
    }
    return render(request, "coach/calibrate.html", context, status=status)
