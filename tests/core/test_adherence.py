"""Adherence from day one: planned sessions count from the day the programme started, never
before it and never while triage held the plan for a warning sign."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from backstride.core.adherence import PlanDays, held_spans, plan_days, programme_start
from backstride.core.assessment import assess
from backstride.core.history import History
from backstride.core.insights import week_start
from backstride.core.standing import Standing
from tests.factories import TODAY, checkin, day, history, make_profile, run, session, sets

SEE_DOCTOR = "leg_pain_with_numbness_or_tingling"


def standing_of(h: History, today: dt.date = TODAY, **profile: Any) -> Standing:
    return assess(make_profile(**profile), h, today).standing


def test_a_runner_who_signed_up_today_has_zero_of_zero() -> None:
    summary = standing_of(History()).summary
    assert summary is not None
    assert (summary.recent_done, summary.recent_planned) == (0, 0)
    assert summary.adherence.startswith("Your first week starts today")
    assert "of 12" not in summary.adherence


def test_a_first_check_in_today_plans_nothing_yet() -> None:
    found = standing_of(history(checkins=[checkin(TODAY, 2)]))
    assert found.adherence == [(week_start(TODAY), 0, 0)]
    assert found.summary is not None
    assert found.summary.adherence == (
        "Your first week starts today: nothing is planned yet, so nothing is missed."
    )


def test_a_session_on_the_first_day_is_one_done_and_none_planned() -> None:
    found = standing_of(history([session(TODAY, sets("dead_bug", 8))]))
    assert found.adherence == [(week_start(TODAY), 1, 0)]


def test_a_year_of_imported_runs_plans_nothing_before_the_start() -> None:
    runs = [run(day(-7 * i), 10) for i in range(52)]
    found = standing_of(history(checkins=[checkin(day(-2), 2)], runs=runs))
    assert programme_start(history(checkins=[checkin(day(-2), 2)], runs=runs), TODAY) == day(-2)
    assert [start for start, _, _ in found.adherence] == [week_start(TODAY)]
    assert found.load is not None and len(found.load.weeks) == 52


def test_weeks_count_from_the_start_day_at_the_days_per_week() -> None:
    # TODAY is Saturday 21 Nov; the start is Thursday 5 Nov: 4 days of that week on plan.
    h = history(checkins=[checkin(dt.date(2026, 11, 5), 2)])
    planned = [p for _, _, p in standing_of(h).adherence]
    assert planned == [3 * 4 // 7, 3, 3 * 6 // 7]
    assert [p for _, _, p in standing_of(h, strength_days_per_week=2).adherence] == [1, 2, 1]


def test_days_per_week_are_capped_at_three() -> None:
    h = history(checkins=[checkin(day(-30), 2)])
    planned = [p for _, _, p in standing_of(h, strength_days_per_week=4).adherence]
    assert max(planned) == 3


def test_a_warning_sign_holds_the_plan_until_the_runner_is_cleared() -> None:
    start, sign, seen = dt.date(2026, 10, 26), dt.date(2026, 11, 2), dt.date(2026, 11, 9)
    h = history(checkins=[checkin(start, 2), checkin(sign, 3, (SEE_DOCTOR,))])
    clearance = {"on": seen.isoformat(), "covers": [SEE_DOCTOR]}
    found = standing_of(h, clearance=clearance)
    assert found.days is not None and found.days.held == ((sign, seen - dt.timedelta(days=1)),)
    assert [p for _, _, p in found.adherence] == [3, 0, 3, 2]
    assert found.summary is not None
    assert "The 7 days your plan was on hold are not counted." in found.summary.adherence


def test_a_plan_still_on_hold_plans_nothing_from_the_sign_on() -> None:
    h = history(checkins=[checkin(day(-20), 2), checkin(day(-2), 3, (SEE_DOCTOR,))])
    found = standing_of(h)
    assert found.days is not None and found.days.held == ((day(-2), TODAY),)
    assert found.adherence[-1][2] == 3 * 3 // 7  # Mon-Wed on plan, held from Thursday
    assert found.summary is not None and "on hold" in found.summary.adherence


def test_a_sign_dated_ahead_of_today_already_holds_today() -> None:
    h = history(checkins=[checkin(day(-10), 2), checkin(day(5), 3, (SEE_DOCTOR,))])
    assert held_spans(make_profile(), h.reports(), day(-10), TODAY) == ((TODAY, TODAY),)


def test_the_profiles_own_sign_holds_from_the_start_until_the_clearance() -> None:
    profile = make_profile(
        red_flags=["night_pain"], clearance={"on": day(-4).isoformat(), "covers": ["night_pain"]}
    )
    assert held_spans(profile, (), day(-10), TODAY) == ((day(-10), day(-5)),)


def test_nothing_logged_means_no_start_and_nothing_on_plan() -> None:
    days = plan_days(make_profile(), history(runs=[run(day(-3), 5)]), TODAY)
    assert days.start is None and not days.on_plan(TODAY)
    assert days.planned(week_start(TODAY), TODAY) == 0


def _days_on_plan(days: PlanDays, monday: dt.date, today: dt.date) -> int:
    week = [monday + dt.timedelta(days=i) for i in range(7)]
    return sum(days.on_plan(d) for d in week if d <= today)


@settings(max_examples=60, deadline=None)
@given(
    start=st.integers(min_value=-120, max_value=0),
    signs=st.lists(st.integers(min_value=-120, max_value=0), max_size=3),
    per_week=st.integers(min_value=1, max_value=4),
)
def test_planned_sessions_follow_only_the_days_on_plan(
    start: int, signs: list[int], per_week: int
) -> None:
    checkins = [checkin(day(start), 2)]
    checkins += [checkin(day(max(start, s)), 3, (SEE_DOCTOR,)) for s in signs]
    found = standing_of(history(checkins=checkins), strength_days_per_week=per_week)
    days = found.days
    assert days is not None and days.start == day(start)
    assert found.adherence[0][0] == week_start(day(start))
    for monday, _, planned in found.adherence:
        on_plan = _days_on_plan(days, monday, TODAY)
        assert planned == min(per_week, 3) * on_plan // 7
    held = {day(max(start, s)) for s in signs}
    for offset in range(start, 1):
        assert days.on_plan(day(offset)) == (not held or day(offset) < min(held))
    # A warning sign never adds a planned session.
    calm = standing_of(history(checkins=checkins[:1]), strength_days_per_week=per_week)
    for (_, _, with_signs), (_, _, without) in zip(found.adherence, calm.adherence, strict=True):
        assert with_signs <= without
