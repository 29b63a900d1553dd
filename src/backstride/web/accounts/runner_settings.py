"""The settings page: kit, setting, minutes and strength days, the distance unit, the
reminder times and the pain answers, changed without redoing the check-in. New pain
answers go through triage again, as in the check-in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from backstride.core.errors import InputError
from backstride.core.profile import Profile
from backstride.core.profile_edits import edited
from backstride.web.accounts.forms import add_problems, error_summary
from backstride.web.accounts.forms_settings import SettingsForm, initial_settings
from backstride.web.coach import derived, selectors
from backstride.web.coach.services.settings import save_settings
from backstride.web.coach.views.common import today, user_of


def _field_of(path: str) -> str:
    """'pain.intensity' -> 'intensity': the form's fields are named as the questions are."""
    return path.split("[")[0].rpartition(".")[2]


def _page(request: HttpRequest, form: SettingsForm, status: int = 200) -> HttpResponse:
    problems = error_summary(form) if form.is_bound else []
    return render(
        request, "accounts/settings.html", {"form": form, "problems": problems}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    stored = selectors.profile_of(user)
    if stored is None:
        messages.info(request, "Your settings come from the check-in: let's start with that.")
        return redirect("coach:intake")
    if request.method == "GET":
        initial = initial_settings(stored, selectors.preferences_of(user))
        return _page(request, SettingsForm(initial=initial))
    form = SettingsForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        profile = edited(stored, form.answers())
    except InputError as error:
        add_problems(form, error.problems, field_of=_field_of)
        return _page(request, form, status=400)
    save_settings(user=user, profile=profile, preferences=form.preferences())
    return _after_saving(request, stored, profile)


def _after_saving(request: HttpRequest, old: Profile, new: Profile) -> HttpResponse:
    """Where the check-in would go with these answers: the doctor's page when the plan is
    held, the calibration when there is an exercise to try, else the plan."""
    found = derived.assessment_of(user_of(request), today())
    if found is None or found.triage.level != "self_manage":
        if new.pain != old.pain:
            messages.warning(
                request,
                "Saved. Your new answers about your pain need a look from a doctor or "
                "physiotherapist before the plan goes on.",
            )
        return redirect("coach:see_doctor")
    messages.success(request, "Saved. Your plan follows your new settings.")
    return redirect("coach:plan" if found.next_to_try is None else "coach:calibrate")
