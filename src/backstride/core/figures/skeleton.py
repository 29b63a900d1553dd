"""The body as a tree of segments, each turned from its parent by one joint's angle.

Angles are degrees counter-clockwise, with 0 pointing straight down; a segment's own angle
is its parent's plus the joint's. One table serves both the geometry (checks) and the
drawing (nested SVG groups), so what is checked is what is drawn.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from backstride.core.figures.body import (
    HEAD_RADIUS,
    HEEL_SHARE,
    HIP_HALF_WIDTH,
    LENGTH,
    SHOULDER_HALF_WIDTH,
    THICKNESS,
    View,
    thickness,
)
from backstride.core.figures.model import Key

Point = tuple[float, float]


@dataclass(frozen=True)
class Segment:
    name: str
    parent: str | None
    part: str  # for length and thickness
    layer: str  # "far", "trunk" or "near": drawing order
    # Where it joins its parent: along the parent's length, and across it (perpendicular).
    along: Callable[[Key], float]
    across: Callable[[Key], float]
    turn: Callable[[Key], float]
    length: Callable[[Key], float]
    thickness: float = 0.0


def direction(angle: float) -> Point:
    rad = math.radians(angle)
    return (math.sin(rad), -math.cos(rad))


def _len(name: str, part: str) -> Callable[[Key], float]:
    return lambda k: LENGTH[part] * k.length(name)


def _zero(_k: Key) -> float:
    return 0.0


def _end_of(parent: str, part: str) -> Callable[[Key], float]:
    return lambda k: LENGTH[part] * k.length(parent)


def _side_sign(view: View, side: str) -> float:
    """Front and top views mirror the body's right (a) against its left (b)."""
    return 1.0 if view == "side" or side == "b" else -1.0


def _joined(part: str, above: str, side: str, layer: str, turn: Callable[[Key], float]) -> Segment:
    """A limb segment hanging from the end of the one above it on the same side."""
    name, parent = f"{part}_{side}", f"{above}_{side}"
    return Segment(name, parent, part, layer, _end_of(parent, above), _zero, turn, _len(name, part))


def _limbs(view: View, side: str) -> list[Segment]:
    s = _side_sign(view, side)
    near_far = "near" if side == "a" else "far"
    legs, arms = (near_far, near_far) if view == "side" else ("legs", "arms")
    hip_w = 0.0 if view == "side" else HIP_HALF_WIDTH
    sh_w = 0.0 if view == "side" else SHOULDER_HALF_WIDTH
    foot_turn = 90.0 if view == "side" else 90.0 * s
    hand = _joined("hand", "forearm", side, arms, lambda k: s * k.angle("wrist", side))
    return [
        Segment(
            f"thigh_{side}",
            "pelvis",
            "thigh",
            legs,
            _zero,
            lambda k: s * hip_w * k.length("hips"),
            lambda k: s * k.angle("hip", side),
            _len(f"thigh_{side}", "thigh"),
        ),
        _joined("shin", "thigh", side, legs, lambda k: -s * k.angle("knee", side)),
        _joined("foot", "shin", side, legs, lambda k: foot_turn + s * k.angle("ankle", side)),
        Segment(
            f"arm_{side}",
            "upper_trunk",
            "arm",
            arms,
            _end_of("upper_trunk", "upper_trunk"),
            # The upper trunk points up, so the body's left lies on its negative side.
            lambda k: -s * sh_w * k.length("shoulders"),
            lambda k: 180.0 + s * k.angle("shoulder", side),
            _len(f"arm_{side}", "arm"),
        ),
        _joined("forearm", "arm", side, arms, lambda k: s * k.angle("elbow", side)),
        # The hand is never drawn shortened: its length is the hand's own.
        replace(hand, length=lambda _k: LENGTH["hand"]),
    ]


def _trunk() -> list[Segment]:
    # Flexion (side view) and bending towards the body's left (front view, the viewer's
    # right) both turn clockwise.
    s = -1.0
    return [
        Segment(
            "lower_trunk",
            "pelvis",
            "lower_trunk",
            "trunk",
            _zero,
            _zero,
            lambda k: 180.0 + s * k.lumbar,
            _len("lower_trunk", "lower_trunk"),
        ),
        Segment(
            "upper_trunk",
            "lower_trunk",
            "upper_trunk",
            "trunk",
            _end_of("lower_trunk", "lower_trunk"),
            _zero,
            lambda k: s * k.thoracic,
            _len("upper_trunk", "upper_trunk"),
        ),
        Segment(
            "neck",
            "upper_trunk",
            "neck",
            "trunk",
            _end_of("upper_trunk", "upper_trunk"),
            _zero,
            lambda k: s * k.neck,
            lambda _k: LENGTH["neck"],
        ),
    ]


def skeleton(view: View) -> list[Segment]:
    """Every segment, parents before children."""
    return _SKELETONS[view]


def _build(view: View) -> list[Segment]:
    limbs = _limbs(view, "a") + _limbs(view, "b")
    legs = [seg for seg in limbs if seg.part in ("thigh", "shin", "foot")]
    arms = [seg for seg in limbs if seg not in legs]
    return [replace(seg, thickness=thickness(view, seg.part)) for seg in (*legs, *_trunk(), *arms)]


_SKELETONS: dict[View, list[Segment]] = {v: _build(v) for v in ("side", "front", "top")}


@dataclass(frozen=True)
class Placed:
    """A segment at a pose: where it starts and ends, and its own angle."""

    segment: Segment
    start: Point
    end: Point
    angle: float

    @property
    def thickness(self) -> float:
        return self.segment.thickness


@dataclass(frozen=True)
class Body:
    """The whole body at one pose: each segment, and the named points."""

    segments: dict[str, Placed]
    points: dict[str, Point]


def _add(p: Point, q: Point, scale: float = 1.0) -> Point:
    return (p[0] + q[0] * scale, p[1] + q[1] * scale)


def place(view: View, key: Key, origin: Point, turn: float) -> Body:
    """Forward kinematics: the pelvis at `origin`, turned by `turn`."""
    placed: dict[str, Placed] = {}
    for seg in skeleton(view):
        if seg.parent is None or seg.parent == "pelvis":
            base, parent_angle = origin, turn
        else:
            parent = placed[seg.parent]
            base, parent_angle = parent.start, parent.angle
        start = _add(base, direction(parent_angle), seg.along(key))
        start = _add(start, direction(parent_angle + 90.0), seg.across(key))
        angle = parent_angle + seg.turn(key)
        end = _add(start, direction(angle), seg.length(key))
        placed[seg.name] = Placed(seg, start, end, angle)
    return Body(placed, _points(view, placed, origin))


def foot_ends(view: View, foot: Placed) -> tuple[Point, Point]:
    """Heel and toe: the sole runs along the foot, an ankle's height below the ankle."""
    length = foot.end[0] - foot.start[0], foot.end[1] - foot.start[1]
    size = math.hypot(*length)
    sole_side = -1.0 if view == "side" else 0.0
    sole = _add(foot.start, direction(foot.angle + 90.0), sole_side * LENGTH["ankle_height"])
    heel_share = HEEL_SHARE if view == "side" else 0.0
    heel = _add(sole, direction(foot.angle), -heel_share * size)
    toe = _add(sole, direction(foot.angle), (1 - heel_share) * size)
    return heel, toe


def _points(view: View, placed: dict[str, Placed], origin: Point) -> dict[str, Point]:
    neck = placed["neck"]
    head = _add(neck.end, direction(neck.angle), HEAD_RADIUS * 0.85)
    points: dict[str, Point] = {
        "pelvis": origin,
        "waist": placed["lower_trunk"].end,
        "neck_base": placed["upper_trunk"].end,
        "head": head,
        "crown": _add(head, direction(neck.angle), HEAD_RADIUS),
        "mid_back": _middle(placed["upper_trunk"]),
        "low_back": _middle(placed["lower_trunk"]),
    }
    for side in "ab":
        heel, toe = foot_ends(view, placed[f"foot_{side}"])
        points |= {
            f"shoulder_{side}": placed[f"arm_{side}"].start,
            f"elbow_{side}": placed[f"forearm_{side}"].start,
            f"wrist_{side}": placed[f"hand_{side}"].start,
            f"hand_{side}": placed[f"hand_{side}"].end,
            f"hip_{side}": placed[f"thigh_{side}"].start,
            f"knee_{side}": placed[f"shin_{side}"].start,
            f"ankle_{side}": placed[f"foot_{side}"].start,
            f"heel_{side}": heel,
            f"toe_{side}": toe,
        }
        for part in ("arm", "forearm", "thigh", "shin"):
            points[f"{part}_{side}"] = _middle(placed[f"{part}_{side}"])
    return points


def lowest_edge(body: Body, placed: Placed) -> float:
    """The lowest edge of a part as drawn: a foot by its sole, from heel to toe."""
    ends = (placed.start, placed.end)
    seg = placed.segment
    if seg.part == "foot":
        side = seg.name[-1]
        ends = (body.points[f"heel_{side}"], body.points[f"toe_{side}"])
    return min(ends[0][1], ends[1][1]) - placed.thickness / 2


def _middle(placed: Placed) -> Point:
    return ((placed.start[0] + placed.end[0]) / 2, (placed.start[1] + placed.end[1]) / 2)


TRUNK_POINTS = ("pelvis", "waist", "neck_base", "head", "crown", "mid_back", "low_back")


def radius(point: str, view: View = "side") -> float:
    """How far a point's centre sits from a surface it rests on: half the drawn part."""
    base = point if point in TRUNK_POINTS else point[:-2]
    part = {
        "pelvis": "lower_trunk",
        "waist": "lower_trunk",
        "neck_base": "upper_trunk",
        "mid_back": "upper_trunk",
        "low_back": "lower_trunk",
        "arm": "arm",
        "forearm": "forearm",
        "thigh": "thigh",
        "shin": "shin",
        "shoulder": "upper_trunk",
        "elbow": "forearm",
        "wrist": "forearm",
        "hand": "hand",
        "hip": "thigh",
        "knee": "shin",
        "ankle": "shin",
    }.get(base)
    if base in ("head", "crown"):
        return HEAD_RADIUS if base == "head" else 0.0
    if base in ("heel", "toe"):
        return THICKNESS["foot"] / 2
    return thickness(view, part) / 2 if part else 0.0
