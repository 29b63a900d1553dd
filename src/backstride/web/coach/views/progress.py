"""Progress a runner can see (charts and what their data shows) and the take-away files:
the printable plan, the calendar and CSV."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse

from backstride.core.programme import build_programme
from backstride.reports import charts, data
from backstride.reports.csv_export import KINDS
from backstride.reports.figure import TITLES
from backstride.reports.printable import printable_context
from backstride.web.coach import store, takeaway
from backstride.web.coach.views.common import today, user_of

ALT = {
    "load": "Bar chart of kilometres run per week, with lines for the week's mean morning "
    "pain and pain on runs on a 0 to 10 scale; weeks with a flare-up are shaded.",
    "strength": "Step charts, one per exercise, of the target reps per set over time; "
    "a star marks the day an exercise was mastered.",
    "ladder": "The twelve ranks of the strength ladder from basic at the bottom to hardest "
    "at the top, each marked mastered, in your block now, ahead or ruled out.",
    "adherence": "Bar chart of strength sessions done per week against the number planned.",
}

CSV_LABELS = {
    "sessions": "Strength sessions, one row per set",
    "checkins": "Morning check-ins",
    "runs": "Runs",
}


@login_required
def progress(request: HttpRequest) -> HttpResponse:
    """Load and pain side by side, strength progress, the ladder and adherence."""
    user = user_of(request)
    profile = store.profile_of(user)
    if profile is None:
        return redirect("coach:intake")
    day = today()
    history = store.history_of(user)
    result = build_programme(profile, history, day)
    context = {
        "summary": data.summary(profile, history, day),
        "warnings": result.plan.running.warnings if result.plan else [],
        "has_plan": result.plan is not None,
        "charts": {name: (TITLES[name], ALT[name]) for name in charts.CHARTS},
        "downloads": [(kind, CSV_LABELS[kind]) for kind in KINDS],
    }
    return render(request, "coach/progress.html", context)


@login_required
def chart(request: HttpRequest, name: str) -> HttpResponse:
    """One chart as SVG, drawn from the stored profile and history on each request."""
    if name not in charts.CHARTS:
        raise Http404("No such chart")
    user = user_of(request)
    svg = charts.render(name, store.profile_of(user), store.history_of(user), today(), "svg")
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
def printable(request: HttpRequest) -> HttpResponse:
    """One page to print or hand over; `backstride plan --pdf` renders the same template."""
    day = today()
    profile, result = store.plan_of(user_of(request), day)
    if profile is None or result is None:
        return redirect("coach:intake")
    if result.plan is None:
        return redirect("coach:see_doctor")
    context = printable_context(profile, result, day)
    context["back_url"] = reverse("coach:plan")
    # Only in the web app: the PDF renderer has no static files and needs no button.
    context["script_url"] = static("backstride/app.js")
    context["pdf_hint"] = 'Choose "Save as PDF" in the print dialog for a file.'
    return render(request, "coach/printable.html", context)


@login_required
def calendar_ics(request: HttpRequest) -> HttpResponse:
    """The coming four weeks as calendar events; the same file as GET /api/v1/me/calendar.ics."""
    body = takeaway.calendar_for(user_of(request), today())
    if body is None:
        return redirect("coach:intake")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="backstride-plan.ics"'
    return response


@login_required
def csv_download(request: HttpRequest, kind: str) -> HttpResponse:
    """Sessions (one row per set), check-ins or runs as CSV."""
    if kind not in KINDS:
        raise Http404("No such export")
    response = HttpResponse(
        takeaway.csv_for(user_of(request), kind), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="backstride-{kind}.csv"'
    return response
