"""The printable plan: what it holds, the template rendered without Django settings (as the
CLI does), and the PDF step."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from backstride.cli.printing import render_html
from backstride.core.assessment import build_programme
from backstride.core.catalog import load_catalog
from backstride.core.history import History
from backstride.core.signs import REASON_MESSAGES
from backstride.reports import printable
from backstride.reports.printable import PdfUnavailable, html_to_pdf, printable_context
from tests.factories import TODAY, make_profile

ROOT = Path(__file__).resolve().parents[2]


def page(**overrides: Any) -> str:
    profile = make_profile(**overrides)
    return render_html(profile, build_programme(profile, History(), TODAY), TODAY)


def test_the_page_holds_each_exercise_with_steps_cues_and_dosage() -> None:
    profile = make_profile()
    result = build_programme(profile, History(), TODAY)
    assert result.plan is not None
    html = render_html(profile, result, TODAY)
    catalog = load_catalog()
    for item in result.plan.strength.exercises:
        exercise = catalog[item.id]
        assert exercise.name in html
        assert exercise.steps[0].replace("'", "&#x27;") in html
        assert exercise.cues[0].replace("'", "&#x27;") in html
    assert "3 \u00d7 8 reps" in html and "48 hours apart" in html


def test_the_page_holds_mobility_running_advice_and_warning_signs() -> None:
    html = page(minutes_per_session=40)
    assert "Mobility and flexibility" in html and "Cat-cow" in html
    assert "Running: easy only" in html
    assert "Warning signs" in html
    for code in ("saddle_numbness", "fever_or_unwell", "pain_not_easing_with_rest"):
        assert REASON_MESSAGES[code] in html
    assert html.index("Call the emergency number now") < html.index("Get medical advice today")


def test_print_css_sets_the_page_and_hides_the_buttons() -> None:
    html = page()
    assert "@page" in html and "@media print" in html
    assert "window.print()" not in html  # no back link given: the CLI's PDF has no buttons


def test_without_a_plan_the_page_says_why_and_keeps_the_warning_signs() -> None:
    profile = make_profile(red_flags=["fever_or_unwell"])
    context = printable_context(profile, build_programme(profile, History(), TODAY), TODAY)
    assert context["plan"] is None and context["reasons"]
    html = page(red_flags=["fever_or_unwell"])
    assert "No exercise plan yet" in html and "Warning signs" in html


def test_the_context_holds_strings_only_so_no_locale_settings_are_needed() -> None:
    profile = make_profile()
    context = printable_context(profile, build_programme(profile, History(), TODAY), TODAY)

    def check(value: Any) -> None:
        if isinstance(value, dict):
            for v in value.values():
                check(v)
        elif isinstance(value, list):
            for v in value:
                check(v)
        else:
            assert value is None or isinstance(value, str | bool), value

    check(context)


def test_the_template_renders_without_django_settings() -> None:
    code = "from tests.reports.test_printable import page; import sys; sys.stdout.write(page())"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = str(ROOT)
    # tests/conftest.py is not loaded here, so Django is never set up.
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert "Back-care plan for a runner" in out.stdout


def test_missing_weasyprint_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if it were not installed
    with pytest.raises(PdfUnavailable, match="WeasyPrint"):
        html_to_pdf("<p>plan</p>")


def test_missing_pango_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pango(name: str) -> Any:
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(printable, "importlib", SimpleNamespace(import_module=no_pango))
    with pytest.raises(PdfUnavailable, match="Pango"):
        html_to_pdf("<p>plan</p>")


def test_the_pdf_is_a_pdf() -> None:
    assert html_to_pdf(page()).startswith(b"%PDF-")


def test_the_page_says_how_to_adapt_an_exercise_to_a_movement_that_hurts() -> None:
    html = page(pain={"worse_with": ["bending_forward"]})
    assert "For you:" in html and "only as far as your knee" in html
    assert "For you:" not in page()
