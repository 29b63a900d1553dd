"""The four progress charts, drawn on the server with matplotlib: SVG for the web, PNG for the CLI.

Each chart is drawn only from where the runner stands today (core.standing, part of the one
assessment), and the same data always gives the same bytes. matplotlib is imported inside
the functions, with no pyplot and so no GUI backend, so that commands which draw nothing
start fast.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from backstride.core.standing import Standing
from backstride.reports import charts_load, charts_strength
from backstride.reports.figure import STYLE, TITLES, Shown, dark_css

if TYPE_CHECKING:
    from matplotlib.figure import Figure

CHARTS = ("load", "strength", "ladder", "adherence")
FORMATS = ("svg", "png")
PNG_DPI = 150

_DRAW: dict[str, Callable[[Standing, dt.date, Shown], Figure]] = {
    "load": charts_load.draw_load,
    "strength": charts_strength.draw_strength,
    "ladder": charts_strength.draw_ladder,
    "adherence": charts_load.draw_adherence,
}

# matplotlib's settings and font cache are process-wide and the web server draws from several
# threads: one chart at a time, each under its own settings.
_lock = threading.Lock()


def render(
    name: str, standing: Standing, today: dt.date, fmt: str = "svg", shown: Shown | None = None
) -> bytes:
    """One chart (`name` in CHARTS) as SVG or PNG bytes, over the weeks and in the unit
    `shown` asks for (the last 12 weeks in km by default). A runner without data gets a chart
    that says "No data yet"; without a profile only the load chart has something to show.
    The SVG turns dark with the page (PNG stays light: it has no colour scheme)."""
    if name not in CHARTS:
        raise ValueError(f"unknown chart {name!r}; choose from {', '.join(CHARTS)}")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose svg or png")
    import matplotlib

    with _lock, matplotlib.rc_context(cast(Any, STYLE)):
        figure = _DRAW[name](standing, today, shown or Shown())
        return _save(figure, fmt, TITLES[name])


def warm() -> bytes:
    """Load matplotlib and draw one empty chart, so the first real one is drawn at once."""
    from backstride.core.history import History
    from backstride.core.standing import standing

    today = dt.date(2026, 1, 1)
    return render("load", standing(History(), today, None, None), today)


def _save(figure: Figure, fmt: str, title: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "svg":
        # No creation date in the metadata: the same data must give the same bytes.
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Title": title})
        return _with_dark_mode(buffer.getvalue())
    figure.savefig(buffer, format="png", dpi=PNG_DPI, metadata={"Title": title})
    return buffer.getvalue()


def _with_dark_mode(svg: bytes) -> bytes:
    """The SVG with its dark palette: a style sheet put in just after the metadata."""
    marker = b"</metadata>\n"
    style = f' <style type="text/css">{dark_css()}</style>\n'.encode()
    head, found, tail = svg.partition(marker)
    if not found:
        raise ValueError("matplotlib wrote an SVG without metadata")
    return head + marker + style + tail
