"""A figure drawn as SVG: the body as nested groups, one per segment, turned at its joint;
a CSS-only loop through the keyframes; the start and end side by side under reduced motion
and in print. No script, no fetched asset, no ids (many figures may share a page)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from backstride.core.figures.body import HEAD_RADIUS, HEEL_SHARE, LENGTH
from backstride.core.figures.model import Figure, Key
from backstride.core.figures.pose import (
    BALL_RADIUS,
    BENCH_HEIGHT,
    Moment,
    contact,
    cycle_seconds,
    moments,
    settle,
)
from backstride.core.figures.skeleton import Point, Segment, skeleton

UNIT = 100.0  # SVG units per standing height
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


@dataclass(frozen=True)
class Drawing:
    """What the SVG needs to know about the exercise beside its figure."""

    exercise_id: str
    name: str
    per_side: bool
    figure: Figure


def _n(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _svg_point(p: Point) -> Point:
    return (p[0] * UNIT, -p[1] * UNIT)


def _segment_transform(seg: Segment, key: Key) -> str:
    return (
        f"translate({_n(seg.across(key) * UNIT)}px,{_n(seg.along(key) * UNIT)}px) "
        f"rotate({_n(-seg.turn(key))}deg)"
    )


def _root_transform(origin: Point, turn: float) -> str:
    x, y = _svg_point(origin)
    return f"translate({_n(x)}px,{_n(y)}px) rotate({_n(-turn)}deg)"


def _attr(css_transform: str) -> str:
    """A CSS transform as the SVG attribute writes it."""
    return css_transform.replace("px", "").replace("deg", "")


# --- the body ------------------------------------------------------------------------


def _bar(seg: Segment, key: Key, colour: str, halo: bool) -> str:
    length = LENGTH.get(seg.part, 0.0) * UNIT
    width = seg.thickness * UNIT
    if seg.part == "foot":
        side = -LENGTH["ankle_height"] * UNIT if seg.name.startswith("foot") else 0.0
        heel = HEEL_SHARE * length if side else 0.0
        y1, y2, x = -heel, length - heel, side if seg.layer in ("near", "far") else 0.0
    else:
        y1, y2, x = 0.0, length, 0.0
    if seg.part == "hand":
        y2 = LENGTH["hand"] * UNIT
    line = f'x1="{_n(x)}" y1="{_n(y1)}" x2="{_n(x)}" y2="{_n(y2)}"'
    out = ""
    if halo:
        out += f'<line {line} stroke="var(--fig-halo)" stroke-width="{_n(width + 2.4)}"/>'
    out += f'<line {line} stroke="var(--fig-{colour})" stroke-width="{_n(width)}"/>'
    return out


def _head(key: Key, colour: str, side_view: bool) -> str:
    length = LENGTH["neck"] * UNIT
    cy = length + HEAD_RADIUS * UNIT * 0.85
    r = HEAD_RADIUS * UNIT
    out = f'<circle cx="0" cy="{_n(cy)}" r="{_n(r + 1.2)}" fill="var(--fig-halo)"/>'
    out += f'<circle cx="0" cy="{_n(cy)}" r="{_n(r)}" fill="var(--fig-{colour})"/>'
    if side_view:
        # A nose shows which way the figure faces.
        out += (
            f'<circle cx="{_n(-r * 0.95)}" cy="{_n(cy - r * 0.1)}" r="{_n(r * 0.28)}" '
            f'fill="var(--fig-{colour})"/>'
        )
    return out


@dataclass(frozen=True)
class Tree:
    """One layer of the body as nested groups; `moving` gives each group its class."""

    figure: Figure
    key: Key
    moving: bool
    extras: dict[str, str]  # segment name -> markup drawn in that segment's group

    def render(self, layer: str) -> str:
        segments = skeleton(self.figure.view)
        children: dict[str | None, list[Segment]] = {}
        for seg in segments:
            children.setdefault(seg.parent, []).append(seg)
        return "".join(self._group(seg, layer, children) for seg in children["pelvis"])

    def _group(self, seg: Segment, layer: str, children: dict[str | None, list[Segment]]) -> str:
        transform = _segment_transform(seg, self.key)
        cls = f' class="s-{seg.name}"' if self.moving else ""
        inner = ""
        drawn = seg.layer == layer
        if drawn:
            inner += self._scaled(seg, self._markup(seg))
        inner += "".join(self._group(c, layer, children) for c in children.get(seg.name, []))
        if drawn:
            inner += self.extras.get(seg.name, "")
        return f'<g{cls} transform="{_attr(transform)}">{inner}</g>'

    def _markup(self, seg: Segment) -> str:
        colour = "far" if seg.layer == "far" else "body"
        halo = seg.layer in ("near", "arms")
        out = _bar(seg, self.key, colour, halo)
        if seg.name == "neck":
            out += _head(self.key, colour, self.figure.view == "side")
        return out

    def _scaled(self, seg: Segment, markup: str) -> str:
        if not self.moving and self.key.length(seg.name) == 1.0:
            return markup
        cls = f' class="l-{seg.name}"' if self.moving else ""
        scale = _n(self.key.length(seg.name))
        return f'<g{cls} transform="scale(1,{scale})">{markup}</g>'


def _layers(figure: Figure) -> Sequence[str]:
    if figure.view == "side":
        return ("far", "trunk", "near")
    return ("legs", "trunk", "arms")


# --- props ---------------------------------------------------------------------------

HELD_SEGMENT = {"a": ("hand_a",), "b": ("hand_b",), "both": ("hand_a",)}


def _held(figure: Figure) -> dict[str, str]:
    """Kit the hands carry, drawn inside the hand's group so it moves with it."""
    end = LENGTH["hand"] * UNIT
    out: dict[str, str] = {}
    for name in HELD_SEGMENT[figure.held_in]:
        if "medicine_ball" in figure.props:
            out[name] = (
                f'<circle cx="0" cy="{_n(end + 4)}" r="7.5" fill="var(--fig-ball)" '
                f'stroke="var(--fig-kit)" stroke-width="0.8"/>'
            )
        if "dumbbell" in figure.props:
            out[name] = (
                f'<rect x="-4.5" y="{_n(end - 4.5)}" width="9" height="9" rx="2" '
                f'fill="var(--fig-kit)"/>'
            )
    for spec in figure.band.ends if figure.band else ():
        point, _ = contact(spec)
        holder = _ring_holder(point)
        if holder is not None:
            seg, along = holder
            ring = (
                f'<circle cx="0" cy="{_n(along)}" r="4.2" fill="none" '
                f'stroke="var(--fig-band)" stroke-width="1.6"/>'
            )
            out[seg] = out.get(seg, "") + ring
    return out


def _ring_holder(point: str) -> tuple[str, float] | None:
    base, _, side = point.rpartition("_")
    table = {
        "knee": ("shin", 0.0),
        "ankle": ("foot", 0.0),
        "wrist": ("hand", 0.0),
        "hand": ("hand", LENGTH["hand"] * UNIT),
        "elbow": ("forearm", 0.0),
    }
    if base not in table:
        return None
    seg, along = table[base]
    return f"{seg}_{side}", along


def _ball_x(moment: Moment, previous: float) -> float:
    for spec in (*moment.key.rest, *moment.key.touch):
        point, support = contact(spec)
        if support == "ball":
            return moment.placement.point(point)[0]
    return previous


def _band_path(figure: Figure, moment: Moment) -> str:
    band = figure.band
    if band is None:
        return ""
    ends = [moment.placement.point(contact(e)[0]) for e in band.ends]
    if band.anchor is not None:
        ends.append(band.anchor)
    (x1, y1), (x2, y2) = (_svg_point(p) for p in ends[:2])
    return f"M {_n(x1)} {_n(y1)} L {_n(x2)} {_n(y2)}"


# --- frame ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    x: float
    y: float
    width: float
    height: float
    floor: bool

    def view_box(self) -> str:
        return f"{_n(self.x)} {_n(self.y)} {_n(self.width)} {_n(self.height)}"


PAD = 7.0
CAPTION = 9.0


def _frame(figure: Figure, samples: Sequence[Moment], caption: bool) -> Frame:
    xs: list[float] = []
    ys: list[float] = []
    for m in samples:
        for placed in m.placement.body.segments.values():
            for p in (placed.start, placed.end):
                x, y = _svg_point(p)
                xs += [x - 6, x + 6]
                ys += [y - 6, y + 6]
        hx, hy = _svg_point(m.placement.point("head"))
        xs += [hx - 8, hx + 8]
        ys += [hy - 8, hy + 8]
    floor = figure.view != "top"
    if floor:
        ys.append(2.0)
    if "exercise_ball" in figure.props:
        ys.append(-2 * BALL_RADIUS * UNIT)
    if figure.band and figure.band.anchor:
        ax, ay = _svg_point(figure.band.anchor)
        xs.append(ax)
        ys.append(ay)
    if figure.wall_at is not None:
        xs.append(figure.wall_at * UNIT)
    if figure.bench is not None:
        xs += [figure.bench[0] * UNIT, figure.bench[1] * UNIT]
    x0, x1 = min(xs) - PAD, max(xs) + PAD
    y0, y1 = min(ys) - PAD, max(ys) + PAD + (CAPTION if caption else 0.0)
    width, height = x1 - x0, y1 - y0
    if width < 0.8 * height:  # a standing figure gets room either side
        x0 -= (0.8 * height - width) / 2
        width = 0.8 * height
    return Frame(x0, y0, width, height, floor)


def _scenery(figure: Figure, frame: Frame) -> str:
    out = ""
    left, right = frame.x + 2, frame.x + frame.width - 2
    backdrop = "mat" if figure.view == "top" else "wall" if figure.view == "front" else None
    if backdrop is not None and backdrop in figure.props:
        out += (
            f'<rect x="{_n(left + 4)}" y="{_n(frame.y + 4)}" width="{_n(right - left - 8)}" '
            f'height="{_n(frame.height - 8 - CAPTION)}" rx="3" fill="var(--fig-{backdrop})"/>'
        )
    if figure.wall_at is not None:
        wall = figure.wall_at * UNIT
        out += (
            f'<rect x="{_n(wall - 1)}" y="{_n(frame.y)}" width="5" '
            f'height="{_n(-frame.y)}" fill="var(--fig-wall)"/>'
            if wall > (left + right) / 2
            else f'<rect x="{_n(wall - 4)}" y="{_n(frame.y)}" width="5" '
            f'height="{_n(-frame.y)}" fill="var(--fig-wall)"/>'
        )
    if figure.bench is not None:
        b0, b1 = figure.bench[0] * UNIT, figure.bench[1] * UNIT
        top = -BENCH_HEIGHT * UNIT
        out += (
            f'<rect x="{_n(b0)}" y="{_n(top)}" width="{_n(b1 - b0)}" height="5" rx="1.5" '
            f'fill="var(--fig-wall)"/><rect x="{_n(b0 + 3)}" y="{_n(top)}" width="4" '
            f'height="{_n(-top)}" fill="var(--fig-wall)"/><rect x="{_n(b1 - 7)}" '
            f'y="{_n(top)}" width="4" height="{_n(-top)}" fill="var(--fig-wall)"/>'
        )
    if frame.floor:
        if "mat" in figure.props:
            out += (
                f'<rect x="{_n(left + 6)}" y="-1.6" width="{_n(right - left - 12)}" '
                f'height="2.2" rx="1" fill="var(--fig-mat)"/>'
            )
        out += (
            f'<line x1="{_n(left)}" y1="0.9" x2="{_n(right)}" y2="0.9" '
            f'stroke="var(--fig-floor)" stroke-width="1"/>'
        )
    return out


def _ball(x: float, cls: str = "") -> str:
    r = BALL_RADIUS * UNIT
    attr = f' class="{cls}"' if cls else ""
    return (
        f'<g{attr} transform="translate({_n(x * UNIT)},{_n(-r)})"><circle r="{_n(r)}" '
        f'fill="var(--fig-ball)"/><path d="M {_n(-r)} 0 Q 0 {_n(r * 0.45)} {_n(r)} 0" '
        f'fill="none" stroke="var(--fig-kit)" stroke-width="0.8" opacity="0.5"/></g>'
    )


# --- the whole figure ----------------------------------------------------------------


def _body(figure: Figure, moment: Moment, moving: bool) -> str:
    key, placement = moment.key, moment.placement
    root = _root_transform(placement.origin, placement.turn)
    tree = Tree(figure, key, moving, _held(figure))
    cls = ' class="root"' if moving else ""
    layers = "".join(
        f'<g{cls} transform="{_attr(root)}">{tree.render(layer)}</g>' for layer in _layers(figure)
    )
    return layers


def _props_at(figure: Figure, moment: Moment, moving: bool, ball_x: float) -> tuple[str, str]:
    """What sits behind the body (the ball) and in front of it (the band)."""
    behind = ""
    if "exercise_ball" in figure.props:
        behind = _ball(ball_x, "ball" if moving else "")
    front = ""
    if figure.band is not None:
        cls = ' class="band"' if moving else ""
        front = (
            f'<path{cls} d="{_band_path(figure, moment)}" fill="none" '
            f'stroke="var(--fig-band)" stroke-width="1.8" stroke-linecap="round"/>'
        )
    return behind, front


def _scene(figure: Figure, moment: Moment, moving: bool, ball_x: float) -> str:
    behind, front = _props_at(figure, moment, moving, ball_x)
    return behind + _body(figure, moment, moving) + front


def _keyframes(name: str, frames: Iterable[tuple[float, str]], prop: str = "transform") -> str:
    steps: dict[str, str] = {}
    for at, value in frames:
        steps[_n(at * 100) + "%"] = value
    body = "".join(f"{pct}{{{prop}:{value}}}" for pct, value in steps.items())
    return f"@keyframes {name}{{{body}}}"


def _animation_css(scope: str, figure: Figure, samples: Sequence[Moment], seconds: float) -> str:
    keyframe_moments = [m for m in samples if m.keyframe]
    rules: list[str] = []
    for seg in skeleton(figure.view):
        values = [(m.at, _segment_transform(seg, m.key)) for m in keyframe_moments]
        rules += _rule(scope, f"s-{seg.name}", values, seconds, "ease-in-out")
        lengths = [(m.at, f"scale(1,{_n(m.key.length(seg.name))})") for m in keyframe_moments]
        rules += _rule(scope, f"l-{seg.name}", lengths, seconds, "ease-in-out")
    roots = [(m.at, _root_transform(m.placement.origin, m.placement.turn)) for m in samples]
    rules += _rule(scope, "root", roots, seconds, "linear")
    if "exercise_ball" in figure.props:
        balls, x = [], 0.0
        for m in samples:
            x = _ball_x(m, x)
            balls.append((m.at, f"translate({_n(x * UNIT)}px,{_n(-BALL_RADIUS * UNIT)}px)"))
        rules += _rule(scope, "ball", balls, seconds, "linear")
    if figure.band is not None:
        paths = [(m.at, f'path("{_band_path(figure, m)}")') for m in samples]
        rules += _rule(scope, "band", paths, seconds, "linear", prop="d")
    return "".join(rules)


def _rule(
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
        _keyframes(name, values, prop),
        f".{scope} .m .{cls}{{animation:{name} {_n(seconds)}s {timing} infinite}}",
    ]


def _palette_css(scope: str) -> str:
    light = ";".join(f"--fig-{k}:{v}" for k, v in PALETTE["light"].items())
    dark = ";".join(f"--fig-{k}:{v}" for k, v in PALETTE["dark"].items())
    return (
        f".{scope}{{{light}}}"
        f"@media (prefers-color-scheme: dark){{.{scope}{{{dark}}}}}"
        f".{scope} line{{stroke-linecap:round}}"
        f".{scope} text{{fill:var(--fig-text);font-family:system-ui,sans-serif}}"
    )


def _still_style(scope: str) -> str:
    return _palette_css(scope)


def _style(scope: str, figure: Figure, samples: Sequence[Moment]) -> str:
    # Hidden is not enough: a browser keeps animating SVG inside a hidden group.
    still = (
        f".{scope} .m{{display:none}}.{scope} .m *{{animation:none!important}}"
        f".{scope} .st{{display:inline}}"
    )
    return (
        _palette_css(scope)
        + f".{scope} g,.{scope} path{{transform-box:view-box;transform-origin:0 0}}"
        + f".{scope} .st{{display:none}}"
        + _animation_css(scope, figure, samples, cycle_seconds(figure))
        + f"@media (prefers-reduced-motion: reduce){{{still}}}@media print{{{still}}}"
    )


def _text(x: float, y: float, words: str, size: float, anchor: str = "middle") -> str:
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" '
        f'text-anchor="{anchor}">{escape(words)}</text>'
    )


STILL_SCALE = 0.48


def _stills(drawing: Drawing, frame: Frame, size: float, top: float) -> str:
    figure = drawing.figure
    scale = STILL_SCALE
    out = ""
    for i, (key, label) in enumerate(((figure.keys[0], "Start"), (figure.end_key(), "End"))):
        moment = Moment(0.0, key, settle(figure.view, key), True)
        left = frame.x + frame.width * (0.02 + 0.5 * i)
        ball_x = _ball_x(moment, 0.0)
        inner = _scenery(figure, frame) + _scene(figure, moment, False, ball_x)
        out += (
            f'<g transform="translate({_n(left)},{_n(top)}) scale({scale}) '
            f'translate({_n(-frame.x)},{_n(-frame.y)})">{inner}</g>'
        )
        label_y = top + frame.height * scale + size * 1.1
        out += _text(left + frame.width * scale / 2, label_y, label, size)
    return f'<g class="st">{out}</g>'


def alt_text(drawing: Drawing) -> str:
    """What the figure shows, for a screen reader and wherever the drawing is not seen."""
    text = f"Figure of {drawing.name}: {drawing.figure.says}"
    if drawing.per_side:
        text += " It shows one side; then do the other side."
    return text


def render(drawing: Drawing, motion: bool = True) -> str:
    """The figure's SVG document (also valid inline in HTML): the loop, with the start and
    end side by side under reduced motion and in print; `motion=False`: those two only."""
    figure = drawing.figure
    scope = f"fig-{drawing.exercise_id}".replace("_", "-")
    samples = list(moments(figure))
    frame = _frame(figure, samples, caption=True)
    # Text keeps to about 12-16 px whether a phone fits the figure by width or by height.
    size = 0.045 * max(frame.width, frame.height)
    if motion:
        box = frame
        start = samples[0]
        scene = _scenery(figure, frame) + _scene(figure, start, True, _ball_x(start, 0.0))
        top = frame.y + frame.height * (1 - STILL_SCALE) / 2 - size
        body = f'<g class="m">{scene}</g>' + _stills(drawing, frame, size, top)
        style = _style(scope, figure, samples)
    else:
        # Printed: only the two stills, in a box cut to them.
        lines = 2.9 if drawing.per_side else 1.6
        height = frame.height * STILL_SCALE + size * lines
        box = Frame(frame.x, frame.y, frame.width, height, frame.floor)
        body = _stills(drawing, frame, size, frame.y)
        style = _still_style(scope)
    if drawing.per_side:
        bottom = box.y + box.height - size * 0.4
        body += _text(box.x + box.width - 3, bottom, "Then the other side", size, "end")
    label = escape(alt_text(drawing), quote=True)
    if not motion:
        # Printed, and rendered by a PDF engine that may not know CSS variables: plain colours.
        for name, colour in PALETTE["light"].items():
            body = body.replace(f"var(--fig-{name})", colour)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="fig {scope}" role="img" '
        f'aria-label="{label}" viewBox="{box.view_box()}" width="{_n(box.width * 3)}" '
        f'height="{_n(box.height * 3)}" preserveAspectRatio="xMidYMid meet">'
        f"<title>{escape(alt_text(drawing))}</title><style>{style}</style>{body}</svg>"
    )
