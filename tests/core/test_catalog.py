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


def test_ladder_links_follow_the_ranks() -> None:
    for rank, exercise_id in enumerate(LADDER):
        exercise = CATALOG[exercise_id]
        assert exercise.harder == (LADDER[rank + 1] if rank + 1 < len(LADDER) else None)
        expected_easier = CATALOG.variant(exercise_id, "easier") or (
            LADDER[rank - 1] if rank else None
        )
        assert exercise.easier == expected_easier


@pytest.mark.parametrize(
    ("movement", "ids"),
    [
        ("bending_backward", {"superman", "superman_pull", "cobra"}),
        ("bending_forward", {"v_up", "single_leg_v_up", "bicycle_crunch"}),
        ("twisting", {"supine_twist", "frog_rotation", "flexion_rotation", "bicycle_crunch"}),
    ],
)
def test_painful_movements_rule_out_at_least_the_design_list(movement: str, ids: set[str]) -> None:
    assert ids <= {e.id for e in CATALOG.exercises.values() if movement in e.avoid_when}


def test_equipment_rules() -> None:
    for exercise_id in [*LADDER, "single_leg_balance", "single_leg_v_up", "forward_jump_squat"]:
        assert CATALOG[exercise_id].equipment == ()
    assert "wall" in CATALOG["wall_lat_pulldown"].equipment


def test_only_the_jump_squats_are_impact() -> None:
    impact = {e.id for e in CATALOG.exercises.values() if e.impact}
    assert impact == {"single_leg_jump_squat", "forward_jump_squat"}


def test_ladder_dosage_is_three_sets_of_eight_to_twelve() -> None:
    for exercise_id in [*LADDER, *VARIANTS]:
        d = CATALOG[exercise_id].dosage
        assert (d.sets, d.reps_min, d.reps_max) == (3, 8, 12), exercise_id


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
