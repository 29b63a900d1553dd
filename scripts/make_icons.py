"""Draws backstride's icons (a runner's spine leaning into a stride, in the app's palette) and
writes them to the web app's static icons folder: the SVG mark and favicon (light and dark),
PNGs at 180, 192 and 512 (plus maskable ones for Android's shaped icons) and favicon.ico.
Run it after changing the drawing: `.venv/bin/python scripts/make_icons.py`."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "src/backstride/web/static/backstride/icons"
BOX = 512  # every shape is drawn in a 512 x 512 box, then scaled
SUPERSAMPLE = 4  # Pillow draws hard edges: draw big, then scale down for smooth ones


@dataclass(frozen=True)
class Palette:
    back: str
    mark: str


# The colours of style.css: the accent green on the light page, the dark page's own.
LIGHT = Palette(back="#1f6f5c", mark="#f7f6f2")
DARK = Palette(back="#121517", mark="#5cc6a6")

Point = tuple[float, float]


def _pill(cx: float, cy: float, width: float, height: float, angle: float) -> list[Point]:
    """A rounded bar (a vertebra) centred on (cx, cy), turned by `angle` radians, as a
    polygon: two half circles joined by straight sides."""
    r = height / 2
    half = width / 2 - r
    points: list[Point] = []
    for end, start in ((half, -math.pi / 2), (-half, math.pi / 2)):
        for i in range(13):
            a = start + math.pi * i / 12
            points.append((end + r * math.cos(a), r * math.sin(a)))
    cos, sin = math.cos(angle), math.sin(angle)
    return [(cx + x * cos - y * sin, cy + x * sin + y * cos) for x, y in points]


def _spine(scale: float) -> tuple[list[list[Point]], tuple[Point, float]]:
    """The vertebrae from the pelvis up, curving forward like a runner's trunk leaning into
    a stride, and the head above them. `scale` shrinks the drawing about the centre (the
    maskable icon keeps it inside the safe circle)."""
    bars = []
    count = 6
    for i in range(count):
        t = i / (count - 1)
        y = 392 - t * 236
        x = 206 + 96 * t * t
        slope = 192 * t
        angle = math.atan2(-236, slope) + math.pi / 2  # square to the line of the spine
        width = 132 - 44 * t
        bars.append(_pill(x, y, width, 30, angle))
    head: Point = (330.0, 100.0)

    def shrink(p: Point) -> Point:
        return (BOX / 2 + (p[0] - BOX / 2) * scale, BOX / 2 + (p[1] - BOX / 2) * scale)

    return [[shrink(p) for p in bar] for bar in bars], (shrink(head), 34 * scale)


def svg(palette: Palette, *, rounded: bool = True, scale: float = 1.0) -> str:
    bars, (head, radius) = _spine(scale)
    corner = ' rx="112"' if rounded else ""
    shapes = "".join(
        '<polygon points="' + " ".join(f"{x:.1f},{y:.1f}" for x, y in bar) + '"/>' for bar in bars
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BOX} {BOX}">'
        f'<rect width="{BOX}" height="{BOX}"{corner} fill="{palette.back}"/>'
        f'<g fill="{palette.mark}">{shapes}'
        f'<circle cx="{head[0]:.1f}" cy="{head[1]:.1f}" r="{radius:.1f}"/></g></svg>\n'
    )


def favicon_svg() -> str:
    """One file for both schemes: the browser follows the system's light or dark."""
    bars, (head, radius) = _spine(1.0)
    shapes = "".join(
        '<polygon points="' + " ".join(f"{x:.1f},{y:.1f}" for x, y in bar) + '"/>' for bar in bars
    )
    style = (
        f".back{{fill:{LIGHT.back}}}.mark{{fill:{LIGHT.mark}}}"
        f"@media (prefers-color-scheme: dark){{.back{{fill:{DARK.back}}}"
        f".mark{{fill:{DARK.mark}}}}}"
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BOX} {BOX}">'
        f"<style>{style}</style>"
        f'<rect class="back" width="{BOX}" height="{BOX}" rx="112"/>'
        f'<g class="mark">{shapes}'
        f'<circle cx="{head[0]:.1f}" cy="{head[1]:.1f}" r="{radius:.1f}"/></g></svg>\n'
    )


def png(palette: Palette, size: int, *, rounded: bool = True, scale: float = 1.0) -> Image.Image:
    big = size * SUPERSAMPLE
    k = big / BOX
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if rounded:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=112 * k, fill=palette.back)
    else:
        draw.rectangle((0, 0, big, big), fill=palette.back)
    bars, (head, radius) = _spine(scale)
    for bar in bars:
        draw.polygon([(x * k, y * k) for x, y in bar], fill=palette.mark)
    cx, cy, r = head[0] * k, head[1] * k, radius * k
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=palette.mark)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "favicon.svg").write_text(favicon_svg())
    for name, palette in (("light", LIGHT), ("dark", DARK)):
        (OUT / f"mark-{name}.svg").write_text(svg(palette))
        for size in (192, 512):
            png(palette, size).save(OUT / f"icon-{name}-{size}.png", optimize=True)
            # A maskable icon is cut to any shape: full bleed, the mark in the safe circle.
            maskable = png(palette, size, rounded=False, scale=0.72)
            maskable.save(OUT / f"maskable-{name}-{size}.png", optimize=True)
    # iOS ignores the manifest's icons and rounds the corners itself.
    png(LIGHT, 180, rounded=False, scale=0.86).convert("RGB").save(OUT / "apple-touch-icon.png")
    png(LIGHT, 64).save(OUT / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48), (64, 64)])


if __name__ == "__main__":
    main()
