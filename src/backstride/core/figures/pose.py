"""Where the body is at each moment: keyframes placed on their rests, and the poses in
between as the drawing moves through them (the same easing the SVG's CSS uses)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from backstride.core.figures.body import View
from backstride.core.figures.model import Figure, Key
from backstride.core.figures.skeleton import Body, Point, lowest_edge, place, radius

BENCH_HEIGHT = 0.26
BALL_RADIUS = 0.19  # a 65 cm ball beside a 1.75 m runner


class PoseError(ValueError):
    """A keyframe that cannot be placed as its data says."""


def contact(spec: str) -> tuple[str, str]:
    point, _, support = spec.partition("@")
    return point, support or "floor"


def surface_height(support: str) -> float:
    return {"floor": 0.0, "bench": BENCH_HEIGHT, "ball": 2 * BALL_RADIUS}.get(support, 0.0)


@dataclass(frozen=True)
class Placement:
    """A pose placed: the pelvis's position and turn, and the body they give."""

    origin: Point
    turn: float
    body: Body

    def point(self, name: str) -> Point:
        return self.body.points[name]


def _target(spec: str, view: View) -> tuple[str, float]:
    point, support = contact(spec)
    if support == "wall":
        raise PoseError(f"{spec}: a body is placed on the floor, a bench or a ball, not a wall")
    return point, surface_height(support) + radius(point, view)


def settle(view: View, key: Key) -> Placement:
    """Put the first rest point on its surface at `x`, turn the body about it until the
    second rest point touches its surface too, then raise it by `lift`."""
    turn = key.turn
    first, first_height = _target(key.rest[0], view)
    if len(key.rest) > 1:
        turn += _turn_to_touch(view, key, turn, first, *_target(key.rest[1], view))
    body = place(view, key, (0.0, 0.0), turn)
    at = body.points[first]
    origin = (key.x - at[0], first_height + key.lift - at[1])
    return Placement(origin, turn, place(view, key, origin, turn))


def _turn_to_touch(
    view: View, key: Key, turn: float, pivot: str, point: str, height: float
) -> float:
    """The smallest turn about `pivot` that brings `point` to `height` above the pivot's
    surface (the two surfaces' heights differ by `height` minus the pivot's own)."""
    body = place(view, key, (0.0, 0.0), turn)
    p0, p1 = body.points[pivot], body.points[point]
    _, pivot_height = _target(key.rest[0], view)
    dx, dy = p1[0] - p0[0], p1[1] - p0[1]
    reach = math.hypot(dx, dy)
    rise = height - pivot_height
    if reach < 1e-9 or abs(rise) > reach:
        raise PoseError(f"{key.name}: {point} cannot reach its surface from {pivot}")
    now = math.atan2(dy, dx)
    wanted = math.asin(rise / reach)
    options = (wanted - now, math.pi - wanted - now)
    best = min((_wrap(o) for o in options), key=abs)
    return math.degrees(best)


def _wrap(radians: float) -> float:
    return (radians + math.pi) % (2 * math.pi) - math.pi


def blend(view: View, a: Key, b: Key, share: float) -> Key:
    """The pose a share of the way from a to b: every angle, length and offset in line.
    The body rests on whichever key's supports hold it up (the other's would sink it)."""
    numbers: dict[str, object] = {}
    for field in ("turn", "x", "lift", "lumbar", "thoracic", "neck"):
        numbers[field] = _mix(getattr(a, field), getattr(b, field), share)
    for joint in ("hip", "knee", "ankle", "shoulder", "elbow", "wrist"):
        pa, pb = getattr(a, joint), getattr(b, joint)
        numbers[joint] = (_mix(pa[0], pb[0], share), _mix(pa[1], pb[1], share))
    names = set(a.scale) | set(b.scale)
    numbers["scale"] = {n: _mix(a.length(n), b.length(n), share) for n in names}
    nearer, other = (a, b) if share < 0.5 else (b, a)
    options = [
        b.model_copy(update={**numbers, "rest": r.rest, "name": "between"}) for r in (nearer, other)
    ]
    if nearer.rest == other.rest or view == "top":
        return options[0]
    heights = [_lowest(view, option) for option in options]
    # Held up by the nearer key's supports unless they would sink the body.
    return options[0] if heights[0] >= heights[1] - 0.01 else options[1]


def _lowest(view: View, key: Key) -> float:
    try:
        body = settle(view, key).body
    except PoseError:
        return -math.inf
    return min(lowest_edge(body, p) for p in body.segments.values())


def _mix(a: float, b: float, share: float) -> float:
    return a + (b - a) * share


def ease(t: float) -> float:
    """CSS `ease-in-out`, cubic-bezier(0.42, 0, 0.58, 1): progress at time share t."""
    x1, x2 = 0.42, 0.58
    lo, hi = 0.0, 1.0
    for _ in range(40):  # bisection on the curve's parameter: x(s) rises with s
        s = (lo + hi) / 2
        x = 3 * (1 - s) ** 2 * s * x1 + 3 * (1 - s) * s**2 * x2 + s**3
        lo, hi = (s, hi) if x < t else (lo, s)
    s = (lo + hi) / 2
    return 3 * (1 - s) * s**2 + s**3


@dataclass(frozen=True)
class Moment:
    """One sampled moment of the loop: its share of the cycle and the pose then."""

    at: float
    key: Key
    placement: Placement
    keyframe: bool


SAMPLES_PER_MOVE = 8


def cycle_seconds(figure: Figure) -> float:
    return sum(k.move + k.hold for k in figure.keys)


def moments(figure: Figure, samples: int = SAMPLES_PER_MOVE) -> Iterator[Moment]:
    """The loop from the first keyframe round to it again: each keyframe at the start and
    end of its hold, and `samples` eased steps through each move."""
    total = cycle_seconds(figure)
    keys = figure.keys
    clock = 0.0
    for i, key in enumerate(keys):
        placed = settle(figure.view, key)
        yield Moment(clock / total, key, placed, True)
        clock += key.hold
        yield Moment(clock / total, key, placed, True)
        following = keys[(i + 1) % len(keys)]
        for step in range(1, samples):
            t = step / samples
            between = blend(figure.view, key, following, ease(t))
            when = (clock + t * following.move) / total
            yield Moment(when, between, settle(figure.view, between), False)
        clock += following.move
    first = keys[0]
    yield Moment(1.0, first, settle(figure.view, first), True)


def pose_at(figure: Figure, share: float) -> Placement:
    """The body at a share (0..1) of the loop, exactly as the drawing moves through it."""
    clock = share * cycle_seconds(figure)
    keys = figure.keys
    for i, key in enumerate(keys):
        following = keys[(i + 1) % len(keys)]
        if clock <= key.hold:
            return settle(figure.view, key)
        clock -= key.hold
        if clock <= following.move:
            between = blend(figure.view, key, following, ease(clock / following.move))
            return settle(figure.view, between)
        clock -= following.move
    return settle(figure.view, keys[0])
