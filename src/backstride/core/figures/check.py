"""A figure's problems, found when the catalog loads: joints outside their anatomical
range, rests that do not touch, and a body that sinks through the floor or a wall."""

from __future__ import annotations

from collections.abc import Iterator

from backstride.core.figures.body import (
    FORESHORTENED,
    HEAD_RADIUS,
    LIMB_JOINTS,
    PARENT_SEGMENT,
    PROJECTED_BEND,
    SPINE_JOINTS,
    joint_range,
)
from backstride.core.figures.model import Figure, Key
from backstride.core.figures.pose import (
    BALL_RADIUS,
    Moment,
    PoseError,
    contact,
    moments,
    surface_height,
)
from backstride.core.figures.skeleton import Body, lowest_edge, radius

# How far a rest may sit off its surface, or a part sink into one (fractions of height).
TOUCH = 0.02
SINK = 0.025


def problems(figure: Figure, equipment: tuple[str, ...] = ()) -> list[str]:
    """Everything wrong with the figure, one line each (empty when it is sound)."""
    found = [p for key in figure.keys for p in _ranges(figure, key)]
    found += _props(figure, equipment)
    if found:
        return found
    try:
        for moment in moments(figure):
            found += _moment(figure, moment)
    except PoseError as error:
        return [str(error)]
    return list(dict.fromkeys(found))


def _ranges(figure: Figure, key: Key) -> Iterator[str]:
    for joint in SPINE_JOINTS:
        low, high = joint_range(figure.view, joint)
        value = getattr(key, joint)
        if not low <= value <= high:
            yield f"{key.name}: {joint} {value:g} is outside {low:g}..{high:g}"
    for joint in LIMB_JOINTS:
        for side in "ab":
            low, high = _limb_range(figure, key, joint, side)
            value = key.angle(joint, side)
            if not low <= value <= high:
                yield f"{key.name}: {joint}_{side} {value:g} is outside {low:g}..{high:g}"


def _limb_range(figure: Figure, key: Key, joint: str, side: str) -> tuple[float, float]:
    parent = PARENT_SEGMENT.get(joint)
    if parent is not None and key.length(f"{parent}_{side}") < FORESHORTENED:
        return PROJECTED_BEND
    return joint_range(figure.view, joint)


def _props(figure: Figure, equipment: tuple[str, ...]) -> list[str]:
    props = set(figure.props)
    supports = {contact(c)[1] for k in figure.keys for c in (*k.rest, *k.touch)}
    found = [f"the exercise needs {item}; the figure does not draw it" for item in equipment]
    found = [line for item, line in zip(equipment, found, strict=True) if item not in props]
    pairs = (("ball", "exercise_ball"), ("bench", "bench"), ("wall", "wall"))
    for support, prop in pairs:
        if (support in supports) != (prop in props):
            found.append(f"{prop} is drawn without anything resting on it, or the reverse")
    if figure.view == "side" and ("wall" in props) != (figure.wall_at is not None):
        found.append("a wall needs wall_at, and wall_at a wall")
    if figure.view != "side" and figure.wall_at is not None:
        found.append("seen from the front or above, the wall is the page: no wall_at")
    if ("bench" in props) != (figure.bench is not None):
        found.append("a bench needs its span, and a span a bench")
    banded = bool({"loop_band", "long_band"} & props)
    if banded != (figure.band is not None):
        found.append("a band needs its ends, and ends a band prop")
    if figure.view == "top" and any(len(k.rest) > 1 for k in figure.keys):
        found.append("a figure seen from above rests on one point only (the floor is the page)")
    if figure.end is not None and figure.end not in {k.name for k in figure.keys}:
        found.append(f"end names no keyframe: {figure.end}")
    return found


def _moment(figure: Figure, moment: Moment) -> list[str]:
    body = moment.placement.body
    found: list[str] = []
    if figure.view != "top":
        found += _sinking(moment.key.name, body)
    if figure.wall_at is not None:
        found += _through_wall(figure, moment.key.name, body)
    if moment.keyframe:
        found += _touching(figure, moment)
    return found


def _sinking(name: str, body: Body) -> Iterator[str]:
    for placed in body.segments.values():
        low = lowest_edge(body, placed)
        if low < -SINK:
            yield f"{name}: the {placed.segment.name} sinks {-low:.3f} into the floor"
    if body.points["head"][1] - HEAD_RADIUS < -SINK:
        yield f"{name}: the head sinks into the floor"


def _through_wall(figure: Figure, name: str, body: Body) -> Iterator[str]:
    wall = figure.wall_at or 0.0
    facing = 1.0 if wall > body.points["pelvis"][0] else -1.0
    for placed in body.segments.values():
        for end in (placed.start, placed.end):
            if facing * (end[0] - wall) + placed.thickness / 2 > SINK:
                yield f"{name}: the {placed.segment.name} goes through the wall"
                break


def _touching(figure: Figure, moment: Moment) -> Iterator[str]:
    key, body = moment.key, moment.placement.body
    if key.lift > 0:
        return
    for spec in (*key.rest, *key.touch):
        point, support = contact(spec)
        gap = _gap(figure, body, point, support)
        if (figure.view == "top" and support == "floor") or (
            figure.view != "side" and support == "wall"
        ):
            continue  # the surface is the page itself
        if abs(gap) > TOUCH:
            yield f"{key.name}: {point} is {gap:+.3f} off the {support}"


def _gap(figure: Figure, body: Body, point: str, support: str) -> float:
    x, y = body.points[point]
    r = radius(point, figure.view)
    if support == "wall":
        return abs(x - (figure.wall_at or 0.0)) - r
    if support == "ball":
        # The ball rolls under the point that rests on it, so only the height can be off.
        return y - r - 2 * BALL_RADIUS
    return y - r - surface_height(support)
