"""Section 4, running: the mode from pain, runs that hurt, and the two load warnings."""

from __future__ import annotations

import pytest

from backstride.core.assessment import build_programme
from backstride.core.history import Run
from backstride.core.running import running_advice, running_mode
from tests.factories import TODAY, checkin, day, history, make_profile, run


@pytest.mark.parametrize(
    ("pain", "mode"),
    [(0, "normal"), (1, "easy_only"), (5, "easy_only"), (6, "paused"), (10, "paused")],
)
def test_current_pain_sets_the_mode(pain: int, mode: str) -> None:
    assert running_mode(pain, [], [], TODAY)[0] == mode


def test_latest_checkin_is_the_current_pain_not_the_profile() -> None:
    h = history(checkins=[checkin(day(-3), 7), checkin(day(-1), 0)])
    plan = build_programme(make_profile(pain={"intensity": 4}), h, TODAY).plan
    assert plan is not None and plan.running.mode == "normal"


def test_profile_pain_counts_without_checkins() -> None:
    plan = build_programme(make_profile(pain={"intensity": 7}), history(), TODAY).plan
    assert plan is not None and plan.running.mode == "paused"


def test_a_run_above_five_keeps_runs_easy_until_three_clean_runs() -> None:
    runs = [run(day(-10), 5, during=6), run(day(-8), 5, after=2), run(day(-6), 5, during=3)]
    assert running_mode(0, runs, [], TODAY)[0] == "easy_only"
    runs.append(run(day(-4), 5, during=1, after=1))
    assert running_mode(0, runs, [], TODAY)[0] == "normal"


def test_a_run_at_four_breaks_the_clean_streak() -> None:
    runs = [
        run(day(-10), 5, during=6),
        run(day(-8), 5, after=2),
        run(day(-6), 5, during=4),
        run(day(-4), 5, during=1),
        run(day(-2), 5, during=1),
    ]
    assert running_mode(0, runs, [], TODAY)[0] == "easy_only"


def test_unrated_runs_count_as_load_only() -> None:
    runs = [run(day(-10), 5, during=6), run(day(-9), 5), run(day(-8), 5, during=1)]
    mode, reasons = running_mode(0, runs, [], TODAY)
    assert mode == "easy_only"
    assert "(1 so far)" in reasons[0]


def test_most_restrictive_running_rule_wins() -> None:
    runs = [run(day(-3), 5, during=8)]
    assert running_mode(7, runs, [day(-1)], TODAY)[0] == "paused"


def test_flare_up_easy_only_lasts_a_week() -> None:
    assert running_mode(0, [], [day(-6)], TODAY)[0] == "easy_only"
    assert running_mode(0, [], [day(-7)], TODAY)[0] == "normal"


def test_weekly_jump_warns_above_thirty_percent() -> None:
    runs = [run(day(-25), 15), run(day(-10), 10), run(day(-2), 13.1)]
    codes = [w.code for w in running_advice(0, runs, [], TODAY).warnings]
    assert codes == ["weekly_jump"]


def test_thirty_percent_exactly_is_no_jump() -> None:
    runs = [run(day(-10), 10), run(day(-12), 10), run(day(-2), 13), run(day(-3), 13)]
    assert running_advice(0, runs, [], TODAY).warnings == []


def test_weekly_windows_end_today_with_today_included() -> None:
    # Day -7 belongs to the week before; today to this week.
    runs = [run(day(-20), 20), run(day(-7), 10), run(TODAY, 14)]
    assert [w.code for w in running_advice(0, runs, [], TODAY).warnings] == ["weekly_jump"]
    assert (
        running_advice(0, [run(day(-20), 20), run(day(-6), 10), run(TODAY, 14)], [], TODAY).warnings
        == []
    )


def test_no_weekly_jump_without_a_previous_week() -> None:
    assert running_advice(0, [run(day(-1), 20)], [], TODAY).warnings == []


def test_long_run_spike_warns_above_ten_percent_of_the_longest_in_thirty_days() -> None:
    runs = [run(day(-20), 10), run(day(-12), 8), run(day(-8), 9), run(day(-1), 11.1)]
    assert [w.code for w in running_advice(0, runs, [], TODAY).warnings] == ["long_run_spike"]


def test_ten_percent_longer_exactly_is_no_spike() -> None:
    runs = [run(day(-20), 10), run(day(-1), 11)]
    assert running_advice(0, runs, [], TODAY).warnings == []


def test_runs_older_than_thirty_days_are_not_the_reference() -> None:
    runs = [run(day(-32), 20), run(day(-1), 12)]
    codes = [w.code for w in running_advice(0, runs, [], TODAY).warnings]
    assert "long_run_spike" not in codes


def test_warnings_reach_the_plan_with_code_and_message() -> None:
    h = history(runs=[run(day(-20), 10), run(day(-10), 10), run(day(-1), 14)])
    plan = build_programme(make_profile(), h, TODAY).plan
    assert plan is not None
    assert {w.code for w in plan.running.warnings} == {"weekly_jump", "long_run_spike"}
    assert all(w.message for w in plan.running.warnings)


def _codes(runs: list[Run]) -> list[str]:
    return [w.code for w in running_advice(0, runs, [], TODAY).warnings]


def test_the_week_before_starts_thirteen_days_ago() -> None:
    # 10 km fourteen days ago is outside both weeks: 2 km against 1 km is a jump.
    assert "weekly_jump" in _codes([run(day(-14), 10), run(day(-8), 1), run(day(-1), 2)])


def test_seven_days_ago_belongs_only_to_the_week_before() -> None:
    assert "weekly_jump" not in _codes([run(day(-7), 10), run(TODAY, 12)])


def test_a_run_thirty_days_before_the_latest_is_still_in_its_window() -> None:
    assert _codes([run(day(-31), 12), run(day(-20), 5), run(day(-1), 12.5)]) == []


def test_the_longest_run_of_the_latest_day_is_the_one_compared() -> None:
    assert "long_run_spike" in _codes([run(day(-10), 10), run(day(-1), 5), run(day(-1), 12)])


def test_a_long_run_spike_is_news_for_a_week() -> None:
    # The warnings' windows end today (DESIGN section 5).
    assert _codes([run(day(-20), 10), run(day(-6), 15)]) == ["long_run_spike"]
    assert _codes([run(day(-20), 10), run(day(-7), 15)]) == []


def test_runs_dated_after_today_do_not_restrict_today() -> None:
    h = history(runs=[run(day(1), 5, during=8)])
    plan = build_programme(make_profile(pain={"intensity": 0}), h, TODAY).plan
    assert plan is not None and plan.running.mode == "normal"


def test_a_check_in_of_six_or_more_pauses_running_with_its_caution() -> None:
    h = history(checkins=[checkin(day(-1), 7)])
    result = build_programme(make_profile(pain={"intensity": 2}), h, TODAY)
    assert result.plan is not None and result.plan.running.mode == "paused"
    assert "high_pain_running_paused" in [c.code for c in result.triage.cautions]


ADD_DISTANCE = "While pain stays at 3/10 or below you may add distance, a little each week."


def test_distance_may_grow_while_pain_stays_at_three_or_below() -> None:
    calm = build_programme(make_profile(), history(checkins=[checkin(day(-1), 2)]), TODAY).plan
    assert calm is not None and calm.running.mode == "easy_only"
    assert ADD_DISTANCE in calm.running.advice
    sore = build_programme(make_profile(), history(checkins=[checkin(day(-1), 4)]), TODAY).plan
    assert sore is not None and ADD_DISTANCE not in sore.running.advice


def test_distance_does_not_grow_while_a_painful_run_holds_running_back() -> None:
    h = history(checkins=[checkin(day(-1), 1)], runs=[run(day(-2), 5, during=7)])
    plan = build_programme(make_profile(), h, TODAY).plan
    assert plan is not None and ADD_DISTANCE not in plan.running.advice


def test_paused_running_gives_no_post_run_stretch_advice() -> None:
    advice = running_advice(7, [], [], TODAY, stretches=True).advice
    assert not any("post-run stretches" in line for line in advice)
    assert any(
        "post-run stretches" in line for line in running_advice(0, [], [], TODAY, True).advice
    )


def test_a_load_warning_says_the_same_figures_in_miles() -> None:
    runs = [run(day(-10), 10), run(day(-1), 16.09344)]
    found = {w.code: w for w in running_advice(0, runs, [], TODAY).warnings}
    jump, spike = found["weekly_jump"], found["long_run_spike"]
    assert jump.message.startswith("16.1 km in the last 7 days is 61% more than the 10.0 km")
    assert jump.in_unit("mi").startswith("10.0 mi in the last 7 days is 61% more than the 6.2 mi")
    assert f"Your run of 10.0 mi on {day(-1)}" in spike.in_unit("mi")
    assert "(6.2 mi); lengthen" in spike.in_unit("mi")
    # The stored words and figures stay in km; km on a page is the message itself.
    assert (jump.recent_km, jump.earlier_km) == (16.09344, 10)
    assert [w.in_unit("km") for w in (jump, spike)] == [jump.message, spike.message]
