"""'Find your four': walk the ladder from the top until four exercises go well."""

from __future__ import annotations

from backstride.core.assessment import assess
from backstride.core.history import History
from tests.factories import TODAY, make_profile


def test_calibration_starts_at_the_top_of_the_ladder() -> None:
    assert assess(make_profile(), History(), TODAY).next_to_try == "superman"


def test_an_ok_answer_moves_to_the_next_rank() -> None:
    assert (
        assess(make_profile(abilities={"superman": "ok"}), History(), TODAY).next_to_try
        == "dead_bug"
    )


def test_a_painful_answer_offers_the_easier_variant_first() -> None:
    profile = make_profile(
        abilities={"superman": "ok", "dead_bug": "ok", "single_leg_balance_reach": "painful"}
    )
    assert assess(profile, History(), TODAY).next_to_try == "single_leg_balance"


def test_exercises_ruled_out_by_painful_movements_are_not_offered() -> None:
    profile = make_profile(pain={"worse_with": ["bending_backward"]})
    assert assess(profile, History(), TODAY).next_to_try == "dead_bug"


def test_calibration_stops_when_four_are_found() -> None:
    answers = {
        "superman": "ok",
        "dead_bug": "poor_form",
        "single_leg_balance_reach": "ok",
        "high_plank_leg_lift": "ok",
        "single_leg_bridge": "ok",
    }
    profile = make_profile(abilities=answers)
    assert assess(profile, History(), TODAY).next_to_try is None
    assert assess(profile, History(), TODAY).found == [
        "superman",
        "single_leg_balance_reach",
        "high_plank_leg_lift",
        "single_leg_bridge",
    ]


def test_calibration_ends_when_the_ladder_runs_out() -> None:
    from backstride.core.catalog import load_catalog

    everything = {e: "painful" for e in load_catalog().exercises}
    assert assess(make_profile(abilities=everything), History(), TODAY).next_to_try is None


def test_an_exercise_that_hurt_in_a_session_is_not_offered_again() -> None:
    from tests.factories import TODAY, day, history, session, sets

    h = history([session(day(-1), sets("superman", 8, pain=7, count=1))])
    assert assess(make_profile(), h, TODAY).next_to_try == "dead_bug"
