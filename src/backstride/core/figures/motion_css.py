"""The figures' CSS: the palette for light and dark, and the loop's keyframes (joints at
each keyframe, eased; the pelvis, ball and band sampled between them)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from backstride.core.figures.model import Figure
from backstride.core.figures.pose import BALL_RADIUS, Moment, cycle_seconds
from backstride.core.figures.scenery import ball_position, band_path
from backstride.core.figures.skeleton import skeleton
from backstride.core.figures.svg_units import UNIT, num, root_transform, segment_transform

PALETTE = {
    "light": {
        "body": "#1f3b5c",
        "far": "#93a7bf",
        "halo": "#ffffff",
        "floor": "#8f9aa6",
        "mat": "#b9dcc9",
        "wall": "#d5dae0",
        "ball": "#e8a33d",
        "band": "#d0465a",
        "kit": "#4a4f57",
        "text": "#3b4450",
    },
    "dark": {
        "body": "#e4ecf6",
        "far": "#6d7f96",
        "halo": "#1c2124",
        "floor": "#7c8794",
        "mat": "#2f5a45",
        "wall": "#3a414a",
        "ball": "#d08a26",
        "band": "#ec6b7d",
        "kit": "#c2c8d0",
        "text": "#c9d1da",
    },
}


def keyframes(name: str, frames: Iterable[tuple[float, str]], prop: str = "transform") -> str:
    steps: dict[str, str] = {}
    for at, value in frames:
        steps[num(at * 100) + "%"] = value
    body = "".join(f"{pct}{{{prop}:{value}}}" for pct, value in steps.items())
    return f"@keyframes {name}{{{body}}}"


def animation_css(scope: str, figure: Figure, samples: Sequence[Moment], seconds: float) -> str:
    keyframe_moments = [m for m in samples if m.keyframe]
    rules: list[str] = []
    for seg in skeleton(figure.view):
        values = [(m.at, segment_transform(seg, m.key)) for m in keyframe_moments]
        rules += rule(scope, f"s-{seg.name}", values, seconds, "ease-in-out")
        lengths = [(m.at, f"scale(1,{num(m.key.length(seg.name))})") for m in keyframe_moments]
        rules += rule(scope, f"l-{seg.name}", lengths, seconds, "ease-in-out")
    roots = [(m.at, root_transform(m.placement.origin, m.placement.turn)) for m in samples]
    rules += rule(scope, "root", roots, seconds, "linear")
    if "exercise_ball" in figure.props:
        balls, x = [], 0.0
        for m in samples:
            x = ball_position(m, x)
            balls.append((m.at, f"translate({num(x * UNIT)}px,{num(-BALL_RADIUS * UNIT)}px)"))
        rules += rule(scope, "ball", balls, seconds, "linear")
    if figure.band is not None:
        paths = [(m.at, f'path("{band_path(figure, m)}")') for m in samples]
        rules += rule(scope, "band", paths, seconds, "linear", prop="d")
    return "".join(rules)


def rule(
    scope: str,
    cls: str,
    values: Sequence[tuple[float, str]],
    seconds: float,
    timing: str,
    prop: str = "transform",
) -> list[str]:
    if len({v for _, v in values}) <= 1:
        return []  # it never moves: its attribute says where it is
    name = f"{scope}-{cls}".replace("_", "-")
    return [
        keyframes(name, values, prop),
        f".{scope} .m .{cls}{{animation:{name} {num(seconds)}s {timing} infinite}}",
    ]


def palette_css(scope: str) -> str:
    light = ";".join(f"--fig-{k}:{v}" for k, v in PALETTE["light"].items())
    dark = ";".join(f"--fig-{k}:{v}" for k, v in PALETTE["dark"].items())
    return (
        f".{scope}{{{light}}}"
        f"@media (prefers-color-scheme: dark){{.{scope}{{{dark}}}}}"
        f".{scope} line{{stroke-linecap:round}}"
        f".{scope} text{{fill:var(--fig-text);font-family:system-ui,sans-serif}}"
    )


def still_style(scope: str) -> str:
    return palette_css(scope)


def motion_style(scope: str, figure: Figure, samples: Sequence[Moment]) -> str:
    # Hidden is not enough: a browser keeps animating SVG inside a hidden group.
    still = (
        f".{scope} .m{{display:none}}.{scope} .m *{{animation:none!important}}"
        f".{scope} .st{{display:inline}}"
    )
    return (
        palette_css(scope)
        + f".{scope} g,.{scope} path{{transform-box:view-box;transform-origin:0 0}}"
        + f".{scope} .st{{display:none}}"
        + animation_css(scope, figure, samples, cycle_seconds(figure))
        + f"@media (prefers-reduced-motion: reduce){{{still}}}@media print{{{still}}}"
    )
