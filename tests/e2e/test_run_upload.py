"""Bringing in run files from a watch, in a real browser: upload, see the run, rate it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import shoot
from tests.e2e.test_journey import sign_up

pytestmark = pytest.mark.browser
RUNFILES = Path(__file__).resolve().parents[3] / "shared" / "testdata" / "runfiles"


def test_uploading_run_files_shows_the_run_and_asks_for_its_pain(
    page: Any, server_url: str
) -> None:
    sign_up(page, server_url)
    page.goto(f"{server_url}/runs/import/")
    page.get_by_label("Run files (GPX, TCX or FIT)").set_input_files(
        [str(RUNFILES / "activity-small-fenix2-run.fit"), str(RUNFILES / "garmin-fenix-5-bike.fit")]
    )
    page.get_by_role("button", name="Import").click()
    results = page.locator("#import-results").inner_text()
    assert "Imported" in results and "Skipped: not a run" in results
    shoot(page, "run-import")

    page.goto(f"{server_url}/history/")
    assert "9.0" in page.locator("main").inner_text()
    # Every page asks in one line; the questions themselves are on Today.
    page.get_by_role("link", name="How did your back feel on the run you imported?").click()
    page.wait_for_url("**/today/#rate-runs")
    assert page.get_by_role("heading", name="How did your back feel on this run?").is_visible()
    page.get_by_label("Pain during the run").select_option("2")
    page.get_by_role("button", name="Save the pain of the run of", exact=False).click()
    page.wait_for_selector("text=Saved the pain of the run")
    assert not page.get_by_role("heading", name="How did your back feel on this run?").count()
