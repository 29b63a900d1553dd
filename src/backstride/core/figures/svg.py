"""A figure drawn as SVG: the body as nested groups, one per segment, turned at its joint;
a CSS-only loop through the keyframes; the start and end side by side under reduced motion
and in print. No script, no fetched asset, no ids (many figures may share a page)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from backstride.core.figures.body import HEAD_RADIUS, HEEL_SHARE, LENGTH
from backstride.core.figures.model import Figure, Key
from backstride.core.figures.motion_css import PALETTE, motion_style, still_style
from backstride.core.figures.pose import Moment, moments, settle
from backstride.core.figures.scenery import (
    Frame,
    ball,
    ball_position,
    band_path,
    frame_of,
    held_kit,
    scenery,
)
from backstride.core.figures.skeleton import Segment, skeleton
from backstride.core.figures.svg_units import (
    UNIT,
    as_attribute,
    num,
    root_transform,
    segment_transform,
)


@dataclass(frozen=True)
class Drawing:
    """What the SVG needs to know about the exercise beside its figure."""

    exercise_id: str
    name: str
    per_side: bool
    figure: Figure


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
    line = f'x1="{num(x)}" y1="{num(y1)}" x2="{num(x)}" y2="{num(y2)}"'
    out = ""
    if halo:
        out += f'<line {line} stroke="var(--fig-halo)" stroke-width="{num(width + 2.4)}"/>'
    out += f'<line {line} stroke="var(--fig-{colour})" stroke-width="{num(width)}"/>'
    return out


def _head(key: Key, colour: str, side_view: bool) -> str:
    length = LENGTH["neck"] * UNIT
    cy = length + HEAD_RADIUS * UNIT * 0.85
    r = HEAD_RADIUS * UNIT
    out = f'<circle cx="0" cy="{num(cy)}" r="{num(r + 1.2)}" fill="var(--fig-halo)"/>'
    out += f'<circle cx="0" cy="{num(cy)}" r="{num(r)}" fill="var(--fig-{colour})"/>'
    if side_view:
        # A nose shows which way the figure faces.
        out += (
            f'<circle cx="{num(-r * 0.95)}" cy="{num(cy - r * 0.1)}" r="{num(r * 0.28)}" '
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
        transform = segment_transform(seg, self.key)
        cls = f' class="s-{seg.name}"' if self.moving else ""
        inner = ""
        drawn = seg.layer == layer
        if drawn:
            inner += self._scaled(seg, self._markup(seg))
        inner += "".join(self._group(c, layer, children) for c in children.get(seg.name, []))
        if drawn:
            inner += self.extras.get(seg.name, "")
        return f'<g{cls} transform="{as_attribute(transform)}">{inner}</g>'

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
        scale = num(self.key.length(seg.name))
        return f'<g{cls} transform="scale(1,{scale})">{markup}</g>'


def _layers(figure: Figure) -> Sequence[str]:
    if figure.view == "side":
        return ("far", "trunk", "near")
    return ("legs", "trunk", "arms")


# --- the whole figure ----------------------------------------------------------------


def _body(figure: Figure, moment: Moment, moving: bool) -> str:
    key, placement = moment.key, moment.placement
    root = root_transform(placement.origin, placement.turn)
    tree = Tree(figure, key, moving, held_kit(figure))
    cls = ' class="root"' if moving else ""
    layers = "".join(
        f'<g{cls} transform="{as_attribute(root)}">{tree.render(layer)}</g>'
        for layer in _layers(figure)
    )
    return layers


def _props_at(figure: Figure, moment: Moment, moving: bool, ball_x: float) -> tuple[str, str]:
    """What sits behind the body (the ball) and in front of it (the band)."""
    behind = ""
    if "exercise_ball" in figure.props:
        behind = ball(ball_x, "ball" if moving else "")
    front = ""
    if figure.band is not None:
        cls = ' class="band"' if moving else ""
        front = (
            f'<path{cls} d="{band_path(figure, moment)}" fill="none" '
            f'stroke="var(--fig-band)" stroke-width="1.8" stroke-linecap="round"/>'
        )
    return behind, front


def _scene(figure: Figure, moment: Moment, moving: bool, ball_x: float) -> str:
    behind, front = _props_at(figure, moment, moving, ball_x)
    return behind + _body(figure, moment, moving) + front


def _text(x: float, y: float, words: str, size: float, anchor: str = "middle") -> str:
    return (
        f'<text x="{num(x)}" y="{num(y)}" font-size="{num(size)}" '
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
        ball_x = ball_position(moment, 0.0)
        inner = scenery(figure, frame) + _scene(figure, moment, False, ball_x)
        out += (
            f'<g transform="translate({num(left)},{num(top)}) scale({scale}) '
            f'translate({num(-frame.x)},{num(-frame.y)})">{inner}</g>'
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
    frame = frame_of(figure, samples, caption=drawing.per_side)
    # Text keeps to about 12-16 px whether a phone fits the figure by width or by height.
    size = 0.045 * max(frame.width, frame.height)
    if motion:
        box = frame
        start = samples[0]
        scene = scenery(figure, frame) + _scene(figure, start, True, ball_position(start, 0.0))
        top = frame.y + frame.height * (1 - STILL_SCALE) / 2 - size
        body = f'<g class="m">{scene}</g>' + _stills(drawing, frame, size, top)
        style = motion_style(scope, figure, samples)
    else:
        # Printed: only the two stills, in a box cut to them.
        lines = 2.9 if drawing.per_side else 1.6
        height = frame.height * STILL_SCALE + size * lines
        box = Frame(frame.x, frame.y, frame.width, height, frame.floor)
        body = _stills(drawing, frame, size, frame.y)
        style = still_style(scope)
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
        f'aria-label="{label}" viewBox="{box.view_box()}" width="{num(box.width * 3)}" '
        f'height="{num(box.height * 3)}" preserveAspectRatio="xMidYMid meet">'
        f"<title>{escape(alt_text(drawing))}</title><style>{style}</style>{body}</svg>"
    )
