"""The look shared by the progress charts: size, fonts, colours, dates on the x axis, and the
"No data yet" picture. matplotlib is imported inside the functions (see charts.py)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

TITLES = {
    "load": "Weekly running load and back pain",
    "strength": "Target reps per exercise",
    "ladder": "The strength ladder: where you stand",
    "adherence": "Strength sessions done vs planned",
}
HINTS = {
    "load": "Log runs and morning check-ins\nto see them side by side.",
    "strength": "Log strength sessions\nto see your targets climb.",
    "ladder": "Do the check-in first:\nthe ladder starts from your answers.",
    "adherence": "Log strength sessions\nto compare them with your plan.",
}
NO_DATA = "No data yet"

# A phone shows the picture about 340 CSS pixels wide: at 6.4 inches (614 px) the 16-point
# text still reads at about 12 px there, and 52 weekly bars still fit across.
WIDTH = 6.4
EPOCH = dt.date(1970, 1, 1)
STYLE: dict[str, Any] = {
    # A fixed salt and epoch: the same data gives the same SVG, byte for byte.
    "svg.hashsalt": "backstride",
    "date.epoch": "1970-01-01T00:00:00",
    "font.size": 16,
    "axes.titlesize": 18,
    "axes.titleweight": "bold",
    "axes.labelsize": 16,
    "xtick.labelsize": 15,
    "ytick.labelsize": 15,
    "legend.fontsize": 15,
    "legend.handlelength": 1.6,
    "legend.columnspacing": 1.2,
    "figure.titlesize": 18,
    "figure.titleweight": "bold",
    "figure.labelsize": 16,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
}

INK = "#1d2327"
MUTED = "#5a6470"
KM = "#4f9a85"
MORNING = "#b3261e"
RUN_PAIN = "#7a3fb0"
FLARE = "#c77a2e"
TARGET = "#1f6f5c"
STAR = "#b07a00"
ON_PLAN = "#1f6f5c"
SHORT = "#b07a00"


def new_figure(height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(WIDTH, height), layout="constrained")


def empty(name: str) -> Figure:
    """The chart's title over "No data yet" and a hint of what to log."""
    figure = new_figure(3.2)
    ax = figure.add_subplot()
    ax.set_axis_off()
    ax.set_title(TITLES[name], loc="left")
    ax.text(
        0.5,
        0.58,
        NO_DATA,
        ha="center",
        va="center",
        fontsize=26,
        color=MUTED,
        fontweight="bold",
        transform=ax.transAxes,
    )
    ax.text(0.5, 0.22, HINTS[name], ha="center", va="center", color=MUTED, transform=ax.transAxes)
    return figure


def day_number(day: dt.date, plus_days: float = 0.0) -> float:
    """matplotlib's date number (days since the epoch STYLE sets) of a date, shifted."""
    return float((day - EPOCH).days) + plus_days


MAX_TICKS = 7
MONTHS = (1, 2, 3, 4, 6, 12)


def date_ticks(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """At most 7 dated ticks between two days: Mondays for a short span, else the first of
    every 1, 2, 3, 4, 6 or 12 months; a month's name carries its year in January and on the
    first tick. Computed here: matplotlib's automatic date ticks took half of a chart's time."""
    mondays = [first + dt.timedelta(days=(-first.weekday()) % 7)]
    while (nxt := mondays[-1] + dt.timedelta(weeks=1)) <= last:
        mondays.append(nxt)
    if len([d for d in mondays if d <= last]) <= MAX_TICKS:
        return [(d, f"{d.day} {d:%b}") for d in mondays if d <= last]
    starts = []
    month = dt.date(first.year, first.month, 1)
    while month <= last:
        if month >= first:
            starts.append(month)
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    step = next((n for n in MONTHS if math.ceil(len(starts) / n) <= MAX_TICKS), 12)
    picked = [d for d in starts if (d.year * 12 + d.month - 1) % step == 0]
    return [
        (d, f"{d:%b %Y}" if d.month == 1 or i == 0 else f"{d:%b}") for i, d in enumerate(picked)
    ]


def date_axis(ax: Axes) -> None:
    from matplotlib.ticker import FixedFormatter, FixedLocator

    low, high = ax.get_xlim()
    first = EPOCH + dt.timedelta(days=math.ceil(low))
    last = EPOCH + dt.timedelta(days=math.floor(high))
    ticks = date_ticks(first, last)
    ax.xaxis.set_major_locator(FixedLocator([day_number(d) for d, _ in ticks]))
    ax.xaxis.set_major_formatter(FixedFormatter([label for _, label in ticks]))


def gaps(values: Sequence[float | None]) -> list[float]:
    """Missing values as NaN, which matplotlib leaves as a gap in a line."""
    return [math.nan if v is None else v for v in values]
