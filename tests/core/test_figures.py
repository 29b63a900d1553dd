"""The exercise figures: every exercise has one, each is anatomically possible and rests
where its exercise says, and each draws as its own animated SVG with a text alternative."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backstride.core.catalog import load_catalog
from backstride.core.figures import Drawing, Figure, problems, render
from backstride.core.figures.body import joint_range
from backstride.core.figures.check import SINK
from backstride.core.figures.drawings import svg_of
from backstride.core.figures.pose import pose_at
from backstride.core.figures.skeleton import lowest_edge, radius

CATALOG = load_catalog()
IDS = sorted(CATALOG.exercises)
SVG = "{http://www.w3.org/2000/svg}"


def figure(exercise_id: str) -> Figure:
    found = CATALOG[exercise_id].figure
    assert found is not None, f"{exercise_id} has no figure"
    return found


def test_every_exercise_has_keyframes() -> None:
    missing = [i for i in IDS if CATALOG[i].figure is None]
    assert missing == []
    assert all(len(figure(i).keys) >= 2 for i in IDS)


@pytest.mark.parametrize("exercise_id", IDS)
def test_each_figure_passes_its_own_checks(exercise_id: str) -> None:
    assert problems(figure(exercise_id), CATALOG[exercise_id].equipment) == []


@settings(max_examples=300, deadline=None)
@given(exercise_id=st.sampled_from(IDS), share=st.floats(min_value=0.0, max_value=1.0))
def test_at_any_moment_of_the_loop_nothing_sinks_through_the_floor(
    exercise_id: str, share: float
) -> None:
    drawn = figure(exercise_id)
    body = pose_at(drawn, share).body
    if drawn.view == "top":
        return  # seen from above, the floor is the page
    for placed in body.segments.values():
        low = lowest_edge(body, placed)
        assert low >= -SINK, f"{exercise_id} at {share:.3f}: {placed.segment.name} sinks"


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_keyframe_angle_is_within_the_joints_range(exercise_id: str) -> None:
    drawn = figure(exercise_id)
    for key in drawn.keys:
        for joint in ("lumbar", "thoracic", "neck"):
            low, high = joint_range(drawn.view, joint)
            assert low <= getattr(key, joint) <= high, (exercise_id, key.name, joint)
        for joint in ("hip", "shoulder"):
            for side in "ab":
                low, high = joint_range(drawn.view, joint)
                assert low <= key.angle(joint, side) <= high, (exercise_id, key.name, joint)


@pytest.mark.parametrize("exercise_id", IDS)
def test_each_keyframe_rests_on_what_it_says(exercise_id: str) -> None:
    drawn = figure(exercise_id)
    for key in drawn.keys:
        if key.lift or drawn.view == "top":
            continue
        placed = pose_at_key(drawn, key.name)
        first = key.rest[0].partition("@")[0]
        height = placed.point(first)[1] - radius(first, drawn.view)
        assert height == pytest.approx(0.0 if "@" not in key.rest[0] else height, abs=0.02)


def pose_at_key(drawn: Figure, name: str):  # type: ignore[no-untyped-def]
    from backstride.core.figures.pose import settle

    return settle(drawn.view, next(k for k in drawn.keys if k.name == name))


def example(**change: object) -> Figure:
    """A standing figure that lifts one knee: valid as it is."""
    keys = [
        {"name": "stand", "rest": ["heel_a", "toe_a"]},
        {"name": "knee_up", "rest": ["heel_b", "toe_b"], "hip": [90, 0], "knee": [90, 0]},
    ]
    data: dict[str, object] = {
        "says": "A standing figure lifts one knee and lowers it.",
        "keys": keys,
    }
    data.update(change)
    return Figure.model_validate(data)


def test_the_example_is_sound() -> None:
    assert problems(example()) == []


def test_a_knee_bent_the_wrong_way_is_refused() -> None:
    bad = example(
        keys=[
            {"name": "stand", "rest": ["heel_a"]},
            {"name": "bad", "rest": ["heel_b"], "knee": [-30, 0]},
        ]
    )
    assert any("knee_a -30 is outside" in p for p in problems(bad))


def test_an_arched_back_beyond_its_range_is_refused() -> None:
    bad = example(
        keys=[
            {"name": "stand", "rest": ["heel_a"]},
            {"name": "arch", "rest": ["heel_a"], "lumbar": -40},
        ]
    )
    assert any("lumbar -40 is outside" in p for p in problems(bad))


def test_a_body_sinking_through_the_floor_is_refused() -> None:
    # Resting on the heel while the body leans far back puts the head under the floor.
    bad = example(
        keys=[
            {"name": "stand", "rest": ["heel_a"]},
            {"name": "fall", "rest": ["heel_a"], "turn": 120},
        ]
    )
    assert any("into the floor" in p for p in problems(bad))


def test_a_rest_that_does_not_touch_is_refused() -> None:
    bad = example(
        keys=[
            {"name": "stand", "rest": ["heel_a", "toe_a", "hand_a"]},
            {"name": "b", "rest": ["heel_a"]},
        ]
    )
    assert any("hand_a is" in p and "off the floor" in p for p in problems(bad))


def test_required_kit_must_be_drawn() -> None:
    assert any("needs exercise_ball" in p for p in problems(example(), ("exercise_ball",)))


def test_a_figure_that_does_not_fit_its_rests_is_refused_not_drawn() -> None:
    # The toe cannot reach the floor from the heel when the foot points at the ceiling.
    bad = example(
        keys=[{"name": "stand", "rest": ["heel_a"]}, {"name": "b", "rest": ["pelvis", "crown"]}]
    )
    assert problems(bad)


# --- the drawing -----------------------------------------------------------------------


@pytest.mark.parametrize("exercise_id", IDS)
def test_each_svg_parses_animates_and_says_what_it_shows(exercise_id: str) -> None:
    svg = svg_of(exercise_id)
    assert svg is not None
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    label = root.get("aria-label") or ""
    assert CATALOG[exercise_id].name in label and len(label) > 40
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == label
    style = root.find(f"{SVG}style")
    assert style is not None and style.text is not None
    assert "@keyframes" in style.text and "infinite" in style.text
    # Under reduced motion and in print: the moving figure hidden, the two stills shown.
    assert "@media (prefers-reduced-motion: reduce)" in style.text
    assert "@media print" in style.text
    assert root.find(f"{SVG}g[@class='m']") is not None
    assert root.find(f"{SVG}g[@class='st']") is not None
    if CATALOG[exercise_id].per_side:
        assert "Then the other side" in svg and "then do the other side" in label
    assert "<script" not in svg and "href" not in svg


def test_the_loop_moves_at_the_strength_tempo() -> None:
    # About 3 s each way: the superman's cycle is two moves of 3 s and its pauses.
    svg = svg_of("superman") or ""
    seconds = {float(s) for s in re.findall(r"animation:[\w-]+ ([\d.]+)s ", svg)}
    assert len(seconds) == 1 and 6 <= seconds.pop() <= 12


def test_every_figure_differs_from_every_other() -> None:
    shapes = {}
    for exercise_id in IDS:
        svg = svg_of(exercise_id) or ""
        scope = "fig-" + exercise_id.replace("_", "-")
        shapes[exercise_id] = svg.replace(scope, "fig").split("<title>")[1].split("</title>")[1]
    assert len(set(shapes.values())) == len(IDS)


def test_the_printed_figure_has_no_animation_and_plain_colours() -> None:
    still = svg_of("superman", motion=False) or ""
    ET.fromstring(still)
    assert "@keyframes" not in still and "var(--" not in still.split("</style>")[1]
    assert 'class="st"' in still and 'class="m"' not in still


def test_a_drawing_of_a_figure_outside_the_catalog_renders() -> None:
    svg = render(Drawing("test_only", "Test lift", False, example()))
    assert "fig-test-only" in svg and ET.fromstring(svg) is not None
