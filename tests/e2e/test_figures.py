"""The exercise figures in a real browser at phone size: seen on the exercise page, in
calibration and in the session, light and dark; still under reduced motion; and the contact
sheet of all 34 (docs/exercises.png)."""

from __future__ import annotations

import html
from typing import Any

import pytest

from backstride.core.catalog import load_catalog, ordered
from tests.e2e.conftest import PHONE, shoot
from tests.e2e.test_journey import calm_check_in, sign_up

pytestmark = pytest.mark.browser

MOVING = """() => [...document.querySelectorAll('.exercise-figure svg .m *')]
    .some(e => e.getAnimations().some(a => a.playState === 'running'))"""


def figure_is_seen(page: Any) -> None:
    figure = page.locator(".exercise-figure svg").first
    assert figure.is_visible()
    box = figure.bounding_box()
    # Readable on a phone: most of the 390 px width, and on screen without scrolling sideways.
    assert box["width"] >= 0.8 * PHONE["width"] - 40 and box["x"] >= 0
    assert box["x"] + box["width"] <= PHONE["width"]
    assert "Figure of" in (figure.get_attribute("aria-label") or "")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_figure_moves_on_the_exercise_page_in_calibration_and_in_the_session(
    browser: Any, server_url: str, scheme: str
) -> None:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{server_url}/exercises/side_plank_hip_abduction/")
    figure_is_seen(page)
    assert page.evaluate(MOVING)
    body = page.locator('.exercise-figure svg .m line[stroke="var(--fig-body)"]').first
    colour = body.evaluate("e => getComputedStyle(e).stroke")
    # The body is drawn dark on light and light on dark.
    assert (colour == "rgb(31, 59, 92)") == (scheme == "light"), colour
    shoot(page, f"figure-exercise-{scheme}")

    sign_up(page, server_url)
    page.wait_for_url("**/check-in/1/")
    calm_check_in(page, kit=["Mat"])
    figure_is_seen(page)
    assert page.evaluate(MOVING)
    shoot(page, f"figure-calibrate-{scheme}")
    for _ in range(4):
        page.get_by_role("button", name="Fine: slow, pain-free, good form").click()
    page.wait_for_url("**/plan/")
    page.goto(f"{server_url}/session/")
    figure_is_seen(page)
    assert page.evaluate(MOVING)
    shoot(page, f"figure-session-{scheme}")
    context.close()


def test_with_reduced_motion_the_figure_shows_start_and_end_and_does_not_move(
    browser: Any, server_url: str
) -> None:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, reduced_motion="reduce")
    page = context.new_page()
    page.goto(f"{server_url}/exercises/single_leg_bridge/")
    svg = page.locator(".exercise-figure svg").first
    assert svg.locator(".m").evaluate("e => getComputedStyle(e).display") == "none"
    assert svg.locator(".st").evaluate("e => getComputedStyle(e).display") != "none"
    assert not page.evaluate(MOVING)
    assert svg.get_by_text("Start").is_visible() and svg.get_by_text("End").is_visible()
    shoot(page, "figure-reduced-motion")
    context.close()


def test_the_contact_sheet_of_every_figure(browser: Any, server_url: str) -> None:
    """All 34 figures, start and end, as the server serves them: docs/exercises.png."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, device_scale_factor=1, reduced_motion="reduce"
    )
    page = context.new_page()
    cells = []
    for exercise in ordered(list(load_catalog().exercises.values())):
        answer = page.request.get(f"{server_url}/exercises/{exercise.id}/figure.svg")
        assert answer.ok, exercise.id
        cells.append(f"<div><h2>{html.escape(exercise.name)}</h2>{answer.text()}</div>")
    page.set_content(
        "<style>body{font:14px system-ui,sans-serif;margin:12px;background:#fff}"
        "main{display:grid;grid-template-columns:repeat(5,1fr);gap:10px}"
        "div{border:1px solid #d9dcd6;border-radius:8px;padding:4px 6px}"
        "h2{font-size:13px;margin:0 0 2px}svg{width:100%;height:auto;max-height:190px}</style>"
        "<h1>backstride: every exercise, start and end</h1><main>" + "".join(cells) + "</main>"
    )
    assert page.locator("main svg").count() == len(load_catalog().exercises) == 34
    assert not page.evaluate(MOVING.replace(".exercise-figure ", ""))
    shoot(page, "exercises")
    context.close()
