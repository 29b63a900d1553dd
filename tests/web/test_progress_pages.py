"""The progress page, its chart endpoints, the printable plan, the calendar and the CSV
downloads: each for a runner with no data, a week and a year; only for the runner logged in."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.test import Client
from icalendar import Calendar

from backstride.core.catalog import load_catalog
from backstride.web.accounts.models import ApiToken, User
from backstride.web.coach import services
from tests.reports.samples import RUNNERS
from tests.web.helpers import plan_of, runner, runner_without_profile

pytestmark = pytest.mark.django_db

CHARTS = ("load", "strength", "ladder", "adherence")
PAGES = [
    "/progress/",
    *[f"/progress/chart/{name}.svg" for name in CHARTS],
    "/plan/print/",
    "/plan/calendar.ics",
    "/export/sessions.csv",
    "/export/checkins.csv",
    "/export/runs.csv",
]


@pytest.fixture(autouse=True)
def _frozen_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The views' today is the sample histories' last day."""
    from backstride.web.coach.views import progress

    monkeypatch.setattr(progress, "today", lambda: RUNNERS["a year"]()[2])


def runner_with(who: str, **overrides: Any) -> tuple[Client, User]:
    client, user = runner(**overrides)
    _, history, _ = RUNNERS[who]()
    services.import_data(user=user, profile=None, history=history)
    return client, user


def csv_rows(answer: Any) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(answer.content.decode())))


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitors_are_sent_to_log_in(path: str) -> None:
    answer = Client().get(path)
    assert answer.status_code == 302 and answer["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", RUNNERS)
def test_the_progress_page_answers_for_every_runner(who: str) -> None:
    client, _ = runner_with(who)
    page = client.get("/progress/").content.decode()
    assert "Load and pain, side by side" in page
    for name in CHARTS:
        assert f'src="/progress/chart/{name}.svg"' in page
    assert "What your data shows:" in page
    assert "/plan/calendar.ics" in page and "/plan/print/" in page


@pytest.mark.parametrize("who", RUNNERS)
@pytest.mark.parametrize("name", CHARTS)
def test_chart_endpoints_answer_svg(name: str, who: str) -> None:
    client, _ = runner_with(who)
    answer = client.get(f"/progress/chart/{name}.svg")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "image/svg+xml"
    assert ET.fromstring(answer.content).tag == "{http://www.w3.org/2000/svg}svg"


def test_an_unknown_chart_is_not_found() -> None:
    client, _ = runner()
    assert client.get("/progress/chart/pie.svg").status_code == 404


def test_a_year_of_data_gives_a_finding_with_the_weeks_it_rests_on() -> None:
    client, _ = runner_with("a year")
    page = client.get("/progress/").content.decode()
    assert "morning pain averaged" in page and "This rests on" in page


def test_too_little_data_says_how_many_more_weeks_are_needed() -> None:
    client, _ = runner_with("a week")
    page = client.get("/progress/").content.decode()
    assert "Too early to say" in page and "more week" in page


def test_without_a_profile_the_page_asks_for_the_check_in_but_charts_still_answer() -> None:
    client, _ = runner_without_profile()
    assert client.get("/progress/")["Location"] == "/check-in/"
    answer = client.get("/progress/chart/load.svg")
    assert answer.status_code == 200 and b"No data yet" in answer.content


def test_csv_downloads_hold_the_runners_own_rows() -> None:
    client, _ = runner_with("a week")
    answer = client.get("/export/sessions.csv")
    assert answer["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="backstride-sessions.csv"' in answer["Content-Disposition"]
    rows = csv_rows(answer)
    assert len(rows) == 12 and rows[0]["exercise"] in ("superman", "dead_bug")
    assert len(csv_rows(client.get("/export/checkins.csv"))) == 7
    runs = csv_rows(client.get("/export/runs.csv"))
    assert [r["km"] for r in runs] == ["6.0", "8.2"]
    assert runs[-1]["started_at"] == "2026-11-20T07:05:00+00:00"


def test_an_unknown_csv_kind_is_not_found() -> None:
    client, _ = runner()
    assert client.get("/export/plans.csv").status_code == 404


def test_another_runner_never_sees_these() -> None:
    runner_with("a week")
    other, _ = runner()
    assert csv_rows(other.get("/export/sessions.csv")) == []
    assert csv_rows(other.get("/export/runs.csv")) == []
    assert b"No data yet" in other.get("/progress/chart/load.svg").content


def test_the_printable_plan_has_steps_cues_dosage_and_warning_signs() -> None:
    client, user = runner()
    _, result = plan_of(user, RUNNERS["a year"]()[2])
    assert result is not None and result.plan is not None
    page = client.get("/plan/print/").content.decode()
    first = load_catalog()[result.plan.strength.exercises[0].id]
    assert first.steps[0].replace("'", "&#x27;") in page
    assert first.cues[0].replace("'", "&#x27;") in page
    assert "3 \u00d7 8 reps" in page
    assert "Warning signs: stop and get help" in page
    assert "data-print" in page and "@media print" in page and "@page" in page
    assert '<script src="/static/backstride/app.js" defer></script>' in page


def test_the_printable_plan_waits_for_a_doctor_when_triage_says_so() -> None:
    client, _ = runner(red_flags=["fever_or_unwell"])
    assert client.get("/plan/print/")["Location"] == "/check-in/see-a-doctor/"


def test_the_calendar_download_holds_four_weeks_of_events() -> None:
    client, _ = runner()
    answer = client.get("/plan/calendar.ics")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "text/calendar; charset=utf-8"
    events = list(Calendar.from_ical(answer.content).walk("VEVENT"))
    # Timed at the reminder times, several events a day: 28 days of them.
    starts = [e.decoded("DTSTART") for e in events]
    assert len({s.isoformat()[:10] for s in starts}) == 28


def test_the_api_calendar_needs_a_token() -> None:
    assert Client().get("/api/v1/me/calendar.ics").status_code == 401
    bad = {"Authorization": "Bearer nope"}
    assert Client().get("/api/v1/me/calendar.ics", headers=bad).status_code == 401


def test_the_api_calendar_is_the_same_file_as_the_web_one() -> None:
    client, user = runner_with("a week")
    headers = {"Authorization": f"Bearer {ApiToken.issue(user)}"}
    answer = Client().get("/api/v1/me/calendar.ics?today=2026-11-21", headers=headers)
    assert answer.status_code == 200
    assert answer["Content-Type"] == "text/calendar; charset=utf-8"
    assert answer.content == client.get("/plan/calendar.ics").content


def test_the_api_calendar_without_a_profile_is_not_found() -> None:
    _, user = runner_without_profile()
    headers = {"Authorization": f"Bearer {ApiToken.issue(user)}"}
    answer = Client().get("/api/v1/me/calendar.ics", headers=headers)
    assert answer.status_code == 404 and "profile" in answer.json()["detail"]


def test_the_api_calendar_rejects_a_bad_date() -> None:
    _, user = runner()
    headers = {"Authorization": f"Bearer {ApiToken.issue(user)}"}
    answer = Client().get("/api/v1/me/calendar.ics?today=soon", headers=headers)
    assert answer.status_code == 422


def test_the_openapi_schema_documents_the_calendar() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/me/calendar.ics"]["get"]
    assert "text/calendar" in operation["responses"]["200"]["content"]


def test_an_empty_history_still_exports_headers() -> None:
    client, _ = runner()
    for kind in ("sessions", "checkins", "runs"):
        text = client.get(f"/export/{kind}.csv").content.decode()
        assert text.startswith("date,") and text.count("\r\n") == 1


def test_a_runner_who_signed_up_today_is_told_the_first_week_starts_today() -> None:
    client, _ = runner()
    page = client.get("/progress/").content.decode()
    assert "Your first week starts today" in page
    assert "of 12" not in page and "planned strength sessions" not in page


def test_the_page_offers_longer_spans_and_passes_the_choice_to_the_timed_charts() -> None:
    client, _ = runner_with("a year")
    page = client.get("/progress/").content.decode()
    for value in ("12", "26", "52", "all"):
        assert f'href="?weeks={value}"' in page
    assert 'href="?weeks=12" aria-current="page"' in page
    longer = client.get("/progress/?weeks=52").content.decode()
    assert 'src="/progress/chart/load.svg?weeks=52"' in longer
    assert 'src="/progress/chart/adherence.svg?weeks=52"' in longer
    assert 'src="/progress/chart/ladder.svg"' in longer
    assert 'href="?weeks=52" aria-current="page"' in longer


def test_a_longer_span_draws_a_longer_axis() -> None:
    client, _ = runner_with("a year")
    short = client.get("/progress/chart/load.svg").content
    year = client.get("/progress/chart/load.svg?weeks=all").content
    assert b"<!-- Jun 2026 -->" not in short and b"<!-- Jan 2026 -->" in year


def test_an_unknown_span_is_named_and_the_page_shows_twelve_weeks() -> None:
    client, _ = runner_with("a week")
    page = client.get("/progress/?weeks=7").content.decode()
    assert "is not a span to show; choose 12, 26, 52 or all" in page
    assert 'src="/progress/chart/load.svg"' in page
    answer = client.get("/progress/chart/load.svg?weeks=7")
    assert answer.status_code == 400
    assert "weeks: " in answer.content.decode() and "choose 12, 26, 52 or all" in (
        answer.content.decode()
    )


def test_distances_follow_the_runners_unit_on_the_page_and_the_chart() -> None:
    from backstride.core.preferences import Preferences

    client, user = runner_with("a year")
    services.save_preferences(user=user, preferences=Preferences(unit="mi"))
    assert b"mi per week" in client.get("/progress/chart/load.svg").content
    page = client.get("/progress/").content.decode()
    assert "weeks above" in page and " mi your morning pain" in page
    assert "miles run per week" in page
    # The CSV export stays in km.
    runs = csv_rows(client.get("/export/runs.csv"))
    assert "km" in runs[0]


def test_a_plan_on_hold_counts_no_planned_sessions() -> None:
    client, _ = runner_with("a week", red_flags=["fever_or_unwell"])
    page = client.get("/progress/").content.decode()
    assert "Your plan is on hold until a doctor has seen you" in page
