"""A stand-in says why it stands in (DESIGN section 2, v2), and nothing claims a calibration
the runner never did."""

from __future__ import annotations

import datetime as dt
from typing import Any

from backstride.core.assessment import build_programme
from backstride.core.history import History
from backstride.core.plan import Plan
from backstride.core.setbacks import on_day, the
from tests.factories import TODAY, day, history, make_profile, session, sets

FIRST_CHOICE = "among the first four you can do"


def plan_for(h: History | None = None, **profile: Any) -> Plan:
    plan = build_programme(make_profile(**profile), h or history(), TODAY).plan
    assert plan is not None
    return plan


def why(plan: Plan) -> dict[str, str]:
    return {e.id: e.why for e in plan.strength.exercises}


def test_a_runner_who_never_calibrated_is_not_told_they_can_do_them_well() -> None:
    whys = why(plan_for())
    assert whys["superman"] == "Rank 1 of the ladder: next in line for you."
    assert not any(FIRST_CHOICE in w for w in whys.values())


def test_an_exercise_marked_ok_in_calibration_says_so() -> None:
    whys = why(plan_for(abilities={"superman": "ok", "dead_bug": "ok"}))
    assert whys["superman"].endswith(f"{FIRST_CHOICE} well and pain-free.")
    assert whys["single_leg_balance_reach"] == "Rank 3 of the ladder: next in line for you."


def test_an_exercise_that_hurt_in_a_session_is_named_with_its_pain_and_day() -> None:
    hurt = history([session(day(-10), sets("dead_bug", 8, pain=6, count=1))])
    whys = why(plan_for(hurt))
    assert "dead_bug" not in whys
    assert whys["single_leg_bridge"] == (
        "Rank 5 of the ladder, in place of the dead bug, which hurt at 6/10 on 11 Nov."
    )


def test_the_change_note_names_what_the_newcomer_replaces_and_why() -> None:
    hurt = history([session(day(-10), sets("dead_bug", 8, pain=6, count=1))])
    arrival = next(c for c in plan_for(hurt).changes if c.kind == "swapped_in")
    assert arrival.exercise == "single_leg_bridge"
    assert arrival.reason == (
        "Single-leg bridge joins your block at 8 reps in place of the dead bug, "
        "which hurt at 6/10 on 11 Nov."
    )


def test_the_easier_version_says_what_happened_to_the_harder_one() -> None:
    hurt = history([session(day(-10), sets("single_leg_balance_reach", 8, pain=7, count=1))])
    assert why(plan_for(hurt))["single_leg_balance"] == (
        "Rank 3: the easier version of the single-leg balance and reach, "
        "which hurt at 7/10 on 11 Nov."
    )
    marked = why(plan_for(abilities={"single_leg_balance_reach": "poor_form"}))
    assert marked["single_leg_balance"] == (
        "Rank 3: the easier version of the single-leg balance and reach, "
        "which you marked as hard to do in good form in calibration."
    )


def test_a_stand_in_for_a_painful_movement_names_the_movement() -> None:
    whys = why(plan_for(pain={"worse_with": ["bending_backward"]}))
    assert whys["single_leg_bridge"] == (
        "Rank 5 of the ladder, in place of the superman, because it involves bending "
        "backward, which hurts you."
    )


def test_a_stand_in_for_an_exercise_marked_painful_in_calibration() -> None:
    whys = why(plan_for(abilities={"superman": "painful"}))
    assert whys["single_leg_bridge"] == (
        "Rank 5 of the ladder, in place of the superman, which you marked as painful in "
        "calibration."
    )


def test_a_stand_in_for_an_exercise_whose_form_slipped() -> None:
    poor = sets("superman", 8, form="poor")
    whys = why(plan_for(history([session(day(-5), poor), session(day(-3), poor)])))
    assert whys["single_leg_bridge"] == (
        "Rank 5 of the ladder, in place of the superman, whose form slipped at 8 reps two "
        "sessions running (last on 18 Nov)."
    )


def test_the_next_one_after_a_mastered_exercise_says_so() -> None:
    clean = [session(day(-9 + i), sets("dead_bug", 12)) for i in range(4)]
    whys = why(plan_for(history(clean)))
    assert whys["single_leg_bridge"] == (
        "Rank 5 of the ladder: next in line now that you have mastered the dead bug."
    )


def test_the_ranks_that_fill_the_first_four_stand_in_in_ladder_order() -> None:
    whys = why(plan_for(abilities={"superman": "painful", "dead_bug": "poor_form"}))
    assert "in place of the superman" in whys["single_leg_bridge"]
    assert "in place of the dead bug" in whys["modified_side_plank_lift"]


def test_dates_read_as_day_and_month_with_the_year_only_when_it_differs() -> None:
    assert on_day(dt.date(2026, 12, 1), TODAY) == "1 Dec"
    assert on_day(dt.date(2025, 12, 1), TODAY) == "1 Dec 2025"
    assert the("Dead bug") == "the dead bug"
