"""SVG numbers and transforms for the figures: body units to SVG units, and each
segment's and the pelvis's transform as CSS and as the SVG attribute writes it."""

from __future__ import annotations

from backstride.core.figures.model import Key
from backstride.core.figures.skeleton import Point, Segment

UNIT = 100.0  # SVG units per standing height


def num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def svg_point(p: Point) -> Point:
    return (p[0] * UNIT, -p[1] * UNIT)


def segment_transform(seg: Segment, key: Key) -> str:
    return (
        f"translate({num(seg.across(key) * UNIT)}px,{num(seg.along(key) * UNIT)}px) "
        f"rotate({num(-seg.turn(key))}deg)"
    )


def root_transform(origin: Point, turn: float) -> str:
    x, y = svg_point(origin)
    return f"translate({num(x)}px,{num(y)}px) rotate({num(-turn)}deg)"


def as_attribute(css_transform: str) -> str:
    """A CSS transform as the SVG attribute writes it."""
    return css_transform.replace("px", "").replace("deg", "")
