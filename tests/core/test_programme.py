"""Section 2's programme rules as the initial plan shows them."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from backstride.core.assessment import build_programme
from backstride.core.history import History
from backstride.core.plan import Plan
from tests.factories import TODAY, history, make_profile, reach_the_jumps


def plan_for(**profile: Any) -> Plan:
    result = build_programme(make_profile(**profile), history(), TODAY)
    assert result.plan is not None, result.triage
    return result.plan


def strength_ids(plan: Plan) -> list[str]:
    return [e.id for e in plan.strength.exercises]


def everything(plan: Plan) -> set[str]:
    return (
        {e.id for e in plan.strength.exercises}
        | {e.id for e in plan.mobility.exercises}
        | {e.id for e in plan.extras}
    )


def test_first_four_ladder_exercises_at_three_sets_of_eight_to_twelve() -> None:
    plan = plan_for()
    assert strength_ids(plan) == [
        "superman",
        "dead_bug",
        "single_leg_balance_reach",
        "high_plank_leg_lift",
    ]
    for item in plan.strength.exercises:
        assert (item.sets, item.reps_min, item.reps_max, item.target_reps) == (3, 8, 12, 8)
    assert plan.strength.exercises[2].per_side is True


def test_no_plan_at_emergency_or_see_doctor() -> None:
    assert (
        build_programme(make_profile(red_flags=["serious_trauma"]), history(), TODAY).plan is None
    )
    assert (
        build_programme(make_profile(red_flags=["cancer_history"]), history(), TODAY).plan is None
    )


def test_a_cleared_runner_gets_a_plan() -> None:
    result = build_programme(
        make_profile(red_flags=["cancer_history"], cleared_by_clinician=True), history(), TODAY
    )
    assert result.triage.level == "self_manage" and result.plan is not None


def test_bending_backward_rules_out_the_extension_exercises_everywhere() -> None:
    plan = plan_for(pain={"worse_with": ["bending_backward"]}, minutes_per_session=60)
    assert not {"superman", "superman_pull", "cobra"} & everything(plan)
    assert strength_ids(plan)[0] == "dead_bug"
    assert {"exercise": "superman", "code": "painful_movement"}.items() <= next(
        lo.model_dump() for lo in plan.left_out if lo.exercise == "superman"
    ).items()


def test_bending_forward_and_twisting_rule_out_theirs() -> None:
    plan = plan_for(pain={"worse_with": ["bending_forward", "twisting"]}, minutes_per_session=60)
    ruled_out = {
        "v_up",
        "single_leg_v_up",
        "bicycle_crunch",
        "supine_twist",
        "frog_rotation",
        "flexion_rotation",
    }
    assert not ruled_out & everything(plan)


def test_sitting_and_standing_rule_nothing_out() -> None:
    assert strength_ids(plan_for(pain={"worse_with": ["sitting", "standing"]}))[0] == "superman"


def test_calibration_painful_gives_way_to_the_easier_variant() -> None:
    plan = plan_for(abilities={"single_leg_balance_reach": "poor_form"})
    assert strength_ids(plan)[2] == "single_leg_balance"
    assert "easier version" in plan.strength.exercises[2].why


def test_calibration_marks_on_both_skip_the_rank() -> None:
    plan = plan_for(
        abilities={"single_leg_balance_reach": "painful", "single_leg_balance": "poor_form"}
    )
    assert strength_ids(plan) == [
        "superman",
        "dead_bug",
        "high_plank_leg_lift",
        "single_leg_bridge",
    ]


def test_calibration_without_variant_skips() -> None:
    plan = plan_for(abilities={"superman": "painful", "dead_bug": "ok"})
    assert strength_ids(plan)[0] == "dead_bug"


def _to_the_top(**profile: Any) -> Plan:
    """Mark the first nine ranks (and their variants) too hard to reach ranks 10-12."""
    return plan_for(abilities=reach_the_jumps(), **profile)


def test_indoors_the_top_rank_is_the_single_leg_jump_squat() -> None:
    assert strength_ids(_to_the_top(pain={"intensity": 2}))[-1] == "single_leg_jump_squat"


def test_outdoors_the_forward_jump_squat_replaces_it() -> None:
    plan = _to_the_top(pain={"intensity": 2}, setting="outdoor")
    assert strength_ids(plan)[-1] == "forward_jump_squat"
    assert "single_leg_jump_squat" not in everything(plan)


@pytest.mark.parametrize(("intensity", "allowed"), [(3, True), (4, False)])
def test_jumping_only_while_pain_is_three_or_less(intensity: int, allowed: bool) -> None:
    plan = _to_the_top(pain={"intensity": intensity})
    assert ("single_leg_jump_squat" in strength_ids(plan)) is allowed


def test_upper_back_pain_adds_the_wall_pulldown_as_a_fifth() -> None:
    plan = plan_for(pain={"regions": ["upper_back"]}, equipment=["wall"])
    assert len(plan.strength.exercises) == 5
    assert strength_ids(plan)[-1] == "wall_lat_pulldown"


def test_the_wall_pulldown_needs_a_wall() -> None:
    plan = plan_for(pain={"regions": ["upper_back"]}, equipment=[])
    assert "wall_lat_pulldown" not in strength_ids(plan)


def test_lower_back_alone_gets_no_pulldown() -> None:
    assert "wall_lat_pulldown" not in strength_ids(plan_for(equipment=["wall"]))


def test_short_sessions_get_no_extras_and_only_the_flexibility_three() -> None:
    plan = plan_for(minutes_per_session=20, running={"runs_per_week": 0})
    assert plan.extras == []
    assert [e.id for e in plan.mobility.exercises] == [
        "cat_cow",
        "figure_four_stretch",
        "supine_twist",
    ]
    assert "post-run stretches" not in " ".join(plan.running.advice)
    left_out = {x.exercise: x.code for x in plan.left_out}
    assert left_out["calf_stretch"] == "no_runs"
    assert left_out["frog_rotation"] == "short_sessions"


def test_the_post_run_stretches_follow_runs_whatever_the_session_time() -> None:
    plan = plan_for(minutes_per_session=20, running={"runs_per_week": 3})
    ids = [e.id for e in plan.mobility.exercises]
    assert {"calf_stretch", "hamstring_stretch", "back_stretch"} <= set(ids)
    assert plan.extras == [] and "frog_rotation" not in ids
    assert "Do the post-run stretches after each run if they help your back." in (
        plan.running.advice
    )


def test_upper_back_brings_the_mobility_trio_even_in_short_sessions() -> None:
    plan = plan_for(minutes_per_session=15, pain={"regions": ["upper_back"]})
    assert {"frog_rotation", "cobra", "flexion_rotation"} <= {e.id for e in plan.mobility.exercises}


def test_longer_sessions_offer_extras_with_the_kit_the_runner_has() -> None:
    plan = plan_for(minutes_per_session=30, equipment=["loop_band"])
    extras = {e.id for e in plan.extras}
    assert {
        "band_hip_flexion",
        "band_bird_dog",
        "side_plank_hip_abduction",
        "single_leg_t_balance",
        "bicycle_crunch",
    } <= extras
    assert (
        not {"ball_pike", "overhead_pull", "band_reverse_lunge", "band_hip_drive_calf_raise"}
        & extras
    )


def test_extras_follow_their_source_dosage() -> None:
    plan = plan_for(minutes_per_session=45, equipment=["exercise_ball"])
    pike = next(e for e in plan.extras if e.id == "ball_pike")
    assert (pike.sets, pike.reps_min, pike.reps_max) == (3, 10, 20)
    crunch = next(e for e in plan.extras if e.id == "bicycle_crunch")
    assert (crunch.sets, crunch.reps_min, crunch.per_side) == (3, 10, True)


def test_longer_sessions_add_the_trio_and_the_post_run_stretches() -> None:
    ids = {e.id for e in plan_for(minutes_per_session=30).mobility.exercises}
    assert {"frog_rotation", "calf_stretch", "hamstring_stretch", "back_stretch"} <= ids


def test_strength_days_are_capped_at_three_and_48_hours_apart() -> None:
    # Without a strength session yet the first is today; the others share out the week.
    for asked, expected in [(1, [0]), (2, [0, 3]), (3, [0, 2, 4]), (4, [0, 2, 4])]:
        plan = plan_for(strength_days_per_week=asked)
        days = [(d.date - TODAY).days for d in plan.week if "strength" in d.activities]
        assert days == expected
        assert plan.strength.days_per_week == len(expected)
        assert all(b - a >= 2 for a, b in itertools.pairwise(days))


def test_week_has_seven_days_from_today_with_runs_and_rest() -> None:
    plan = plan_for(running={"runs_per_week": 3})
    dates = [TODAY + dt.timedelta(days=i) for i in range(7)]
    assert [d.date for d in plan.week] == dates
    assert [d.day for d in plan.week] == [d.isoweekday() for d in dates]
    assert [d.today for d in plan.week] == [True, False, False, False, False, False, False]
    assert plan.today == TODAY.isoweekday()
    assert sum(d.activities.count("run") for d in plan.week) == 3
    assert all("mobility" in d.activities for d in plan.week)
    assert any("rest" in d.activities for d in plan.week)


def test_paused_running_becomes_walk_or_cross_train_days() -> None:
    plan = plan_for(pain={"intensity": 7}, running={"runs_per_week": 4})
    assert sum(d.activities.count("run") for d in plan.week) == 0
    assert sum(d.activities.count("walk_or_cross_train") for d in plan.week) == 4


def test_upper_back_form_tips_use_their_codes() -> None:
    tips = [t.code for t in plan_for(pain={"regions": ["upper_back"]}).form_tips]
    assert tips == ["head_position", "arm_carriage", "shoulder_tension"]


def test_lower_back_form_tips_name_the_causes() -> None:
    assert [t.code for t in plan_for().form_tips] == [
        "core_and_hip_strength",
        "late_run_fatigue",
        "running_technique",
    ]


def test_pain_means_easy_runs_only() -> None:
    assert plan_for(pain={"intensity": 2}).running.mode == "easy_only"


def test_only_prescribed_exercises_carry_an_id_in_the_plan() -> None:
    data = build_programme(make_profile(), history(), TODAY).model_dump(mode="json")
    for item in data["plan"]["left_out"]:
        assert "id" not in item


def test_a_warning_sign_in_a_check_in_dated_ahead_still_pauses_the_plan() -> None:
    from tests.factories import checkin, day

    h = history(checkins=[checkin(day(1), 2, ("saddle_numbness",))])
    result = build_programme(make_profile(), h, TODAY)
    assert result.triage.level == "emergency" and result.plan is None


def test_the_running_paused_caution_follows_a_calmer_morning() -> None:
    from tests.factories import checkin, day

    calm = history(checkins=[checkin(day(-1), 2)])
    result = build_programme(make_profile(pain={"intensity": 7}), calm, TODAY)
    assert "high_pain_running_paused" not in [c.code for c in result.triage.cautions]
    sore = build_programme(make_profile(pain={"intensity": 7}), history(), TODAY)
    assert "high_pain_running_paused" in [c.code for c in sore.triage.cautions]


def test_missing_kit_is_named_with_the_right_article() -> None:
    result = build_programme(make_profile(equipment=["mat"]), History(), TODAY)
    assert result.plan is not None
    reasons = {x.exercise: x.reason for x in result.plan.left_out}
    assert reasons["ball_pike"] == "it needs an exercise ball"


LOADED = {"ball_pike", "bicycle_crunch"}


def _extras_and_left_out(
    h: History | None = None, **profile: Any
) -> tuple[set[str], dict[str, Any]]:
    result = build_programme(
        make_profile(minutes_per_session=45, equipment=["exercise_ball", "loop_band"], **profile),
        h or history(),
        TODAY,
    )
    assert result.plan is not None
    return {e.id for e in result.plan.extras}, {x.exercise: x for x in result.plan.left_out}


@pytest.mark.parametrize(("intensity", "allowed"), [(3, True), (4, False)])
def test_extras_that_load_bending_or_twisting_wait_for_pain_of_three_or_less(
    intensity: int, allowed: bool
) -> None:
    extras, left_out = _extras_and_left_out(pain={"intensity": intensity})
    assert LOADED & extras == (LOADED if allowed else set())
    # The extras that keep the spine still stay either way.
    assert {"band_bird_dog", "side_plank_hip_abduction", "single_leg_t_balance"} <= extras
    if not allowed:
        for exercise in LOADED:
            assert left_out[exercise].code == "loaded_flexion_while_sore"
            assert "3/10 or less" in left_out[exercise].reason


def test_the_loaded_extras_follow_the_latest_morning_not_the_profile() -> None:
    from tests.factories import checkin, day

    calmer = history(checkins=[checkin(day(-1), 2)])
    assert LOADED & _extras_and_left_out(calmer, pain={"intensity": 6})[0] == LOADED
    sorer = history(checkins=[checkin(day(-2), 1), checkin(day(-1), 4)])
    assert not LOADED & _extras_and_left_out(sorer, pain={"intensity": 1})[0]


def test_bending_forward_rules_out_the_two_rotation_drills_and_keeps_cat_cow() -> None:
    plan = plan_for(pain={"worse_with": ["bending_forward"]}, minutes_per_session=45)
    mobility = {e.id: e for e in plan.mobility.exercises}
    assert not {"frog_rotation", "flexion_rotation"} & set(mobility)
    assert "cobra" in mobility
    assert mobility["cat_cow"].note is not None and "arching half" in mobility["cat_cow"].note


def test_cat_cow_stays_for_bending_backward_with_its_one_direction_note() -> None:
    plan = plan_for(pain={"worse_with": ["bending_backward"]})
    cat_cow = next(e for e in plan.mobility.exercises if e.id == "cat_cow")
    assert cat_cow.note is not None and "rounding half" in cat_cow.note
    assert next(e for e in plan_for().mobility.exercises if e.id == "cat_cow").note is None


def test_the_overhead_pull_stays_an_extra_when_bending_backward_hurts() -> None:
    plan = plan_for(
        pain={"worse_with": ["bending_backward"]}, minutes_per_session=45, equipment=["dumbbell"]
    )
    pull = next(e for e in plan.extras if e.id == "overhead_pull")
    assert pull.note is not None and "low back stays on the floor" in pull.note


def test_the_balance_and_reach_goes_to_the_knee_in_the_plan_when_bending_forward_hurts() -> None:
    sore = {e.id: e for e in plan_for(pain={"worse_with": ["bending_forward"]}).strength.exercises}
    note = sore["single_leg_balance_reach"].note
    assert note is not None and "only as far as your knee" in note
    assert all(e.note is None for e in plan_for().strength.exercises)
    twisting = plan_for(pain={"worse_with": ["twisting"]}).strength.exercises
    assert all(e.note is None for e in twisting)
