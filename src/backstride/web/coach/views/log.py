"""The runner's log: the morning check-in and runs on the Today page, and the history where
anything logged can be corrected or deleted."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from backstride.core.catalog import load_catalog
from backstride.web.accounts.forms import error_summary
from backstride.web.coach import models as m
from backstride.web.coach import selectors, services
from backstride.web.coach.forms_log import (
    CheckinForm,
    CoreForm,
    RunForm,
    SessionForm,
    run_initial,
    session_initial,
)
from backstride.web.coach.services import log_writes
from backstride.web.coach.views.common import today as this_day
from backstride.web.coach.views.common import user_of
from backstride.web.coach.views.form_receipts import once_per_key
from backstride.web.coach.views.help import REPORTED

KINDS = {"session": "strength session", "checkin": "morning check-in", "run": "run"}
FormMaker = Callable[..., CoreForm]


def _own(request: HttpRequest, kind: str, item_id: int) -> Any:
    """The runner's own entry; another runner's id is simply not found."""
    return selectors.own_row(user_of(request), kind, item_id)


@login_required
@require_GET
def today(request: HttpRequest) -> HttpResponse:
    return _today_page(request)


def _today_page(
    request: HttpRequest,
    checkin_form: CheckinForm | None = None,
    run_form: RunForm | None = None,
    status: int = 200,
    **asked: Any,
) -> HttpResponse:
    """The Today page; `asked` holds a question before anything is stored (`first_checkin`:
    replace it?, `twin_run`: is this another run?), with the form as it was sent."""
    day, user = this_day(), user_of(request)
    unit = selectors.preferences_of(user).unit
    initial = {"date": day.isoformat()}
    fresh_run = RunForm(initial=initial, auto_id="run_%s", unit=unit)
    context = {
        "checkin_form": checkin_form or CheckinForm(initial=initial, auto_id="checkin_%s"),
        "run_form": run_form or fresh_run,
        "checkin_problems": error_summary(checkin_form) if checkin_form else [],
        "run_problems": error_summary(run_form) if run_form else [],
        "unit": unit,
        "log_day": day,
        "resend": _resend(request) if asked else [],
        **asked,
        **selectors.entries_on(user, day),
    }
    return render(request, "coach/today.html", context, status=status)


# Not sent again with a confirmation: the token is the form's own, and a confirmed write is
# a new write, not a resend of the one asked about.
NOT_RESENT = {"csrfmiddlewaretoken", "client_key", "replace", "different_run"}


def _resend(request: HttpRequest) -> list[tuple[str, str]]:
    """The fields as posted, for the confirming form to send again."""
    return [(k, v) for k, values in request.POST.lists() if k not in NOT_RESENT for v in values]


@login_required
@require_POST
def morning_checkin(request: HttpRequest) -> HttpResponse:
    return once_per_key(request, lambda: _morning_checkin(request))


def _morning_checkin(request: HttpRequest) -> HttpResponse:
    form = CheckinForm(request.POST, auto_id="checkin_%s")
    if not form.is_valid():
        return _today_page(request, checkin_form=form, status=400)
    saved = log_writes.save_checkin(
        user=user_of(request), checkin=form.entry, replace="replace" in request.POST
    )
    if not saved.stored:
        # 409: nothing stored until the runner chooses (the offline queue reads it so too).
        asked = {"first_checkin": saved.row, "new_checkin": form.entry}
        return _today_page(request, status=409, **asked)
    if form.entry.red_flags:
        return _warning_sign_saved(request, "Check-in", form.entry.red_flags)
    messages.success(request, "Check-in saved.")
    return redirect("coach:today")


@login_required
@require_POST
def add_run(request: HttpRequest) -> HttpResponse:
    return once_per_key(request, lambda: _add_run(request))


def _add_run(request: HttpRequest) -> HttpResponse:
    unit = selectors.preferences_of(user_of(request)).unit
    form = RunForm(request.POST, auto_id="run_%s", unit=unit)
    if not form.is_valid():
        return _today_page(request, run_form=form, status=400)
    saved = log_writes.save_run(
        user=user_of(request), run=form.entry, different="different_run" in request.POST
    )
    if not saved.stored:
        return _today_page(request, status=409, twin_run=saved.row, new_run=form.entry)
    if form.entry.red_flags:
        return _warning_sign_saved(request, "Run", form.entry.red_flags)
    messages.success(request, "Run saved.")
    return redirect("coach:today")


def _warning_sign_saved(request: HttpRequest, what: str, flags: tuple[str, ...]) -> HttpResponse:
    """A warning sign leads straight to what to do, the same page wherever it was given
    (a runner with no profile yet sees the steps for the signs just ticked); the page
    moves on to the plan when the triage holds nothing."""
    messages.warning(request, f"{what} saved, with the warning sign you ticked.")
    if selectors.profile_of(user_of(request)) is not None:
        return redirect("coach:see_doctor")
    request.session[REPORTED] = list(flags)
    return redirect("coach:emergency")


@login_required
@require_GET
def history(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    sessions = selectors.own_rows(user, "session")
    context = {
        "sessions": [(row, _by_exercise(row), _items_of(row)) for row in sessions],
        "checkins": selectors.own_rows(user, "checkin"),
        "runs": selectors.own_rows(user, "run"),
        "unit": selectors.preferences_of(user).unit,
    }
    return render(request, "coach/history.html", context)


def _by_exercise(row: m.TrainingSession) -> list[tuple[str, list[m.SetEntry]]]:
    """A session's sets grouped by exercise, in the order they were done."""
    catalog = load_catalog()
    groups: dict[str, list[m.SetEntry]] = {}
    for entry in row.sets.all():
        groups.setdefault(entry.exercise, []).append(entry)
    return [
        (catalog[key].name if key in catalog else key, entries) for key, entries in groups.items()
    ]


def _items_of(row: m.TrainingSession) -> list[tuple[str, str]]:
    """The guided session's other items, each with its name and done or skipped."""
    catalog = load_catalog()
    return [
        (catalog[i.exercise].name if i.exercise in catalog else i.exercise, i.outcome)
        for i in row.items.all()
    ]


@login_required
@require_http_methods(["GET", "POST"])
def edit_checkin(request: HttpRequest, item_id: int) -> HttpResponse:
    row = _own(request, "checkin", item_id)
    initial = selectors.checkin_model(row).model_dump(mode="json")

    def save(entry: Any) -> None:
        services.update_checkin(row=row, checkin=entry)

    return _edit(request, row, CheckinForm, initial, save, "edit_checkin")


@login_required
@require_http_methods(["GET", "POST"])
def edit_run(request: HttpRequest, item_id: int) -> HttpResponse:
    row = _own(request, "run", item_id)
    unit = selectors.preferences_of(user_of(request)).unit
    initial = run_initial(selectors.run_model(row), unit)

    def save(entry: Any) -> None:
        services.update_run(row=row, run=entry)

    return _edit(request, row, functools.partial(RunForm, unit=unit), initial, save, "edit_run")


@login_required
@require_http_methods(["GET", "POST"])
def edit_session(request: HttpRequest, item_id: int) -> HttpResponse:
    row = _own(request, "session", item_id)
    # The items and the feeling stay as logged; they are checked with the sets.
    kept = selectors.session_model(row)
    make_form = functools.partial(SessionForm, list(row.sets.all()), kept=kept)
    initial = session_initial(selectors.session_model(row))

    def save(entry: Any) -> None:
        services.update_session(row=row, session=entry)

    return _edit(request, row, make_form, initial, save, "edit_session")


def _edit(
    request: HttpRequest,
    row: Any,
    make_form: FormMaker,
    initial: dict[str, Any],
    save: Callable[[Any], None],
    page: str,
) -> HttpResponse:
    template = f"coach/{page}.html"
    if request.method == "GET":
        return render(request, template, {"form": make_form(initial=initial), "row": row})
    form = make_form(request.POST)
    if not form.is_valid():
        context = {"form": form, "row": row, "problems": error_summary(form)}
        return render(request, template, context, status=400)
    save(form.entry)
    if getattr(form.entry, "red_flags", ()):
        return _warning_sign_saved(request, "Changes", form.entry.red_flags)
    messages.success(request, "Changes saved.")
    return redirect("coach:history")


@login_required
@require_http_methods(["GET", "POST"])
def delete_entry(request: HttpRequest, kind: str, item_id: int) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    label = KINDS[kind]
    if request.method == "GET":
        context = {"row": _own(request, kind, item_id), "kind": kind, "label": label}
        context["unit"] = selectors.preferences_of(user_of(request)).unit
        return render(request, "coach/delete_entry.html", context)
    row = services.delete_entry(user=user_of(request), kind=kind, item_id=item_id)
    messages.success(request, f"Deleted the {label} of {row.date.day} {row.date:%B %Y}.")
    return redirect("coach:history")
