"""'Find your four': try each ladder exercise from the top and say how it went."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from backstride.core.calibration import found_so_far, next_to_try
from backstride.core.catalog import load_catalog
from backstride.core.history import History
from backstride.core.profile import Profile
from backstride.core.triage import triage
from backstride.web.coach import store
from backstride.web.coach.views.common import today, user_of

ANSWERS = {"ok": "Fine", "painful": "It hurts", "poor_form": "Can't keep good form"}


@login_required
@require_http_methods(["GET", "POST"])
def calibrate(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    profile = store.profile_of(user)
    if profile is None:
        return redirect("coach:intake")
    history = store.history_of(user)
    if triage(profile, history.reports(), today()).level != "self_manage":
        return redirect("coach:see_doctor")
    trying = next_to_try(profile, history, today())
    if request.method == "POST":
        answer, exercise = request.POST.get("answer"), request.POST.get("exercise")
        if answer not in ANSWERS or exercise != trying:
            return _page(
                request,
                profile,
                history,
                trying,
                status=400,
                error="Please choose one of the three answers for this exercise.",
            )
        abilities = {**profile.abilities, exercise: answer}
        store.save_profile(user, profile.model_copy(update={"abilities": abilities}))
        return redirect("coach:calibrate")
    if trying is None:
        return redirect("coach:plan")
    return _page(request, profile, history, trying)


def _page(
    request: HttpRequest,
    profile: Profile,
    history: History,
    trying: str | None,
    status: int = 200,
    error: str = "",
) -> HttpResponse:
    if trying is None:
        return redirect("coach:plan")
    catalog = load_catalog()
    found = [catalog[e] for e in found_so_far(profile, history, today())]
    context = {"exercise": catalog[trying], "found": found, "answers": ANSWERS, "error": error}
    return render(request, "coach/calibrate.html", context, status=status)
