"""Drawing the strength charts: target reps over time (b) and the ladder (c)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from backstride.core.catalog import load_catalog
from backstride.core.standing import ExerciseLine, Rung, Standing
from backstride.core.tracks import rep_range
from backstride.core.vocab import REPS_STEP
from backstride.reports.figure import (
    AHEAD_EDGE,
    CARD,
    CURRENT_EDGE,
    CURRENT_FILL,
    INK,
    MUTED,
    RULED_OUT_EDGE,
    RULED_OUT_FILL,
    RULED_OUT_TEXT,
    STAR,
    TARGET,
    TITLES,
    Shown,
    date_axis,
    day_number,
    empty,
    new_figure,
    pt,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def draw_strength(standing: Standing, today: dt.date, shown: Shown) -> Figure:
    lines = standing.strength
    if not lines:
        return empty("strength")
    figure = new_figure(1.0 + 0.9 * len(lines))
    axes = figure.subplots(len(lines), 1, sharex=True, squeeze=False)[:, 0]
    first = min(segment.points[0][0] for line in lines for segment in line.segments)
    # From the programme's start (the replay also walks the runs logged before it) and
    # within the span asked for.
    for bound in (standing.days.start if standing.days else None, shown.first_week(today)):
        if bound is not None:
            first = max(first, bound)
    # A "mastered" label goes right of its star, unless the star is near the right edge.
    turn = first + (today - first) * 0.7
    for ax, line in zip(axes, lines, strict=True):
        _strength_row(ax, line, turn)
    last: Axes = axes[-1]
    last.set_xlim(day_number(first, -3), day_number(today, 3))
    date_axis(last)
    figure.suptitle(TITLES["strength"], x=0.02, ha="left")
    figure.supylabel("Target reps per set")
    return figure


def _strength_row(ax: Axes, line: ExerciseLine, turn: dt.date) -> None:
    # Each exercise on its own scale: the jumps build from 5 to 8, the rest from 8 to 12.
    low, high = rep_range(load_catalog()[line.exercise])
    for segment in line.segments:
        xs = [day_number(day) for day, _ in segment.points]
        ys = [target for _, target in segment.points]
        ax.step(xs, ys, where="post", color=TARGET, lw=2)
        ax.plot(xs[:1], ys[:1], marker="o", color=TARGET, ms=5)
    if line.mastered_on is not None:
        day = line.mastered_on
        ax.plot([day_number(day)], [high], marker="*", ms=15, color=STAR, mec=INK, zorder=3)
        right = day <= turn
        ax.annotate(
            f"mastered {day.day} {day:%b}",
            (day_number(day), high),
            xytext=(11, 0) if right else (-5, -9),
            textcoords="offset points",
            ha="left" if right else "right",
            va="center" if right else "top",
            fontsize=pt(12.5),
        )
    ax.set_ylim(low - 1.2, high + 1.2)
    ax.set_yticks(sorted({*range(low, high + 1, REPS_STEP), high}))
    ax.grid(axis="y", alpha=0.3)
    ax.set_title(line.name, loc="left", fontsize=pt(13.5), pad=3)


# status: (fill, edge, edge width, text colour, hatch, badge)
RUNG_STYLE: dict[str, tuple[str, str, float, str, str, str]] = {
    "mastered": (TARGET, TARGET, 1.0, CARD, "", "\u2713 mastered"),
    "current": (CURRENT_FILL, CURRENT_EDGE, 2.4, INK, "", "\u25b6 now"),
    "ahead": (CARD, AHEAD_EDGE, 1.0, MUTED, "", "ahead"),
    "ruled_out": (RULED_OUT_FILL, RULED_OUT_EDGE, 1.0, RULED_OUT_TEXT, "//", "ruled out"),
}


def draw_ladder(standing: Standing, today: dt.date, shown: Shown) -> Figure:
    rungs = standing.ladder
    if not rungs:
        return empty("ladder")
    figure = new_figure(7.4)
    ax = figure.add_subplot()
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0.45, len(rungs) + 0.55)
    for rung in rungs:
        _rung(ax, rung)
    done = sum(r.status == "mastered" for r in rungs)
    figure.suptitle(TITLES["ladder"], x=0.02, ha="left")
    ax.set_title(
        f"1 = basic, {len(rungs)} = hardest; mastered: {done} of {len(rungs)}",
        loc="left",
        fontsize=pt(12.5),
        color=MUTED,
        fontweight="normal",
    )
    return figure


def _rung(ax: Axes, rung: Rung) -> None:
    from matplotlib.patches import Rectangle

    fill, edge, width, colour, hatch, badge = RUNG_STYLE[rung.status]
    y = rung.rank
    ax.add_patch(
        Rectangle(
            (0.01, y - 0.42), 0.98, 0.84, facecolor=fill, edgecolor=edge, lw=width, hatch=hatch
        )
    )
    ax.text(
        0.05,
        y,
        str(rung.rank),
        ha="center",
        va="center",
        color=colour,
        fontsize=pt(14.5),
        fontweight="bold",
    )
    lift = 0.16 if rung.note else 0.0
    weight = "bold" if rung.status == "current" else "normal"
    name = pt(13.5)
    ax.text(0.1, y + lift, rung.name, va="center", color=colour, fontsize=name, fontweight=weight)
    if rung.note:
        ax.text(0.1, y - 0.2, rung.note, va="center", color=colour, fontsize=pt(12))
    ax.text(0.975, y + lift, badge, ha="right", va="center", color=colour, fontsize=pt(12.5))
