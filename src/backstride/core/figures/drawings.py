"""The packaged exercises' figures, drawn once per process."""

from __future__ import annotations

import hashlib
from functools import cache

from backstride.core.catalog import load_catalog
from backstride.core.figures.svg import Drawing, render


def drawing_of(exercise_id: str) -> Drawing | None:
    """The exercise's drawing, or None for an unknown id or one without a figure."""
    catalog = load_catalog()
    if exercise_id not in catalog:
        return None
    exercise = catalog[exercise_id]
    if exercise.figure is None:
        return None
    return Drawing(exercise.id, exercise.name, exercise.per_side, exercise.figure)


def svg_of(exercise_id: str, motion: bool = True) -> str | None:
    """The figure's SVG (None when there is none); `motion=False`: start and end only."""
    # Only the catalog's ids reach the cache: any other id in a URL would grow it.
    return _drawn(exercise_id, motion) if exercise_id in load_catalog() else None


def etag_of(exercise_id: str) -> str | None:
    return _tag(exercise_id) if exercise_id in load_catalog() else None


@cache
def _drawn(exercise_id: str, motion: bool) -> str | None:
    drawing = drawing_of(exercise_id)
    return None if drawing is None else render(drawing, motion)


@cache
def _tag(exercise_id: str) -> str | None:
    svg = _drawn(exercise_id, True)
    return None if svg is None else hashlib.sha256(svg.encode()).hexdigest()[:20]


def draw_all() -> None:
    """Draw every figure once (a server worker does it in the background as it starts)."""
    for exercise_id in load_catalog().exercises:
        svg_of(exercise_id)
        svg_of(exercise_id, motion=False)
