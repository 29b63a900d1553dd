"""Home, the plan, and the exercise pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from backstride.core.catalog import load_catalog, ordered
from backstride.core.exercise import Exercise
from backstride.core.links import RunnerView, catalog_links
from backstride.core.plan import StrengthItem
from backstride.core.vocab import SOURCES
from backstride.web.coach import derived, selectors
from backstride.web.coach.views.common import today, user_of

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
RECENT_CHANGES = 8


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "coach/home.html")


@login_required
def plan(request: HttpRequest) -> HttpResponse:
    """Today's plan, from the runner's one assessment of the day; its body is drawn from
    the assessment alone, so it is kept beside it in the derived-state cache."""
    found = derived.of(user_of(request), today())
    if found is None:
        return redirect("coach:intake")
    plan = found.assessment.plan
    if plan is None:
        return redirect("coach:see_doctor")
    unit = selectors.preferences_of(user_of(request)).unit

    def body() -> str:
        catalog = load_catalog()
        context = {
            "result": found.assessment.result,
            "plan": plan,
            "week": [(DAY_NAMES[d.day - 1], d.activities) for d in plan.week],
            "changes": list(reversed(plan.changes))[:RECENT_CHANGES],
            "dose": {e.id: e.dosage for e in catalog.exercises.values()},
            "strength": [(item, _item_links(item)) for item in plan.strength.exercises],
            "unit": unit,
        }
        return render_to_string("coach/plan_body.html", context)

    # Safe: the body is our own template's output, escaped as it was rendered.
    html = mark_safe(derived.part(found, f"plan_body_{unit}", body))
    return render(request, "coach/plan.html", {"body": html})


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
    found = derived.assessment_of(user_of(request), today())
    return found.exercises[exercise.id] if found else None
