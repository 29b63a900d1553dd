"""Drawing the weekly charts: load beside pain (a) and sessions done against planned (d)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from backstride.core.insights import week_start
from backstride.core.standing import MIN_WEEKS, Standing
from backstride.core.units import from_km
from backstride.reports.figure import (
    FLARE,
    HELD,
    KM,
    MORNING,
    MUTED,
    ON_PLAN,
    RUN_PAIN,
    SHORT,
    TITLES,
    Shown,
    date_axis,
    day_number,
    empty,
    gaps,
    new_figure,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

BAR_DAYS = 6
FIRST_WEEK_HINT = "Your first week starts today:\nsessions count from now on."


def draw_load(standing: Standing, today: dt.date, shown: Shown) -> Figure:
    from matplotlib.patches import Patch

    series = standing.load
    if series is None:
        return empty("load")
    rows = [w for w in series.weeks if shown.keeps(w.start, today)]
    figure = new_figure(4.0)
    ax = figure.add_subplot()
    middles = [day_number(w.start, 3.5) for w in rows]
    distances = [from_km(w.km, shown.unit) for w in rows]
    per_week = f"{shown.unit} per week"
    bars = ax.bar(middles, distances, width=BAR_DAYS, color=KM, label=per_week, zorder=2)
    for start in sorted(series.flare_weeks & {w.start for w in rows}):
        ax.axvspan(day_number(start), day_number(start, 7), color=FLARE, alpha=0.28, lw=0)
    ax.set_ylim(0, max(max(distances) * 1.15, 10))
    ax.set_xlim(day_number(rows[0].start), day_number(week_start(today), 7))
    ax.set_ylabel(per_week)
    # The title over the whole figure: over the axes alone it runs into the right one.
    figure.suptitle(TITLES["load"], x=0.02, ha="left")
    date_axis(ax)
    pain = ax.twinx()
    pain.spines["right"].set_visible(True)
    morning = pain.plot(
        middles,
        gaps([w.morning_pain for w in rows]),
        marker="o",
        color=MORNING,
        lw=2,
        ms=5,
        label="Morning pain",
    )
    run = pain.plot(
        middles,
        gaps([w.run_pain for w in rows]),
        marker="s",
        ls="--",
        color=RUN_PAIN,
        lw=1.6,
        ms=4.5,
        label="Pain on runs",
    )
    pain.set_ylim(0, 10)
    pain.set_yticks(range(0, 11, 2))
    pain.set_ylabel("Pain (0-10)")
    handles: list[Any] = [bars, morning[0], run[0]]
    if series.flare_weeks & {w.start for w in rows}:
        handles.append(Patch(color=FLARE, alpha=0.5, label="Flare-up week"))
    figure.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False)
    return figure


def draw_adherence(standing: Standing, today: dt.date, shown: Shown) -> Figure:
    """Sessions done each week against those planned so far, from the week the programme
    started; days the plan was held for a warning sign are shaded and plan nothing."""
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    rows = [r for r in standing.adherence if shown.keeps(r[0], today)]
    if not any(done or planned for _, done, planned in rows):
        starts_today = standing.days is not None and standing.days.start == today
        return empty("adherence", FIRST_WEEK_HINT if starts_today else None)
    done = [d for _, d, _ in rows]
    planned = [p for _, _, p in rows]
    middles = [day_number(start, 3.5) for start, _, _ in rows]
    figure = new_figure(3.3)
    ax = figure.add_subplot()
    colours = [ON_PLAN if d >= p else SHORT for d, p in zip(done, planned, strict=True)]
    ax.bar(middles, done, width=BAR_DAYS, color=colours, zorder=2)
    # The plan as an empty dashed box per week: a week with nothing done still shows.
    boxes = [(m, p) for m, p in zip(middles, planned, strict=True) if p]
    ax.bar(
        [m for m, _ in boxes],
        [p for _, p in boxes],
        width=BAR_DAYS - 0.6,
        fill=False,
        edgecolor=MUTED,
        lw=1.1,
        ls="--",
        zorder=3,
    )
    held = _shade_held(ax, standing, rows[0][0], today)
    ax.set_ylim(0, max([*done, *planned]) + 1)
    # At least MIN_WEEKS on the axis, so a first week reads as the start of a timeline.
    first = min(rows[0][0], week_start(today) - dt.timedelta(weeks=MIN_WEEKS - 1))
    ax.set_xlim(day_number(first), day_number(week_start(today), 7))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("Sessions per week")
    figure.suptitle(TITLES["adherence"], x=0.02, ha="left")
    ax.grid(axis="y", alpha=0.3, zorder=0)
    date_axis(ax)
    handles = [
        Patch(color=ON_PLAN, label="As planned"),
        Patch(color=SHORT, label="Fewer"),
        Patch(fill=False, edgecolor=MUTED, ls="--", label="Planned so far"),
    ]
    if held:
        handles.append(Patch(color=HELD, alpha=0.35, label="Plan on hold"))
    figure.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False)
    return figure


def _shade_held(ax: Any, standing: Standing, first: dt.date, today: dt.date) -> bool:
    """Shade the days the plan was held; True when some fall in the chart."""
    spans = standing.days.held if standing.days else ()
    shown = [(max(a, first), b) for a, b in spans if b >= first]
    for a, b in shown:
        ax.axvspan(day_number(a), day_number(b, 1), color=HELD, alpha=0.35, lw=0, zorder=1)
    return bool(shown)
