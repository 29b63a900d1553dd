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
        row = page.get_by_role("radiogroup", name=question)
        row.get_by_label("Yes" if flag == yes else "No").check()
    page.get_by_role("button", name="Next").click()


def test_from_sign_up_to_a_logged_session_and_back(page: Any, server_url: str) -> None:
    page.goto(server_url)
    assert page.get_by_text("not a diagnosis").first.is_visible()
    shoot(page, "home")
    sign_up(page, server_url)
    page.wait_for_url("**/check-in/1/")
    shoot(page, "check-in")
    answer_warning_signs(page)
    page.get_by_label("Lower back").check()
    page.locator("input[name=intensity][value='3']").check()
    page.get_by_label("For how many weeks has it hurt?").fill("2")
    page.get_by_label("About the same").check()
    page.locator("input[name=eases_with_rest][value=yes]").check()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Your age").fill("36")
    page.get_by_label("Intermediate").check()
    page.get_by_label("About how many km a week?").fill("30")
    page.get_by_label("Runs a week").fill("3")
    page.get_by_label("Mat", exact=True).check()
    page.get_by_label("Indoors").check()
    page.get_by_label("Minutes per session").fill("20")
    page.get_by_label("Strength days a week").fill("3")
    page.get_by_role("button", name="See my plan").click()

    page.wait_for_url("**/calibrate/")
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
    assert page.get_by_role("heading", name="Get urgent medical help today").is_visible()
    shoot(page, "emergency")
    page.goto(f"{server_url}/plan/")
    page.wait_for_url("**/check-in/1/")
