"""Drawing the weekly charts: load beside pain (a) and sessions done against planned (d)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from backstride.core.standing import Standing
from backstride.reports.figure import (
    FLARE,
    KM,
    MORNING,
    MUTED,
    ON_PLAN,
    RUN_PAIN,
    SHORT,
    TITLES,
    date_axis,
    day_number,
    empty,
    gaps,
    new_figure,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

BAR_DAYS = 6


def draw_load(standing: Standing, today: dt.date) -> Figure:
    from matplotlib.patches import Patch

    series = standing.load
    if series is None:
        return empty("load")
    figure = new_figure(5.4)
    ax = figure.add_subplot()
    middles = [day_number(w.start, 3.5) for w in series.weeks]
    km = [w.km for w in series.weeks]
    bars = ax.bar(middles, km, width=BAR_DAYS, color=KM, label="km per week", zorder=2)
    for start in sorted(series.flare_weeks & {w.start for w in series.weeks}):
        ax.axvspan(day_number(start), day_number(start, 7), color=FLARE, alpha=0.28, lw=0)
    ax.set_ylim(0, max(max(km) * 1.15, 10))
    ax.set_ylabel("km per week")
    ax.set_title(TITLES["load"], loc="left")
    date_axis(ax)
    pain = ax.twinx()
    pain.spines["right"].set_visible(True)
    morning = pain.plot(
        middles,
        gaps([w.morning_pain for w in series.weeks]),
        marker="o",
        color=MORNING,
        lw=2.5,
        label="Morning pain",
    )
    run = pain.plot(
        middles,
        gaps([w.run_pain for w in series.weeks]),
        marker="s",
        ls="--",
        color=RUN_PAIN,
        lw=2,
        label="Pain on runs",
    )
    pain.set_ylim(0, 10)
    pain.set_yticks(range(0, 11, 2))
    pain.set_ylabel("Pain (0-10)")
    handles: list[Any] = [bars, morning[0], run[0]]
    if series.flare_weeks:
        handles.append(Patch(color=FLARE, alpha=0.5, label="Flare-up week"))
    figure.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False)
    return figure


def draw_adherence(standing: Standing, today: dt.date) -> Figure:
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    rows = standing.adherence
    if not rows:
        return empty("adherence")
    planned = rows[0][2]
    done = [d for _, d, _ in rows]
    middles = [day_number(start, 3.5) for start, _, _ in rows]
    figure = new_figure(4.4)
    ax = figure.add_subplot()
    colours = [ON_PLAN if d >= planned else SHORT for d in done]
    ax.bar(middles, done, width=BAR_DAYS, color=colours, zorder=2)
    if planned:
        # The plan as an empty dashed box per week: a week with nothing done still shows.
        ax.bar(
            middles,
            [planned] * len(rows),
            width=BAR_DAYS - 0.6,
            fill=False,
            edgecolor=MUTED,
            lw=1.2,
            ls="--",
            zorder=1,
        )
    ax.set_ylim(0, max([*done, planned]) + 1)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("Sessions per week")
    ax.set_title(TITLES["adherence"], loc="left")
    ax.grid(axis="y", alpha=0.3, zorder=0)
    date_axis(ax)
    plan_label = f"Planned: {planned}" if planned else "Plan on hold"
    handles = [
        Patch(color=ON_PLAN, label="As planned"),
        Patch(color=SHORT, label="Fewer"),
        Patch(fill=False, edgecolor=MUTED, ls="--", label=plan_label),
    ]
    figure.legend(handles=handles, loc="outside lower center", ncols=3, frameon=False)
    return figure
