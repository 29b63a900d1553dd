"""A whole guided session in a real browser at phone size: strength sets, a skipped
exercise, holds timed per side (the page's clock fast-forwarded), the optional extras left
out, and the summary saved with how the back feels."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import shoot
from tests.e2e.test_journey import calm_check_in, sign_up

pytestmark = pytest.mark.browser


def long_check_in(page: Any) -> None:
    """A calm first check-in with 90 minutes and a loop band: mobility with holds per
    side and optional extras every day; then every ladder exercise marked fine."""
    calm_check_in(page, kit=("Mat", "Loop band"), minutes=90)
    for _ in range(4):
        page.get_by_role("button", name="Fine: slow, pain-free, good form").click()
    page.wait_for_url("**/plan/")


def heading(page: Any) -> str:
    return str(page.locator("main h1").first.inner_text())


WHERE = (
    "() => document.querySelector('main h1').textContent + '|' +"
    " ((document.querySelector('input[name=set_number]') || {}).value || '')"
)


def press(page: Any, button: str) -> None:
    """Tap a button of the step and wait for the next step (or set) to be shown."""
    before = page.evaluate(WHERE)
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_function(f"b => ({WHERE})() !== b", arg=before)


def strength_block(page: Any) -> tuple[str, str]:
    """Every set of the strength block but the second exercise's, which is skipped; the
    names of the first exercise and of the skipped one."""
    names: list[str] = []
    while page.get_by_role("button", name="Save set").count():
        name = heading(page)
        if name not in names:
            names.append(name)
        if len(names) == 2 and name == names[1]:
            press(page, "Skip this exercise")
            assert page.get_by_text("no more sets are logged for it today").is_visible()
            continue
        press(page, "Save set")
        if page.get_by_role("button", name="Skip the rest").is_visible():
            page.get_by_role("button", name="Skip the rest").click()
    return names[0], names[1]


def timed_holds(page: Any) -> None:
    """The hold timer from the first side to the last, the clock fast-forwarded."""
    page.get_by_role("button", name="Start the timer").click()
    label = page.locator("[data-timer-label]")
    assert label.inner_text() == "Round 1, left side"
    assert (
        page.locator(".hold-list li[aria-current=step]")
        .inner_text()
        .startswith("Round 1, left side")
    )
    shoot(page, "guided-hold-running")
    page.clock.run_for(31_000)
    assert label.inner_text() == "Get ready: Round 1, right side"
    page.clock.run_for(6_000)
    assert label.inner_text() == "Round 1, right side"
    # The rest of the rounds, well past their end: the timer says it is over.
    page.clock.run_for(4 * 36_000)
    assert label.inner_text() == "All holds done"
    assert page.locator(".hold-list li.is-over").count() == 4


def test_a_whole_session_strength_holds_a_skip_and_the_summary(page: Any, server_url: str) -> None:
    page.clock.install()
    sign_up(page, server_url)
    page.wait_for_url("**/check-in/1/")
    long_check_in(page)
    page.goto(f"{server_url}/session/")
    assert page.get_by_text("Set 1 of 3").is_visible()
    assert page.get_by_text("Skip this exercise").is_visible()
    shoot(page, "guided-strength")
    page.emulate_media(color_scheme="dark")
    shoot(page, "guided-strength-dark")
    page.emulate_media(color_scheme="light")

    first, skipped = strength_block(page)
    assert page.locator(".block-tag").inner_text() == "Mobility"
    timed = False
    while not page.locator(".block-tag.optional").count():
        if not timed and page.locator("[data-holds]").count():
            shoot(page, "guided-hold")
            page.emulate_media(color_scheme="dark")
            shoot(page, "guided-hold-dark")
            page.emulate_media(color_scheme="light")
            timed_holds(page)
            timed = True
        press(page, "Done")
    assert timed, "no hold per side in today's session"

    assert page.get_by_text("Optional extra", exact=True).is_visible()
    shoot(page, "guided-extra")
    press(page, "Done")
    leave_out = page.get_by_role("button", name="Finish now, without")
    if leave_out.count():
        leave_out.click()
        page.wait_for_selector("text=Session complete")
    while heading(page) != "Session complete":
        press(page, "Skip")

    summary = page.locator("#summary").inner_text()
    assert "Time taken: about" in summary
    assert f"{first}: 3 sets (" in summary
    assert f"{skipped}: skipped: nothing logged" in summary
    page.locator("label[for=id_feeling_after_2]").click()
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector("text=Saved with today's session: 2/10")
    shoot(page, "guided-summary")
    page.emulate_media(color_scheme="dark")
    shoot(page, "guided-summary-dark")
    page.emulate_media(color_scheme="light")

    page.reload()
    assert page.get_by_text("Saved with today's session: 2/10").is_visible()
    assert page.locator("#id_feeling_after_2").is_checked()
    page.goto(f"{server_url}/history/")
    assert "Back afterwards: 2/10" in page.locator("#sessions").inner_text()
