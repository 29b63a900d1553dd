"""Home, the plan, and the exercise pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from backstride.core.catalog import load_catalog, ordered
from backstride.core.exercise import Exercise
from backstride.core.links import RunnerView, catalog_links, runner_view
from backstride.core.plan import StrengthItem
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
        "strength": [(item, _item_links(item)) for item in result.plan.strength.exercises],
    }
    return render(request, "coach/plan.html", context)


def _item_links(item: StrengthItem) -> list[tuple[str, Exercise]]:
    """The plan's links are already the ones this runner may follow (core.links)."""
    catalog = load_catalog()
    pairs = (("Easier", item.easier), ("Harder", item.harder))
    return [(label, catalog[link]) for label, link in pairs if link]


def exercise_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    catalog = load_catalog()
    found = catalog.search(query) if query else ordered(list(catalog.exercises.values()))
    return render(request, "coach/exercises.html", {"exercises": found, "q": query})


def exercise_detail(request: HttpRequest, exercise_id: str) -> HttpResponse:
    """A runner with a profile sees the links they may follow (core drops or moves the ones
    they are ruled out of); a visitor sees the catalog's links."""
    catalog = load_catalog()
    if exercise_id not in catalog:
        raise Http404("No such exercise")
    exercise = catalog[exercise_id]
    view = _runner_view(request, exercise)
    links = view.links if view else catalog_links(exercise)
    context = {
        "exercise": exercise,
        "links": {k: catalog[v] for k, v in links._asdict().items() if v},
        "note": view.note if view else None,
        "ruled_out": view.ruled_out if view else None,
        "source": SOURCES[exercise.source],
    }
    return render(request, "coach/exercise.html", context)


def _runner_view(request: HttpRequest, exercise: Exercise) -> RunnerView | None:
    if not request.user.is_authenticated:
        return None
    user = user_of(request)
    profile = store.profile_of(user)
    if profile is None:
        return None
    return runner_view(exercise, profile, store.history_of(user), today())
