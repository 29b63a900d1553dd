"""Where the runner stands (the numbers behind the progress page and charts): the span of
weeks, strength lines, the ladder, adherence, all from the one assessment."""

from __future__ import annotations

import datetime as dt

from backstride.core import standing as data
from backstride.core.assessment import assess
from backstride.core.history import History
from backstride.core.profile import Profile
from backstride.core.standing import Standing
from tests.factories import TODAY, day, history, make_profile, session, sets
from tests.reports.samples import RUNNERS, mastery


def of(profile: Profile, h: History, today: dt.date) -> Standing:
    return assess(profile, h, today).standing


def test_span_is_zero_without_data_at_least_a_month_and_reaches_the_first_entry() -> None:
    assert data.span(History(), TODAY) == 0
    assert data.span(RUNNERS["a week"]()[1], TODAY) == data.MIN_WEEKS
    _, year, end = RUNNERS["a year"]()
    first = data.first_day(year)
    assert first is not None
    assert data.span(year, end) == (data.week_start(end) - data.week_start(first)).days // 7 + 1


def test_load_is_none_without_runs_or_checkins() -> None:
    assert of(make_profile(), History(), TODAY).load is None
    only_sessions = history([session(day(-1), sets("dead_bug", 8))])
    assert of(make_profile(), only_sessions, TODAY).load is None


def test_load_weeks_end_with_the_current_week() -> None:
    profile, h, today = RUNNERS["a week"]()
    load = of(profile, h, today).load
    assert load is not None
    assert load.weeks[-1].start == dt.date(2026, 11, 16)
    assert round(sum(w.km for w in load.weeks), 1) == 14.2


def test_strength_lines_follow_the_ladder_and_carry_the_mastered_day() -> None:
    lines = of(*mastery()).strength
    names = [line.exercise for line in lines]
    assert names[:3] == ["dead_bug", "single_leg_balance_reach", "high_plank_leg_lift"]
    dead_bug = lines[0]
    assert dead_bug.mastered_on == day(-54)
    (segment,) = dead_bug.segments
    assert segment.points == [(day(-60), 10), (day(-58), 12), (day(-54), 12)]
    assert segment.points[-1][0] == day(-54)


def test_a_line_runs_on_to_today_while_the_exercise_is_still_in_the_block() -> None:
    lines = {line.exercise: line for line in of(*mastery()).strength}
    last = lines["high_plank_leg_lift"].segments[-1].points[-1]
    assert last == (TODAY, 10)


def test_ladder_statuses() -> None:
    rungs = of(*mastery()).ladder
    status = {r.rank: r.status for r in rungs}
    assert len(rungs) == 12
    assert status[1] == "ruled_out" and status[8] == "ruled_out"
    assert [r for r, s in status.items() if s == "mastered"] == [2, 3, 5]
    assert [r for r, s in status.items() if s == "current"] == [4, 6, 7, 9]
    assert status[12] == "ahead"
    assert rungs[0].note == "it involves bending backward, which hurts you"


def test_an_easier_variant_standing_in_is_named_on_its_rung() -> None:
    profile = make_profile(abilities={"single_leg_balance_reach": "poor_form"})
    rung = of(profile, History(), TODAY).ladder[2]
    assert rung.exercise == "single_leg_balance"
    assert rung.status == "current" and rung.note == "target 8 reps, the easier version"


def test_sessions_per_week_against_the_plan() -> None:
    profile, h, today = RUNNERS["a week"]()
    rows = of(profile, h, today).adherence
    # From the first check-in, Sunday 15 Nov: that day plans none, Monday to Saturday two.
    assert rows == [(dt.date(2026, 11, 9), 0, 0), (dt.date(2026, 11, 16), 2, 2)]
    assert of(profile, History(), today).adherence == []


def test_a_paused_plan_plans_no_sessions() -> None:
    profile = make_profile(red_flags=["fever_or_unwell"])
    h = history([session(day(-1), sets("dead_bug", 8))])
    assert [planned for _, _, planned in of(profile, h, TODAY).adherence] == [0]


def test_summary_names_the_mastered_exercises_and_the_last_four_weeks() -> None:
    summary = of(*mastery()).summary
    assert [name for _, name in summary.mastered] == [
        "Dead bug",
        "Single-leg balance and reach",
        "Single-leg bridge",
    ]
    # Three whole weeks and Monday to Saturday of this one: 3 + 3 + 3 + 2.
    assert summary.recent_planned == 11 and summary.recent_done == 0
    assert not summary.finding.enough


def test_the_ladder_shows_no_current_block_while_the_plan_is_on_hold() -> None:
    rungs = of(make_profile(red_flags=["saddle_numbness"]), history(), dt.date(2026, 11, 21)).ladder
    assert [r.status for r in rungs].count("current") == 0
    assert "on hold" in rungs[0].note
