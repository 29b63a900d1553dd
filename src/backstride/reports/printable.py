"""The printable plan: what the page holds (as plain strings) and the HTML-to-PDF step.

The page itself is one Django template, coach/printable.html: the web app renders it with its
normal engine, `backstride plan --pdf` with a standalone django.template.Engine; this module
gives both the same context, so the printed page and the PDF say the same thing.

PDF renderer: WeasyPrint. It implements CSS paged media (@page size and margins, page breaks,
@media print, grid) well, so the PDF comes out as the browser prints the same page, from the
same HTML and CSS, with no second layout to maintain. It is pure Python on top of the
system's Pango library, which Debian and Ubuntu desktops ship (libpango-1.0-0,
libpangoft2-1.0-0) and macOS gets from Homebrew (`brew install pango`). Not chosen:
xhtml2pdf (pure Python, but only a CSS 2.1 subset with its own @page frame syntax, so the
print CSS would have to be written twice, and it pulls in reportlab, pyHanko, svglib and
more) and Chromium's print-to-PDF (a whole browser for one command-line option). Without
WeasyPrint or Pango, `--pdf` says so in one line and the web page's Print button still works.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

from backstride.core.catalog import load_catalog
from backstride.core.figures.drawings import svg_of
from backstride.core.plan import Plan, PlanResult
from backstride.core.profile import Profile
from backstride.core.signs import REASON_MESSAGES
from backstride.core.vocab import EMERGENCY_FLAGS, URGENT_FLAGS
from backstride.reports.wording import DAY_NAMES, dose, strength_dose

# The emergency signs, then those that need advice today, then the sources' own signs
# (leg symptoms, pain that rest does not ease) and the other reasons to see a doctor.
EMERGENCY_SIGNS = tuple(REASON_MESSAGES[f] for f in EMERGENCY_FLAGS)
URGENT_SIGNS = tuple(REASON_MESSAGES[f] for f in (*URGENT_FLAGS, "severe_unrelenting_pain"))
SEE_DOCTOR_SIGNS = tuple(
    REASON_MESSAGES[f]
    for f in (
        "leg_pain_with_numbness_or_tingling",
        "pain_not_easing_with_rest",
        "night_pain",
        "pain_getting_worse",
    )
)
CUES_SHOWN = 2
REGION_WORDS = {"lower_back": "lower back", "upper_back": "upper back"}


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the system library it draws text with is missing."""


def printable_context(profile: Profile, result: PlanResult, today: dt.date) -> dict[str, Any]:
    """Everything coach/printable.html shows, as strings and lists of strings (numbers are
    formatted here, so the template needs no locale settings when rendered standalone)."""
    regions = " and ".join(REGION_WORDS[r] for r in profile.pain.regions)
    context: dict[str, Any] = {
        "today": today.isoformat(),
        "who": (
            f"A runner with {regions} pain, {profile.pain.intensity}/10 at the start; "
            f"running {profile.running.runs_per_week} times a week."
        ),
        "level": result.triage.level.replace("_", " "),
        "reasons": [r.message for r in result.triage.reasons],
        "cautions": [c.message for c in result.triage.cautions],
        "emergency_signs": list(EMERGENCY_SIGNS),
        "urgent_signs": list(URGENT_SIGNS),
        "see_doctor_signs": list(SEE_DOCTOR_SIGNS),
        "plan": None,
    }
    if result.plan is not None:
        context["plan"] = _plan(result.plan)
    return context


def _plan(plan: Plan) -> dict[str, Any]:
    catalog = load_catalog()
    strength = [
        {
            "number": str(number),
            "name": item.name,
            "dose": strength_dose(item),
            "why": item.why,
            "note": item.note or "",
            "steps": list(catalog[item.id].steps),
            "cues": list(catalog[item.id].cues[:CUES_SHOWN]),
            # Our own drawing (start and end), built from the catalog: safe to print as is.
            "figure": svg_of(item.id, motion=False) or "",
        }
        for number, item in enumerate(plan.strength.exercises, 1)
    ]
    return {
        "days": (
            f"{plan.strength.days_per_week} days a week, at least 48 hours apart; "
            "slow and controlled, with good form and no more than mild pain (3/10)."
        ),
        "strength": strength,
        # Four exercises print side by side on one row; five or more, three to a row.
        "four_across": len(strength) == 4,
        "mobility_when": plan.mobility.when,
        "mobility": [
            {"name": e.name, "dose": dose(e), "note": e.note or ""} for e in plan.mobility.exercises
        ],
        "extras": [{"name": e.name, "dose": dose(e)} for e in plan.extras],
        "running_mode": plan.running.mode.replace("_", " "),
        "running_advice": list(plan.running.advice),
        "running_warnings": [w.message for w in plan.running.warnings],
        "form_tips": [t.text for t in plan.form_tips],
        "week": [
            {
                "day": DAY_NAMES[d.day - 1],
                "what": ", ".join(a.replace("_", " ") for a in d.activities),
            }
            for d in plan.week
        ],
    }


def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    """The page as PDF bytes, laid out by WeasyPrint with the page's print CSS."""
    try:
        weasyprint = importlib.import_module("weasyprint")
    except ImportError:
        raise PdfUnavailable(
            "PDF output needs the WeasyPrint package; install it, or open the plan's "
            "printable page in the web app and print it from the browser"
        ) from None
    except OSError as error:  # the package is there but the Pango library is not
        raise PdfUnavailable(
            f"PDF output needs the Pango library (Debian/Ubuntu: apt install libpango-1.0-0 "
            f"libpangoft2-1.0-0; macOS: brew install pango): {error}"
        ) from None
    pdf = weasyprint.HTML(string=html, base_url=base_url).write_pdf()
    return bytes(pdf)
