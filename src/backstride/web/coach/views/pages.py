"""Home, the plan, and the exercise pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from backstride.core.catalog import load_catalog, ordered
from backstride.core.vocab import SOURCES
from backstride.web.coach import store
from backstride.web.coach.views.common import today, user_of

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
RECENT_CHANGES = 8


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "coach/home.html")


@login_required
def plan(request: HttpRequest) -> HttpResponse:
    """Derived from the stored profile and history on every request."""
    user = user_of(request)
    profile, result = store.plan_of(user, today())
    if profile is None or result is None:
        return redirect("coach:intake")
    if result.plan is None:
        return redirect("coach:see_doctor")
    catalog = load_catalog()
    context = {
        "result": result,
        "plan": result.plan,
        "week": [(DAY_NAMES[d.day - 1], d.activities) for d in result.plan.week],
        "changes": list(reversed(result.plan.changes))[:RECENT_CHANGES],
        "dose": {e.id: e.dosage for e in catalog.exercises.values()},
    }
    return render(request, "coach/plan.html", context)


def exercise_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    catalog = load_catalog()
    found = catalog.search(query) if query else ordered(list(catalog.exercises.values()))
    return render(request, "coach/exercises.html", {"exercises": found, "q": query})


def exercise_detail(request: HttpRequest, exercise_id: str) -> HttpResponse:
    catalog = load_catalog()
    if exercise_id not in catalog:
        raise Http404("No such exercise")
    exercise = catalog[exercise_id]
    links = {
        k: catalog[v] for k, v in (("easier", exercise.easier), ("harder", exercise.harder)) if v
    }
    context = {"exercise": exercise, "links": links, "source": SOURCES[exercise.source]}
    return render(request, "coach/exercise.html", context)
