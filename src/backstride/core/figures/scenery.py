"""What surrounds and carries the body in a figure: the frame, the floor, mat, wall, bench
and ball, the kit held in a hand and the band's rings and line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from backstride.core.figures.body import LENGTH
from backstride.core.figures.model import Figure
from backstride.core.figures.pose import BALL_RADIUS, BENCH_HEIGHT, Moment, contact
from backstride.core.figures.svg_units import UNIT, num, svg_point

HELD_SEGMENT = {"a": ("hand_a",), "b": ("hand_b",), "both": ("hand_a",)}


def held_kit(figure: Figure) -> dict[str, str]:
    """Kit the hands carry, drawn inside the hand's group so it moves with it."""
    end = LENGTH["hand"] * UNIT
    out: dict[str, str] = {}
    for name in HELD_SEGMENT[figure.held_in]:
        if "medicine_ball" in figure.props:
            out[name] = (
                f'<circle cx="0" cy="{num(end + 4)}" r="7.5" fill="var(--fig-ball)" '
                f'stroke="var(--fig-kit)" stroke-width="0.8"/>'
            )
        if "dumbbell" in figure.props:
            out[name] = (
                f'<rect x="-4.5" y="{num(end - 4.5)}" width="9" height="9" rx="2" '
                f'fill="var(--fig-kit)"/>'
            )
    for spec in figure.band.ends if figure.band else ():
        point, _ = contact(spec)
        holder = ring_holder(point)
        if holder is not None:
            seg, along = holder
            ring = (
                f'<circle cx="0" cy="{num(along)}" r="4.2" fill="none" '
                f'stroke="var(--fig-band)" stroke-width="1.6"/>'
            )
            out[seg] = out.get(seg, "") + ring
    return out


def ring_holder(point: str) -> tuple[str, float] | None:
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


def ball_position(moment: Moment, previous: float) -> float:
    for spec in (*moment.key.rest, *moment.key.touch):
        point, support = contact(spec)
        if support == "ball":
            return moment.placement.point(point)[0]
    return previous


def band_path(figure: Figure, moment: Moment) -> str:
    band = figure.band
    if band is None:
        return ""
    ends = [moment.placement.point(contact(e)[0]) for e in band.ends]
    if band.anchor is not None:
        ends.append(band.anchor)
    (x1, y1), (x2, y2) = (svg_point(p) for p in ends[:2])
    return f"M {num(x1)} {num(y1)} L {num(x2)} {num(y2)}"


@dataclass(frozen=True)
class Frame:
    x: float
    y: float
    width: float
    height: float
    floor: bool

    def view_box(self) -> str:
        return f"{num(self.x)} {num(self.y)} {num(self.width)} {num(self.height)}"


PAD = 7.0
CAPTION = 9.0


def frame_of(figure: Figure, samples: Sequence[Moment], caption: bool) -> Frame:
    xs: list[float] = []
    ys: list[float] = []
    for m in samples:
        for placed in m.placement.body.segments.values():
            for p in (placed.start, placed.end):
                x, y = svg_point(p)
                xs += [x - 6, x + 6]
                ys += [y - 6, y + 6]
        hx, hy = svg_point(m.placement.point("head"))
        xs += [hx - 8, hx + 8]
        ys += [hy - 8, hy + 8]
    floor = figure.view != "top"
    if floor:
        ys.append(2.0)
    if "exercise_ball" in figure.props:
        ys.append(-2 * BALL_RADIUS * UNIT)
    if figure.band and figure.band.anchor:
        ax, ay = svg_point(figure.band.anchor)
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


def scenery(figure: Figure, frame: Frame) -> str:
    out = ""
    left, right = frame.x + 2, frame.x + frame.width - 2
    backdrop = "mat" if figure.view == "top" else "wall" if figure.view == "front" else None
    if backdrop is not None and backdrop in figure.props:
        out += (
            f'<rect x="{num(left + 4)}" y="{num(frame.y + 4)}" width="{num(right - left - 8)}" '
            f'height="{num(frame.height - 8 - CAPTION)}" rx="3" fill="var(--fig-{backdrop})"/>'
        )
    if figure.wall_at is not None:
        wall = figure.wall_at * UNIT
        out += (
            f'<rect x="{num(wall - 1)}" y="{num(frame.y)}" width="5" '
            f'height="{num(-frame.y)}" fill="var(--fig-wall)"/>'
            if wall > (left + right) / 2
            else f'<rect x="{num(wall - 4)}" y="{num(frame.y)}" width="5" '
            f'height="{num(-frame.y)}" fill="var(--fig-wall)"/>'
        )
    if figure.bench is not None:
        b0, b1 = figure.bench[0] * UNIT, figure.bench[1] * UNIT
        top = -BENCH_HEIGHT * UNIT
        out += (
            f'<rect x="{num(b0)}" y="{num(top)}" width="{num(b1 - b0)}" height="5" rx="1.5" '
            f'fill="var(--fig-wall)"/><rect x="{num(b0 + 3)}" y="{num(top)}" width="4" '
            f'height="{num(-top)}" fill="var(--fig-wall)"/><rect x="{num(b1 - 7)}" '
            f'y="{num(top)}" width="4" height="{num(-top)}" fill="var(--fig-wall)"/>'
        )
    if frame.floor:
        if "mat" in figure.props:
            out += (
                f'<rect x="{num(left + 6)}" y="-1.6" width="{num(right - left - 12)}" '
                f'height="2.2" rx="1" fill="var(--fig-mat)"/>'
            )
        out += (
            f'<line x1="{num(left)}" y1="0.9" x2="{num(right)}" y2="0.9" '
            f'stroke="var(--fig-floor)" stroke-width="1"/>'
        )
    return out


def ball(x: float, cls: str = "") -> str:
    r = BALL_RADIUS * UNIT
    attr = f' class="{cls}"' if cls else ""
    return (
        f'<g{attr} transform="translate({num(x * UNIT)},{num(-r)})"><circle r="{num(r)}" '
        f'fill="var(--fig-ball)"/><path d="M {num(-r)} 0 Q 0 {num(r * 0.45)} {num(r)} 0" '
        f'fill="none" stroke="var(--fig-kit)" stroke-width="0.8" opacity="0.5"/></g>'
    )
