"""The exercise figures, inline in a page: {% exercise_figure exercise_id %}."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from backstride.core.figures.drawings import svg_of

register = template.Library()


@register.simple_tag
def exercise_figure(exercise_id: str, mode: str = "motion") -> SafeString:
    """The figure's SVG in a frame; mode "motion" (animated, start and end under reduced
    motion and in print) or "stills" (start and end side by side)."""
    svg = svg_of(exercise_id, motion=mode != "stills")
    if svg is None:
        return mark_safe("")
    # The SVG is our own drawing, built from the packaged catalog and escaped as it is built.
    return mark_safe(f'<div class="exercise-figure">{svg}</div>')
