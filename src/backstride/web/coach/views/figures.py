"""An exercise's animated figure as an SVG file (no account needed)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import etag, require_safe

from backstride.core.figures.drawings import etag_of, svg_of

# A day: a browser keeps the figure, and after an upgrade checks its ETag again.
MAX_AGE = 24 * 60 * 60


def _etag(request: HttpRequest, exercise_id: str) -> str | None:
    return etag_of(exercise_id)


# Outside the ETag check, so a 304 carries the cache lifetime too.
@cache_control(public=True, max_age=MAX_AGE)
@require_safe
@etag(_etag)
def figure_svg(request: HttpRequest, exercise_id: str) -> HttpResponse:
    svg = svg_of(exercise_id)
    if svg is None:
        raise Http404("no such exercise")
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
