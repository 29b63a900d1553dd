"""Links as a runner may follow them (DESIGN section 2, v2): a link to an exercise the
runner is ruled out of is dropped, or points to the nearest allowed one down the chain."""

from __future__ import annotations

from typing import Any

from backstride.core.assessment import assess, build_programme
from backstride.core.catalog import load_catalog
from backstride.core.eligibility import Context
from backstride.core.history import History
from backstride.core.links import Links, catalog_links, links_for
from backstride.core.plan import StrengthItem
from backstride.core.progression import replay
from tests.factories import TODAY, day, history, make_profile, session, sets

CATALOG = load_catalog()


def ctx_for(h: History | None = None, **profile: Any) -> Context:
    return replay(make_profile(**profile), (h or History()).until(TODAY), TODAY).ctx


def links(exercise_id: str, h: History | None = None, **profile: Any) -> Links:
    return links_for(CATALOG[exercise_id], ctx_for(h, **profile))


def test_with_nothing_ruled_out_the_links_are_the_catalogs() -> None:
    for exercise in CATALOG.exercises.values():
        assert links_for(exercise, ctx_for(equipment=["loop_band"])) == catalog_links(exercise)


def test_a_link_to_a_movement_that_hurts_is_dropped() -> None:
    assert links("superman", pain={"worse_with": ["bending_backward"]}).harder is None
    assert links("single_leg_v_up", pain={"worse_with": ["bending_forward"]}).harder is None


def test_a_link_that_needs_missing_kit_is_dropped() -> None:
    assert links("quadruped_limb_raise", equipment=[]).harder is None
    assert links("quadruped_limb_raise", equipment=["loop_band"]).harder == "band_bird_dog"


def test_an_easier_link_moves_down_the_chain_past_what_the_runner_is_ruled_out_of() -> None:
    marked = {"single_leg_balance_reach": "painful"}
    assert links("single_leg_deadlift", abilities=marked).easier == "single_leg_balance"
    hurt = history([session(day(-3), sets("single_leg_deadlift", 8, pain=7, count=1))])
    assert links("single_leg_t_balance", hurt).easier == "single_leg_balance_reach"


def test_with_the_whole_easier_chain_ruled_out_the_link_is_dropped() -> None:
    marked = {"single_leg_balance_reach": "painful", "single_leg_balance": "poor_form"}
    assert links("single_leg_deadlift", abilities=marked).easier is None


def test_a_harder_link_never_skips_past_an_exercise_that_hurt() -> None:
    hurt = history([session(day(-3), sets("single_leg_deadlift", 8, pain=6, count=1))])
    assert links("single_leg_balance_reach", hurt).harder is None
    assert links("single_leg_balance_reach").harder == "single_leg_deadlift"


def _plan_items(**profile: Any) -> dict[str, StrengthItem]:
    plan = build_programme(make_profile(**profile), history(), TODAY).plan
    assert plan is not None
    return {e.id: e for e in plan.strength.exercises}


def test_the_plan_shows_the_runners_links_not_the_catalogs() -> None:
    skipped = [
        "superman",
        "dead_bug",
        "high_plank_leg_lift",
        "single_leg_bridge",
        "modified_side_plank_lift",
        "quadruped_limb_raise",
        "superman_pull",
    ]
    abilities = {e: "poor_form" for e in skipped} | {"single_leg_balance_reach": "painful"}
    items = _plan_items(abilities=abilities)
    assert list(items) == [
        "single_leg_balance",
        "single_leg_deadlift",
        "high_plank_limb_raise",
        "v_up",
    ]
    assert (items["single_leg_balance"].easier, items["single_leg_balance"].harder) == (None, None)
    assert items["single_leg_deadlift"].easier == "single_leg_balance"
    assert items["single_leg_deadlift"].harder == "single_leg_t_balance"
    assert items["high_plank_limb_raise"].easier is None
    assert items["v_up"].easier == "single_leg_v_up"


def test_a_fresh_plan_shows_the_true_links_only() -> None:
    items = _plan_items()
    assert (items["superman"].easier, items["superman"].harder) == (None, "superman_pull")
    assert (items["dead_bug"].easier, items["dead_bug"].harder) == (None, None)
    reach = items["single_leg_balance_reach"]
    assert (reach.easier, reach.harder) == ("single_leg_balance", "single_leg_deadlift")
    assert items["high_plank_leg_lift"].harder == "high_plank_limb_raise"


def test_the_runners_page_view_says_what_the_plan_says() -> None:
    profile = make_profile(pain={"worse_with": ["bending_forward", "bending_backward"]})
    view = assess(profile, History(), TODAY).exercises["single_leg_balance_reach"]
    assert view.links == Links("single_leg_balance", "single_leg_deadlift")
    assert view.note is not None and "knee" in view.note
    assert view.ruled_out is None
    superman = assess(profile, History(), TODAY).exercises["superman"]
    assert superman.links.harder is None
    assert superman.ruled_out == "it involves bending backward, which hurts you"
