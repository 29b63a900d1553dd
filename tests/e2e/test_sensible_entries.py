"""Data that makes sense on a phone: an impossible run refused beside its fields, the day's
second check-in and a run typed twice each asked about before anything is stored, and runs
shown and typed in miles while they are kept in kilometres."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.conftest import both_schemes
from tests.e2e.test_journey import calm_check_in, sign_up

pytestmark = pytest.mark.browser

RUN_FORM = "form[action$='/today/run/']:not(.row)"


def new_runner(page: Any, url: str) -> None:
    sign_up(page, url)
    page.wait_for_url("**/check-in/1/")
    calm_check_in(page)


def type_run(page: Any, distance: str, minutes: str) -> None:
    """A run on the Today page, dated today (the form's own default), pain not rated."""
    form = page.locator(RUN_FORM)
    form.locator("input[name=km]").fill(distance)
    form.locator("input[name=minutes]").fill(minutes)
    form.get_by_role("button", name="Save run").click()


def check_in(page: Any, pain: int) -> None:
    page.locator(f"input[name=morning_pain][value='{pain}']").check()
    page.get_by_role("button", name="Save check-in").click()


def logged_today(page: Any) -> list[str]:
    return [t.strip() for t in page.locator("main ul.list > li").all_inner_texts()]


def history_runs(page: Any, url: str) -> str:
    page.goto(f"{url}/history/")
    runs = page.locator("#runs")
    return str(runs.inner_text()) if runs.count() else ""


def set_unit(page: Any, url: str, label: str) -> None:
    page.goto(f"{url}/accounts/settings/")
    page.get_by_label(label).check()
    page.get_by_role("button", name="Save my settings").click()
    page.wait_for_url(re.compile(r"/(plan|calibrate)/$"))


def test_an_impossible_run_is_refused_beside_its_fields(page: Any, server_url: str) -> None:
    new_runner(page, server_url)
    page.goto(f"{server_url}/today/")
    type_run(page, "42", "10")
    page.wait_for_selector("text=Nothing was saved")
    message = "42 km in 10 min is a pace of 0:14 min/km, faster than any runner"
    # In the summary that takes the focus, and under the time field itself.
    assert message in page.evaluate("document.activeElement.textContent")
    beside = page.locator("#run_minutes_error")
    assert beside.is_visible() and message in beside.inner_text()
    minutes = page.locator("#run_minutes")
    assert minutes.get_attribute("aria-describedby") == "run_minutes_error"
    assert minutes.get_attribute("aria-invalid") == "true"  # and drawn in the danger colour
    # What was typed stays, to be corrected.
    assert page.locator("#run_km").input_value() == "42"
    page.locator("#run_minutes").scroll_into_view_if_needed()
    both_schemes(page, "run-refused")
    assert "No runs yet" in page.goto(f"{server_url}/history/").text()


def test_a_second_check_in_asks_before_it_replaces_the_first(page: Any, server_url: str) -> None:
    new_runner(page, server_url)
    page.goto(f"{server_url}/today/")
    check_in(page, 3)
    page.wait_for_selector("text=Check-in saved.")
    check_in(page, 5)
    confirm = page.locator("#checkin-confirm")
    confirm.wait_for()
    assert "You already checked in this morning with pain 3. Replace it with pain 5?" in (
        confirm.inner_text()
    )
    assert "Check-in saved." not in page.locator("main").inner_text()
    both_schemes(page, "checkin-confirm")

    confirm.get_by_role("link", name="Keep the first").click()
    page.wait_for_url("**/today/")
    assert logged_today(page) == ["Morning check-in: pain 3/10"]

    check_in(page, 5)
    page.locator("#checkin-confirm").get_by_role("button", name="Replace it").click()
    page.wait_for_selector("text=Check-in saved.")
    assert logged_today(page) == ["Morning check-in: pain 5/10"]
    page.goto(f"{server_url}/history/")
    checkins = page.locator("#checkins > li")
    assert checkins.count() == 1 and "pain 5/10" in checkins.inner_text()


def test_a_run_typed_twice_is_flagged_and_kept_only_when_it_was_another(
    page: Any, server_url: str
) -> None:
    new_runner(page, server_url)
    page.goto(f"{server_url}/today/")
    type_run(page, "8", "48")
    page.wait_for_selector("text=Run saved.")
    type_run(page, "8", "48")
    confirm = page.locator("#run-confirm")
    confirm.wait_for()
    assert "This looks like a run you already saved for today" in confirm.inner_text()
    assert "(8 km, 48 min)" in confirm.inner_text()
    both_schemes(page, "run-twin-confirm")

    confirm.get_by_role("link", name="Don't save it").click()
    page.wait_for_url("**/today/")
    assert logged_today(page) == ["Run: 8 km in 48 min (6:00 min/km)"]

    type_run(page, "8", "48")
    page.locator("#run-confirm").get_by_role("button", name="It was another run: save it").click()
    page.wait_for_selector("text=Run saved.")
    assert logged_today(page) == ["Run: 8 km in 48 min (6:00 min/km)"] * 2
    assert page.locator("#runs > li").count() == 0  # Today lists them; History below
    assert history_runs(page, server_url).count("8 km in 48 min") == 2


def test_runs_are_shown_and_typed_in_miles_and_kept_in_km(page: Any, server_url: str) -> None:
    new_runner(page, server_url)
    page.goto(f"{server_url}/today/")
    type_run(page, "8", "48")
    page.wait_for_selector("text=Run saved.")

    set_unit(page, server_url, "Miles (mi)")
    page.goto(f"{server_url}/today/")
    assert page.get_by_label("Distance (mi)").is_visible()
    assert logged_today(page) == ["Run: 4.97 mi in 48 min (9:39 min/mi)"]
    type_run(page, "3.1", "30")
    page.wait_for_selector("text=Run saved.")
    assert "Run: 3.1 mi in 30 min (9:41 min/mi)" in logged_today(page)
    runs = history_runs(page, server_url)
    assert "4.97 mi in 48 min (9:39 min/mi)" in runs and "3.1 mi in 30 min" in runs
    both_schemes(page, "history-miles")

    set_unit(page, server_url, "Kilometres (km)")
    runs = history_runs(page, server_url)
    # 3.1 miles are 4.99 km, kept in km; the run typed in km is unchanged.
    assert "4.99 km in 30 min (6:01 min/km)" in runs and "8 km in 48 min" in runs
