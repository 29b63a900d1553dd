"""The plan's coming four weeks as iCalendar, parsed back with icalendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

from icalendar import Calendar

from backstride.core.assessment import build_programme
from backstride.core.history import History
from backstride.core.plan import PlanResult
from backstride.reports.calendar import plan_calendar
from tests.factories import TODAY, make_profile


def plan(**overrides: Any) -> PlanResult:
    return build_programme(make_profile(**overrides), History(), TODAY)


def events(result: PlanResult, today: dt.date = TODAY, key: str = "user-1") -> list[Any]:
    calendar = Calendar.from_ical(plan_calendar(result, today, key))
    return list(calendar.walk("VEVENT"))


def by_title(items: list[Any], word: str) -> list[Any]:
    return [e for e in items if word in str(e["SUMMARY"])]


def test_four_weeks_of_all_day_events_from_today() -> None:
    items = events(plan())
    days = {e.decoded("DTSTART") for e in items}
    assert days == {TODAY + dt.timedelta(days=i) for i in range(28)}
    for e in items:
        start = e.decoded("DTSTART")
        assert type(start) is dt.date  # all-day, not a date and time
        assert e.decoded("DTEND") == start + dt.timedelta(days=1)


def test_strength_days_runs_and_mobility_follow_the_week() -> None:
    items = events(plan(strength_days_per_week=3, running={"runs_per_week": 3}))
    strength = by_title(items, "Strength")
    assert len(strength) == 12
    assert {e.decoded("DTSTART").isoweekday() for e in strength} == {1, 3, 5}
    assert len(by_title(items, "run")) == 12
    assert len(by_title(items, "Mobility")) == 28


def test_strength_descriptions_name_the_exercises_and_dosage() -> None:
    result = plan()
    assert result.plan is not None
    for e in by_title(events(result), "Strength"):
        text = str(e["DESCRIPTION"])
        for item in result.plan.strength.exercises:
            assert item.name in text
        assert "3 \u00d7 8 reps" in text and "48 hours apart" in text


def test_mobility_and_run_descriptions_carry_their_dosage_and_advice() -> None:
    result = plan(minutes_per_session=40)
    assert result.plan is not None
    items = events(result)
    mobility = str(by_title(items, "Mobility")[0]["DESCRIPTION"])
    for item in result.plan.mobility.exercises:
        assert item.name in mobility
    assert "30 s hold" in mobility
    run = str(by_title(items, "run")[0]["DESCRIPTION"])
    assert result.plan.running.advice[0] in run and "After the run" in run


def test_extras_join_the_strength_event_when_sessions_are_long() -> None:
    text = str(by_title(events(plan(minutes_per_session=40)), "Strength")[0]["DESCRIPTION"])
    assert "Optional extras" in text


def test_uids_are_unique_and_stable_across_calls() -> None:
    first = [str(e["UID"]) for e in events(plan())]
    assert len(set(first)) == len(first)
    assert [str(e["UID"]) for e in events(plan())] == first


def test_a_later_download_keeps_the_uids_of_the_days_it_shares() -> None:
    today_uids = {str(e["UID"]) for e in events(plan())}
    tomorrow_uids = {str(e["UID"]) for e in events(plan(), TODAY + dt.timedelta(days=1))}
    shared = today_uids & tomorrow_uids
    assert len(shared) == len(today_uids) - len([u for u in today_uids if "20261121" in u])


def test_two_runners_never_share_a_uid() -> None:
    mine = {str(e["UID"]) for e in events(plan(), key="user-1")}
    theirs = {str(e["UID"]) for e in events(plan(), key="user-2")}
    assert not mine & theirs
    assert all("user-1" not in uid for uid in mine)


def test_two_runs_on_one_day_are_two_events() -> None:
    items = events(plan(running={"runs_per_week": 9}))
    runs = by_title(items, "of 2")
    assert runs and len({str(e["UID"]) for e in runs}) == len(runs)


def test_paused_running_becomes_walking_or_cross_training() -> None:
    items = events(plan(pain={"intensity": 7}))
    assert by_title(items, "Walk or cross-train") and not by_title(items, "Run")


def test_no_plan_gives_an_empty_calendar() -> None:
    result = plan(red_flags=["fever_or_unwell"])
    assert result.plan is None
    assert events(result) == []
