"""The exercise figures, inline in a page: {% exercise_figure exercise_id %}."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from backstride.core.figures.drawings import drawing_of, svg_of
from backstride.core.figures.svg import alt_text

register = template.Library()


@register.simple_tag
def exercise_figure(exercise_id: str, mode: str = "motion") -> SafeString:
    """The figure's SVG in a frame; mode "motion" (animated, start and end under reduced
    motion and in print), "stills" (start and end side by side) or "file" (the animated
    figure's own address: the copies of the session's steps ahead that the page carries
    for use with no signal, each shown from the worker's cache rather than inline)."""
    if mode == "file":
        return _as_file(exercise_id)
    svg = svg_of(exercise_id, motion=mode != "stills")
    if svg is None:
        return mark_safe("")
    # The SVG is our own drawing, built from the packaged catalog and escaped as it is built.
    return mark_safe(f'<div class="exercise-figure">{svg}</div>')


def _as_file(exercise_id: str) -> SafeString:
    drawing = drawing_of(exercise_id)
    if drawing is None:
        return mark_safe("")
    return format_html(
        '<div class="exercise-figure"><img src="{}" alt="{}"></div>',
        reverse("coach:figure", args=[exercise_id]),
        alt_text(drawing),
    )
