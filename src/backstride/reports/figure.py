"""The look shared by the progress charts: size, fonts, colours, dates on the x axis, and the
"No data yet" picture. matplotlib is imported inside the functions (see charts.py)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from backstride.core.errors import InputError, Problem
from backstride.core.insights import week_start
from backstride.core.units import DistanceUnit

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

# On a 390 px phone a chart is shown 340 CSS px wide: main's 16 px padding and the figure
# card's 8 px padding and 1 px border either side (style.css, coach/progress.html). An SVG
# unit is a point, so a font of `pt(px)` points is `px` CSS px tall there, and every text is
# at least MIN_TEXT_PX (tests/reports/test_chart_looks.py reads it back from the SVG).
PHONE_PX = 340
MIN_TEXT_PX = 12
WIDTH = 4.6
EPOCH = dt.date(1970, 1, 1)


def pt(px: float) -> float:
    """The font size, in points, that shows `px` CSS px tall on the phone."""
    # Rounded up, so the text is never a hair under `px`.
    return math.ceil(px * WIDTH * 72 / PHONE_PX * 100) / 100


TEXT_PX = 13.0
SMALL_PX = 12.5
STYLE: dict[str, Any] = {
    # A fixed salt and epoch: the same data gives the same SVG, byte for byte.
    "svg.hashsalt": "backstride",
    "date.epoch": "1970-01-01T00:00:00",
    "font.size": pt(TEXT_PX),
    "axes.titlesize": pt(15),
    "axes.titleweight": "bold",
    "axes.labelsize": pt(TEXT_PX),
    "xtick.labelsize": pt(SMALL_PX),
    "ytick.labelsize": pt(SMALL_PX),
    "legend.fontsize": pt(SMALL_PX),
    "legend.handlelength": 1.4,
    "legend.columnspacing": 1.0,
    "figure.titlesize": pt(15),
    "figure.titleweight": "bold",
    "figure.labelsize": pt(TEXT_PX),
    "axes.spines.top": False,
    "axes.spines.right": False,
}

# The light palette, drawn into the SVG, and what each colour becomes in dark mode: the
# page's own dark colours (style.css) where it has one, else a lighter tone of the same hue.
CARD = "#ffffff"
INK = "#1d2327"
MUTED = "#5a6470"
GRID = "#b0b0b0"
KM = "#4f9a85"
MORNING = "#b3261e"
RUN_PAIN = "#7a3fb0"
FLARE = "#c77a2e"
TARGET = "#1f6f5c"
STAR = "#b07a00"
ON_PLAN = TARGET
SHORT = STAR
HELD = "#8d959c"
CURRENT_FILL = "#dbeafe"
CURRENT_EDGE = "#1d4ed8"
AHEAD_EDGE = "#9aa3ab"
RULED_OUT_FILL = "#f1f1f1"
RULED_OUT_EDGE = "#c4c4c4"
RULED_OUT_TEXT = "#80868c"
DARK = {
    CARD: "#1c2124",  # --card
    INK: "#e8eaec",  # --fg
    MUTED: "#a3adb8",  # --muted
    GRID: "#5d676f",
    KM: "#4fa88f",
    MORNING: "#ff8a80",  # --danger-bg
    RUN_PAIN: "#c9a2ff",
    FLARE: "#e39a4f",
    TARGET: "#5cc6a6",  # --accent
    STAR: "#f0c04a",
    HELD: "#6b747b",
    CURRENT_FILL: "#1f3350",
    CURRENT_EDGE: "#8ab4ff",
    AHEAD_EDGE: "#6b747b",
    RULED_OUT_FILL: "#262c30",
    RULED_OUT_EDGE: "#4a5358",
    RULED_OUT_TEXT: "#8d97a0",
}
STYLE |= {
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": MUTED,
    "axes.facecolor": CARD,
    "xtick.color": INK,
    "ytick.color": INK,
    "grid.color": GRID,
    "figure.facecolor": CARD,
    "savefig.facecolor": CARD,
}


def dark_css() -> str:
    """A style sheet for the SVG: under a dark colour scheme each light colour gives way to
    its dark one. Chromium applies it to an SVG shown as an image, following the page's
    scheme; matplotlib writes colours as inline styles (and the hatch's fill as an attribute),
    which a rule marked !important outranks."""
    rules = []
    for light, dark in DARK.items():
        rules.append(f'[style*="fill: {light}"],[fill="{light}"]{{fill:{dark}!important}}')
        rules.append(f'[style*="stroke: {light}"]{{stroke:{dark}!important}}')
    return "@media (prefers-color-scheme: dark){" + "".join(rules) + "}"


# The time axis: the last 12 weeks unless a longer span is asked for (None: everything).
WINDOWS: dict[str, int | None] = {"12": 12, "26": 26, "52": 52, "all": None}
DEFAULT_WINDOW = "12"
WINDOW_LABELS = {"12": "12 weeks", "26": "26 weeks", "52": "A year", "all": "All"}


@dataclass(frozen=True)
class Shown:
    """How a chart is asked to show the runner's data: the last `weeks` weeks (None for all
    of it), distances in `unit` (the data stays in km)."""

    weeks: int | None = WINDOWS[DEFAULT_WINDOW]
    unit: DistanceUnit = "km"

    def first_week(self, today: dt.date) -> dt.date | None:
        """The Monday of the first week in the window, None for all the data."""
        if self.weeks is None:
            return None
        return week_start(today) - dt.timedelta(weeks=self.weeks - 1)

    def keeps(self, day: dt.date, today: dt.date) -> bool:
        first = self.first_week(today)
        return first is None or day >= first


def window_of(value: str, field: str = "weeks") -> int | None:
    """The weeks a chart covers, from `?weeks=` or `--weeks`: 12, 26, 52 or all."""
    if value not in WINDOWS:
        shown = value if len(value) <= 20 else f"{value[:20]}..."
        problem = f"{shown!r} is not a span to show; choose 12, 26, 52 or all"
        raise InputError([Problem(field, problem)])
    return WINDOWS[value]


def new_figure(height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(WIDTH, height), layout="constrained")


def empty(name: str, hint: str | None = None) -> Figure:
    """The chart's title over "No data yet" and a hint of what to log."""
    figure = new_figure(2.4)
    ax = figure.add_subplot()
    ax.set_axis_off()
    ax.set_title(TITLES[name], loc="left")
    ax.text(
        0.5,
        0.58,
        NO_DATA,
        ha="center",
        va="center",
        fontsize=pt(20),
        color=MUTED,
        fontweight="bold",
        transform=ax.transAxes,
    )
    text = hint or HINTS[name]
    ax.text(0.5, 0.22, text, ha="center", va="center", color=MUTED, transform=ax.transAxes)
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
    # No tick on the right edge itself: it would name the day after the last one shown.
    last = EPOCH + dt.timedelta(days=math.ceil(high) - 1)
    ticks = date_ticks(first, last)
    ax.xaxis.set_major_locator(FixedLocator([day_number(d) for d, _ in ticks]))
    ax.xaxis.set_major_formatter(FixedFormatter([label for _, label in ticks]))


def gaps(values: Sequence[float | None]) -> list[float]:
    """Missing values as NaN, which matplotlib leaves as a gap in a line."""
    return [math.nan if v is None else v for v in values]
