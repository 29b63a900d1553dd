"""The week follows what was done, in a real browser at phone size: the plan marks today;
the day after a strength session the session page offers mobility and says why strength
waits; two days after it, on a day without strength, the runner may choose strength."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.e2e.conftest import both_schemes
from tests.e2e.test_journey import PASSWORD, calm_check_in, sign_up

pytestmark = pytest.mark.browser


def new_runner(page: Any, server_url: str) -> dict[str, str]:
    """A calm runner through the check-in and calibration; their API headers."""
    email = sign_up(page, server_url)
    calm_check_in(page)
    for _ in range(4):
        page.get_by_role("button", name="Fine: slow, pain-free, good form").click()
    page.wait_for_url("**/plan/")
    answer = page.request.post(
        f"{server_url}/api/v1/auth/token", data={"email": email, "password": PASSWORD}
    )
    assert answer.ok, answer.text()
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def strength_session(page: Any, server_url: str, headers: dict[str, str], ago: int) -> None:
    """A strength session `ago` days before the server's today (the plan's first day)."""
    plan = page.request.get(f"{server_url}/api/v1/me/plan", headers=headers).json()["plan"]
    today = dt.date.fromisoformat(plan["week"][0]["date"])
    sets = [{"exercise": "superman", "reps": 8, "pain": 0, "form": "good"}] * 3
    body = {"date": (today - dt.timedelta(days=ago)).isoformat(), "sets": sets}
    answer = page.request.post(f"{server_url}/api/v1/me/sessions", headers=headers, data=body)
    assert answer.status == 201, answer.text()


def test_the_day_after_strength_the_plan_marks_today_and_the_session_waits(
    page: Any, server_url: str
) -> None:
    headers = new_runner(page, server_url)
    strength_session(page, server_url, headers, ago=1)
    page.goto(f"{server_url}/plan/")
    today = page.locator(".week [aria-current=date]")
    assert today.count() == 1 and today.inner_text().startswith("Today")
    assert "next strength session is tomorrow" in page.locator("main").inner_text()
    both_schemes(page, "week-plan-today")
    page.get_by_role("link", name="Start today's session").click()
    page.wait_for_url("**/session/")
    note = page.get_by_role("region", name="Today in your plan")
    assert "need 48 hours" in note.inner_text()
    assert page.get_by_role("button", name="Save set").count() == 0
    assert page.get_by_role("link", name="Do the strength session instead").count() == 0
    both_schemes(page, "week-session-resting")


def test_two_days_after_strength_the_runner_may_choose_it(page: Any, server_url: str) -> None:
    headers = new_runner(page, server_url)
    profile = page.request.get(f"{server_url}/api/v1/me/profile", headers=headers).json()
    profile["strength_days_per_week"] = 1
    answer = page.request.put(f"{server_url}/api/v1/me/profile", headers=headers, data=profile)
    assert answer.ok, answer.text()
    strength_session(page, server_url, headers, ago=2)
    page.goto(f"{server_url}/session/")
    assert page.get_by_role("button", name="Save set").count() == 0
    both_schemes(page, "week-session-may-choose")
    page.get_by_role("link", name="Do the strength session instead").click()
    page.wait_for_url("**/session/?strength=anyway")
    page.get_by_role("button", name="Save set").click()
    page.wait_for_url("**/session/?rest=1")
    # Begun, the strength session stands: the next set is offered without the choice.
    assert page.get_by_text("Set 2 of 3").is_visible()
    page.goto(f"{server_url}/plan/")
    assert "strength" in page.locator(".week [aria-current=date]").inner_text()
