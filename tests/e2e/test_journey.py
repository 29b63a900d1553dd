"""The runner's whole journey in a real browser at phone size, from sign-up to log-out."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from backstride.core.questions import QUESTIONS
from tests.e2e.conftest import shoot

pytestmark = pytest.mark.browser
PASSWORD = "steady easy miles 2026"
_emails = (f"e2e{n}@example.com" for n in itertools.count(1))


def sign_up(page: Any, url: str) -> str:
    email = next(_emails)
    page.goto(f"{url}/accounts/signup/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    return email


def answer_warning_signs(page: Any, yes: str | None = None) -> None:
    for flag, question in QUESTIONS.items():
        row = page.get_by_role("radiogroup", name=question, exact=True)
        row.get_by_label("Yes" if flag == yes else "No").check()
    page.get_by_role("button", name="Next").click()


def calm_check_in(
    page: Any, intensity: int = 2, kit: tuple[str, ...] | list[str] = (), minutes: int = 20
) -> None:
    """The first check-in with no warning sign, up to the calibration page."""
    answer_warning_signs(page)
    page.get_by_label("Lower back").check()
    page.locator(f"input[name=intensity][value='{intensity}']").check()
    page.get_by_label("For how many weeks has it hurt?").fill("2")
    page.get_by_label("About the same").check()
    page.locator("input[name=eases_with_rest][value=yes]").check()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Your age").fill("36")
    page.get_by_label("Intermediate").check()
    page.get_by_label("About how many km a week?").fill("30")
    page.get_by_label("Runs a week").fill("3")
    for item in kit:
        page.get_by_label(item, exact=True).check()
    page.get_by_label("Indoors").check()
    page.get_by_label("Minutes per session").fill(str(minutes))
    page.locator("input[name=strength_days_per_week][value='3']").check()
    page.get_by_role("button", name="Next").click()
    page.wait_for_url("**/calibrate/")


def test_from_sign_up_to_a_logged_session_and_back(page: Any, server_url: str) -> None:
    page.goto(server_url)
    assert page.get_by_text("not a diagnosis").first.is_visible()
    shoot(page, "home")
    sign_up(page, server_url)
    page.wait_for_url("**/check-in/1/")
    shoot(page, "check-in")
    calm_check_in(page, intensity=3, kit=["Mat"])
    shoot(page, "calibrate")
    for _ in range(4):
        page.get_by_role("button", name="Fine: slow, pain-free, good form").click()
    page.wait_for_url("**/plan/")
    assert page.get_by_role("heading", name="My plan").is_visible()
    shoot(page, "plan")
    page.goto(f"{server_url}/plan/print/")
    assert page.get_by_role("button", name="Print").is_visible()
    page.goto(f"{server_url}/plan/")

    page.get_by_role("link", name="Start today's session").click()
    page.wait_for_url("**/session/")
    assert page.get_by_text("Set 1 of 3").is_visible()
    shoot(page, "session")
    page.get_by_role("button", name="Save set").click()
    page.wait_for_selector("text=Set 2 of 3")
    assert page.get_by_text("Rest before the next set").is_visible()
    page.get_by_role("button", name="Skip the rest").click()
    assert not page.get_by_text("Rest before the next set").is_visible()
    page.locator("label[for=pain2]").click()
    page.get_by_role("button", name="Save set").click()
    page.wait_for_selector("text=Set 3 of 3")
    shoot(page, "session-rest")

    page.reload()
    saved = page.locator("#saved-sets")
    assert "Superman" in saved.inner_text() and "pain 2" in saved.inner_text()
    assert page.get_by_text("Set 3 of 3").is_visible()
    # An answer only the server refuses is shown through htmx too, and nothing is saved.
    page.locator("input[name=reps]").evaluate("e => { e.removeAttribute('max'); e.value = '500'; }")
    page.get_by_role("button", name="Save set").click()
    page.wait_for_selector("text=Reps done: must be at most")
    assert page.get_by_text("Set 3 of 3").is_visible()

    page.goto(f"{server_url}/today/")
    page.locator("input[name=morning_pain][value='2']").check()
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url("**/today/")
    shoot(page, "today")
    # A refused run form sits below the fold: its message takes the focus and the view.
    page.locator("form[action$='/today/run/']").evaluate("f => f.noValidate = true")
    page.get_by_role("button", name="Save run").click()
    page.wait_for_selector("text=Nothing was saved")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Nothing was saved" in focused

    page.goto(f"{server_url}/history/")
    history = page.locator("main").inner_text()
    assert "Superman" in history and str(dt.date.today().year) in history
    shoot(page, "history")

    page.goto(f"{server_url}/accounts/")
    page.get_by_role("button", name="Log out").click()
    page.goto(f"{server_url}/plan/")
    page.wait_for_url("**/accounts/login/**")


def test_an_emergency_answer_stops_at_the_emergency_page(page: Any, server_url: str) -> None:
    sign_up(page, server_url)
    page.wait_for_url("**/check-in/1/")
    answer_warning_signs(page, yes="bladder_or_bowel_change")
    page.wait_for_url("**/check-in/emergency/")
    assert page.get_by_role("heading", name="Get emergency help now").is_visible()
    shoot(page, "emergency")
    page.goto(f"{server_url}/plan/")
    page.wait_for_url("**/check-in/1/")


def test_an_emergency_in_a_morning_check_in_shows_the_steps_first_and_holds_the_plan(
    page: Any, server_url: str
) -> None:
    sign_up(page, server_url)
    page.wait_for_url("**/check-in/1/")
    calm_check_in(page)
    page.goto(f"{server_url}/today/")
    page.locator("input[name=morning_pain][value='4']").check()
    page.get_by_text("Any warning sign this morning?").click()
    page.get_by_label(QUESTIONS["legs_giving_way"]).first.check()
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url("**/check-in/see-a-doctor/")
    heading = page.get_by_role("heading", name="Get emergency help now")
    steps = page.locator("ol.steps")
    assert heading.is_visible() and steps.is_visible()
    # The steps come before the reasons, and both fit in the first screens of a phone.
    assert steps.bounding_box()["y"] < page.get_by_role("heading", name="Why").bounding_box()["y"]
    assert "emergency department" in steps.inner_text()
    assert page.locator("input[name=covers]").count() == 0
    shoot(page, "emergency-morning")
    page.emulate_media(color_scheme="dark")
    shoot(page, "emergency-morning-dark")
    page.emulate_media(color_scheme="light")
    for held in ("plan", "session", "calibrate"):
        page.goto(f"{server_url}/{held}/")
        page.wait_for_url("**/check-in/see-a-doctor/")
    # Answered by mistake: deleting the entry opens the plan again.
    page.goto(f"{server_url}/history/")
    page.locator("a[href*='/history/checkin/'][href$='/delete/']").first.click()
    page.get_by_role("button", name="Delete it").click()
    page.wait_for_url("**/history/")
    page.goto(f"{server_url}/plan/")
    assert page.get_by_role("heading", name="My plan").is_visible()


def test_an_urgent_sign_offers_a_dated_clearance(page: Any, server_url: str) -> None:
    sign_up(page, server_url)
    page.wait_for_url("**/check-in/1/")
    calm_check_in(page)
    page.goto(f"{server_url}/today/")
    page.locator("input[name=morning_pain][value='3']").check()
    page.get_by_text("Any warning sign this morning?").click()
    page.get_by_label(QUESTIONS["fever_or_unwell"]).first.check()
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url("**/check-in/see-a-doctor/")
    assert page.get_by_role("heading", name="Get medical advice today").is_visible()
    shoot(page, "urgent")
    page.emulate_media(color_scheme="dark")
    shoot(page, "urgent-dark")
    page.emulate_media(color_scheme="light")
    page.get_by_label("The day you were seen").fill(dt.date.today().isoformat())
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_selector("text=tick each reason")
    page.get_by_label("The day you were seen").fill(dt.date.today().isoformat())
    page.locator("input[name=covers]").first.check()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/calibrate/")
