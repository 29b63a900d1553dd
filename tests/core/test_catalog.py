"""The catalog is complete and consistent: 34 fixed ids, links that resolve, texts that teach."""

from __future__ import annotations

import tomllib
from importlib.resources import files

import pytest

from backstride.core.catalog import load_catalog
from backstride.core.exercise import Exercise

LADDER = [
    "superman",
    "dead_bug",
    "single_leg_balance_reach",
    "high_plank_leg_lift",
    "single_leg_bridge",
    "modified_side_plank_lift",
    "quadruped_limb_raise",
    "superman_pull",
    "single_leg_deadlift",
    "high_plank_limb_raise",
    "v_up",
    "single_leg_jump_squat",
]
VARIANTS = {
    "single_leg_balance": ("single_leg_balance_reach", "easier"),
    "single_leg_v_up": ("v_up", "easier"),
    "forward_jump_squat": ("single_leg_jump_squat", "outdoor"),
    "wall_lat_pulldown": ("superman_pull", "upper_back_companion"),
}
GROUPS = {
    "flexibility": {"cat_cow", "figure_four_stretch", "supine_twist"},
    "mobility_trio": {"frog_rotation", "cobra", "flexion_rotation"},
    "stability": {
        "band_hip_flexion",
        "side_plank_hip_abduction",
        "band_bird_dog",
        "band_reverse_lunge",
        "band_hip_drive_calf_raise",
        "overhead_pull",
    },
    "core_trio": {"ball_pike", "single_leg_t_balance", "bicycle_crunch"},
    "stretch": {"calf_stretch", "hamstring_stretch", "back_stretch"},
}
ALL_IDS = set(LADDER) | set(VARIANTS) | set().union(*GROUPS.values())
JSON_FIELDS = {
    "id",
    "name",
    "aliases",
    "source",
    "kind",
    "ladder_rank",
    "easier",
    "harder",
    "per_side",
    "equipment",
    "optional_equipment",
    "impact",
    "avoid_when",
    "regions",
    "dosage",
    "steps",
    "cues",
    "mistakes",
}
CATALOG = load_catalog()


def test_all_34_fixed_ids_are_present_and_nothing_else() -> None:
    assert len(ALL_IDS) == 34
    assert set(CATALOG.exercises) == ALL_IDS


def test_the_ladder_runs_in_rank_order() -> None:
    assert list(CATALOG.ladder) == LADDER
    assert [CATALOG[e].ladder_rank for e in LADDER] == list(range(1, 13))


@pytest.mark.parametrize(("variant", "parent_role"), VARIANTS.items())
def test_variants_stand_in_for_their_parent(variant: str, parent_role: tuple[str, str]) -> None:
    parent, role = parent_role
    assert CATALOG.variant(parent, role) == variant
    assert CATALOG[variant].ladder_rank is None


@pytest.mark.parametrize(("group", "ids"), GROUPS.items())
def test_each_family_is_in_its_group(group: str, ids: set[str]) -> None:
    assert {e.id for e in CATALOG.in_group(group)} == ids


def test_every_link_points_to_an_exercise() -> None:
    for e in CATALOG.exercises.values():
        for link in (e.easier, e.harder, e.variant_of):
            assert link is None or link in CATALOG, (e.id, link)


# Each pair is (easier, harder): a true regression and progression of one movement.
LINKS = {
    ("single_leg_balance", "single_leg_balance_reach"),
    ("high_plank_leg_lift", "high_plank_limb_raise"),
    ("single_leg_v_up", "v_up"),
    # A physiotherapist's reading of the rest of the catalog (section 2, v2):
    ("superman", "superman_pull"),  # prone extension, held through the pulls
    ("single_leg_balance_reach", "single_leg_deadlift"),  # the single-leg hinge, deeper
    ("single_leg_deadlift", "single_leg_t_balance"),  # the same hinge, arms overhead
    ("modified_side_plank_lift", "side_plank_hip_abduction"),  # side plank, knees to feet
    ("quadruped_limb_raise", "band_bird_dog"),  # the bird dog against a band
}


def test_links_are_exactly_the_true_regressions_and_progressions() -> None:
    easier = {(e.easier, e.id) for e in CATALOG.exercises.values() if e.easier}
    harder = {(e.id, e.harder) for e in CATALOG.exercises.values() if e.harder}
    assert easier == LINKS
    assert harder == LINKS


def test_links_go_both_ways() -> None:
    for e in CATALOG.exercises.values():
        if e.easier:
            assert CATALOG[e.easier].harder == e.id, e.id
        if e.harder:
            assert CATALOG[e.harder].easier == e.id, e.id


def test_links_are_not_the_ladder_order() -> None:
    # Neighbouring ranks are different movements: the rank is the order, not the link.
    assert CATALOG["dead_bug"].easier is None and CATALOG["dead_bug"].harder is None
    assert CATALOG["high_plank_limb_raise"].easier == "high_plank_leg_lift"
    assert CATALOG["single_leg_jump_squat"].easier is None
    assert CATALOG["forward_jump_squat"].harder is None


def test_a_one_way_link_is_refused_when_the_catalog_loads() -> None:
    from backstride.core.catalog import CatalogError, _check_links

    exercises = dict(CATALOG.exercises)
    exercises["dead_bug"] = CATALOG["dead_bug"].model_copy(update={"harder": "v_up"})
    with pytest.raises(CatalogError, match="harder than dead_bug"):
        _check_links(exercises)


@pytest.mark.parametrize(
    ("movement", "ids"),
    [
        ("bending_backward", {"superman", "superman_pull", "cobra"}),
        (
            "bending_forward",
            {"v_up", "single_leg_v_up", "bicycle_crunch", "frog_rotation", "flexion_rotation"},
        ),
        ("twisting", {"supine_twist", "frog_rotation", "flexion_rotation", "bicycle_crunch"}),
    ],
)
def test_painful_movements_rule_out_at_least_the_design_list(movement: str, ids: set[str]) -> None:
    assert ids <= {e.id for e in CATALOG.exercises.values() if movement in e.avoid_when}


# Every exclusion, pinned: the design's list, its v2 additions, and the two knee-to-chest
# and pike moves a physiotherapist would also keep from a runner whom bending forward hurts.
AVOID_WHEN = {
    "superman": {"bending_backward"},
    "superman_pull": {"bending_backward"},
    "cobra": {"bending_backward"},
    "v_up": {"bending_forward"},
    "single_leg_v_up": {"bending_forward"},
    "back_stretch": {"bending_forward"},
    "ball_pike": {"bending_forward"},
    "bicycle_crunch": {"bending_forward", "twisting"},
    "frog_rotation": {"bending_forward", "twisting"},
    "flexion_rotation": {"bending_forward", "twisting"},
    "supine_twist": {"twisting"},
}


def test_the_exclusions_are_exactly_these() -> None:
    found = {e.id: set(e.avoid_when) for e in CATALOG.exercises.values() if e.avoid_when}
    assert found == AVOID_WHEN


def test_the_overhead_pull_stays_when_bending_backward_hurts() -> None:
    # It trains the trunk against extension, which is why source 002 gives it.
    assert "bending_backward" not in CATALOG["overhead_pull"].avoid_when
    assert "bending_backward" in CATALOG["overhead_pull"].movement_notes


def test_cat_cow_stays_for_both_directions_and_says_to_keep_to_the_comfortable_one() -> None:
    cat_cow = CATALOG["cat_cow"]
    assert cat_cow.avoid_when == ()
    assert any("only in the direction that feels comfortable" in s for s in cat_cow.steps)
    assert set(cat_cow.movement_notes) == {"bending_backward", "bending_forward"}


def test_the_balance_and_reach_goes_only_to_the_knee_when_bending_forward_hurts() -> None:
    reach = CATALOG["single_leg_balance_reach"]
    assert reach.avoid_when == ()
    assert any("bending forward hurts" in c.lower() and "knee" in c for c in reach.cues)
    assert "knee" in reach.movement_notes["bending_forward"]


def test_a_note_for_a_movement_that_rules_the_exercise_out_is_refused() -> None:
    data = tomllib.loads(files("backstride.core.catalog").joinpath("v_up.toml").read_text())
    data["movement_notes"] = {"bending_forward": "Bend only a little when it hurts."}
    with pytest.raises(ValueError, match="movement note"):
        Exercise.model_validate(data)


def test_equipment_rules() -> None:
    for exercise_id in [*LADDER, "single_leg_balance", "single_leg_v_up", "forward_jump_squat"]:
        assert CATALOG[exercise_id].equipment == ()
    assert "wall" in CATALOG["wall_lat_pulldown"].equipment


def test_only_the_jump_squats_are_impact() -> None:
    impact = {e.id for e in CATALOG.exercises.values() if e.impact}
    assert impact == {"single_leg_jump_squat", "forward_jump_squat"}


JUMPS = {"single_leg_jump_squat", "forward_jump_squat"}


def test_ladder_dosage_is_three_sets_of_eight_to_twelve() -> None:
    for exercise_id in {*LADDER, *VARIANTS} - JUMPS:
        d = CATALOG[exercise_id].dosage
        assert (d.sets, d.reps_min, d.reps_max) == (3, 8, 12), exercise_id


def test_the_jumps_are_three_sets_of_five_to_eight() -> None:
    for exercise_id in JUMPS:
        d = CATALOG[exercise_id].dosage
        assert (d.sets, d.reps_min, d.reps_max) == (3, 5, 8), exercise_id
    assert CATALOG["single_leg_jump_squat"].per_side is True


def test_the_wall_pulldown_keeps_the_chin_tucked_and_the_head_free_of_the_wall() -> None:
    text = " ".join(CATALOG["wall_lat_pulldown"].steps).lower()
    assert "tuck your chin" in text and "head stay just off the wall" in text
    assert "back of your head" not in text
    assert any("head into the wall" in m for m in CATALOG["wall_lat_pulldown"].mistakes)


def test_the_single_leg_balance_may_use_a_wall_for_support() -> None:
    balance = CATALOG["single_leg_balance"]
    assert balance.optional_equipment == ("wall",) and balance.equipment == ()


def test_the_superman_pull_allows_a_rest_between_reps() -> None:
    steps = " ".join(CATALOG["superman_pull"].steps)
    assert "resting face down between them" in steps
    assert "stay off the floor" not in steps


def test_the_forward_jump_squat_is_no_broad_jump() -> None:
    assert "broad jump" not in CATALOG["forward_jump_squat"].aliases
    assert "forward_jump_squat" not in [e.id for e in CATALOG.search("broad jump")]


def test_mistakes_that_point_to_an_easier_exercise_name_its_link() -> None:
    limb = CATALOG["high_plank_limb_raise"]
    easier = CATALOG[limb.easier or ""].name.lower()
    assert any(easier in m.lower() for m in limb.mistakes)
    assert "single-leg v-up" in " ".join(CATALOG["v_up"].mistakes).lower()


@pytest.mark.parametrize("exercise_id", sorted(ALL_IDS))
def test_texts_are_enough_to_do_it_alone(exercise_id: str) -> None:
    e = CATALOG[exercise_id]
    assert len(e.steps) >= 3 and len(e.cues) >= 2 and len(e.mistakes) >= 1
    assert all(len(s) >= 25 for s in e.steps)
    assert len(set(e.steps)) == len(e.steps)


def test_json_uses_the_contract_field_names() -> None:
    assert set(CATALOG["dead_bug"].to_json()) >= JSON_FIELDS


def test_a_thin_text_is_refused_by_the_schema() -> None:
    data = tomllib.loads(files("backstride.core.catalog").joinpath("dead_bug.toml").read_text())
    data["cues"] = ["Too short"]
    with pytest.raises(ValueError, match="cues"):
        Exercise.model_validate(data)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("beetle", "dead_bug"),
        ("dead bug", "dead_bug"),
        ("in oops", "v_up"),
        ("wall", "wall_lat_pulldown"),
        ("exercise_ball", "ball_pike"),
        ("exercise ball", "ball_pike"),
        ("bird dog", "quadruped_limb_raise"),
        ("upper_back", "wall_lat_pulldown"),
    ],
)
def test_search_finds_by_name_alias_region_and_equipment(text: str, expected: str) -> None:
    assert expected in [e.id for e in CATALOG.search(text)]


def test_search_for_nonsense_finds_nothing() -> None:
    assert CATALOG.search("trampoline") == []


def test_the_catalog_is_loaded_once() -> None:
    assert load_catalog() is load_catalog()
