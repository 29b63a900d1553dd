"""Progress a runner can see (charts and what their data shows) and the take-away files:
the printable plan, the calendar and CSV."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse

from backstride.core.assessment import history_alone
from backstride.core.errors import InputError
from backstride.core.units import UNIT_NAMES
from backstride.reports import charts
from backstride.reports.csv_export import KINDS
from backstride.reports.figure import (
    DEFAULT_WINDOW,
    TITLES,
    WINDOW_LABELS,
    Shown,
    window_of,
)
from backstride.reports.printable import printable_context
from backstride.web.coach import derived, selectors, takeaway
from backstride.web.coach.views.common import today, user_of

ALT = {
    "load": "Bar chart of {unit} run per week, with lines for the week's mean morning "
    "pain and pain on runs on a 0 to 10 scale; weeks with a flare-up are shaded.",
    "strength": "Step charts, one per exercise, of the target reps per set over time; "
    "a star marks the day an exercise was mastered.",
    "ladder": "The twelve ranks of the strength ladder from basic at the bottom to hardest "
    "at the top, each marked mastered, in your block now, ahead or ruled out.",
    "adherence": "Bar chart of strength sessions done per week against the number planned "
    "so far, from the week you started; days your plan was on hold are shaded.",
}
# The charts drawn over time; the ladder has no time axis.
TIMED = ("load", "strength", "adherence")

CSV_LABELS = {
    "sessions": "Strength sessions, one row per set",
    "checkins": "Morning check-ins",
    "runs": "Runs",
}


@login_required
def progress(request: HttpRequest) -> HttpResponse:
    """Load and pain side by side, strength progress, the ladder and adherence, over the
    last 12 weeks or the span `?weeks=` asks for (26, 52 or all)."""
    user = user_of(request)
    found = derived.assessment_of(user, today())
    if found is None:
        return redirect("coach:intake")
    window, problem = request.GET.get("weeks", DEFAULT_WINDOW), ""
    try:
        window_of(window)
    except InputError as error:
        window, problem = DEFAULT_WINDOW, error.problems[0].message
    unit = selectors.preferences_of(user).unit
    query = "" if window == DEFAULT_WINDOW else f"?weeks={window}"
    summary = found.standing.summary
    context = {
        "summary": summary,
        "finding": summary.finding.text_in(unit) if summary else "",
        "warnings": found.plan.running.warnings if found.plan else [],
        "has_plan": not found.held,
        "charts": {
            name: (TITLES[name], ALT[name].format(unit=UNIT_NAMES[unit])) for name in charts.CHARTS
        },
        "query": {name: query if name in TIMED else "" for name in charts.CHARTS},
        "windows": list(WINDOW_LABELS.items()),
        "window": window,
        "window_problem": problem,
        "downloads": [(kind, CSV_LABELS[kind]) for kind in KINDS],
    }
    return render(request, "coach/progress.html", context)


@login_required
def chart(request: HttpRequest, name: str) -> HttpResponse:
    """One chart as SVG, drawn from the runner's assessment of today (the load chart
    alone from the history while there is no profile yet), over `?weeks=` (12, 26, 52 or
    all; 12 by default) in the runner's distance unit."""
    if name not in charts.CHARTS:
        raise Http404("No such chart")
    window = request.GET.get("weeks", DEFAULT_WINDOW)
    try:
        weeks = window_of(window)
    except InputError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    user, day = user_of(request), today()
    shown = Shown(weeks, selectors.preferences_of(user).unit)
    found = derived.of(user, day)
    if found is None:
        standing = history_alone(selectors.history_of(user), day)
        svg = charts.render(name, standing, day, "svg", shown)
    else:
        kept = found.assessment.standing
        svg = derived.part(
            found,
            f"chart_{name}_{window}_{shown.unit}",
            lambda: charts.render(name, kept, day, "svg", shown),
        )
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
def printable(request: HttpRequest) -> HttpResponse:
    """One page to print or hand over; `backstride plan --pdf` renders the same template."""
    day = today()
    found = derived.assessment_of(user_of(request), day)
    if found is None:
        return redirect("coach:intake")
    if found.held:
        return redirect("coach:see_doctor")
    context = printable_context(found.profile, found.result, day)
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
