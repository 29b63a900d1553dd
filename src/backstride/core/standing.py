"""Where the runner stands, for the progress page and its charts: weekly load beside pain,
each exercise's targets over time, the ladder and adherence. Built from the one replay
the assessment makes (core.assessment), never from a replay of its own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from backstride.core.adherence import PlanDays, in_words
from backstride.core.eligibility import exclusion, rank_candidates, resolve_rank
from backstride.core.history import History
from backstride.core.insights import (
    FINDING_WEEKS,
    Finding,
    Week,
    adherence,
    finding,
    flare_weeks,
    week_start,
    weeks,
)
from backstride.core.plan import Plan
from backstride.core.progression import Progress

# The charts show at least a month, so one week of data still reads as a timeline; the
# standing keeps every week since the first entry, and each chart shows the window asked for.
MIN_WEEKS = 4
RECENT_WEEKS = 4
ON_HOLD = "on hold until a doctor has seen you"

Status = Literal["mastered", "current", "ahead", "ruled_out"]


def first_day(history: History) -> dt.date | None:
    """The earliest day anything was logged, or None for an empty history."""
    days = [s.date for s in history.sessions] + [c.date for c in history.checkins]
    days += [r.date for r in history.runs]
    return min(days) if days else None


def span(history: History, today: dt.date) -> int:
    """How many weeks the charts can cover: 0 without data, else from the first week with
    data to the current one, at least MIN_WEEKS."""
    first = first_day(history)
    if first is None:
        return 0
    count = (week_start(today) - week_start(first)).days // 7 + 1
    return max(MIN_WEEKS, count)


@dataclass(frozen=True)
class Load:
    weeks: list[Week]
    flare_weeks: set[dt.date]
    finding: Finding


@dataclass(frozen=True)
class Segment:
    """A stretch of days an exercise was in the block: each point a (day, target); the last
    point repeats the last target on the day the stretch ended (or today)."""

    points: list[tuple[dt.date, int]]


@dataclass(frozen=True)
class ExerciseLine:
    exercise: str
    name: str
    segments: list[Segment]
    mastered_on: dt.date | None


@dataclass(frozen=True)
class Rung:
    rank: int
    exercise: str
    name: str
    status: Status
    note: str


@dataclass(frozen=True)
class Summary:
    """What the progress page says in words beside the charts."""

    finding: Finding
    mastered: list[tuple[dt.date, str]]
    recent_done: int
    recent_planned: int
    adherence: str
    started: dt.date | None


@dataclass(frozen=True)
class Standing:
    """Everything the progress page and the four charts show. `load` is None when there
    is nothing to chart; the strength lines, the ladder and adherence are empty without a
    profile (only the load chart can be drawn from the history alone)."""

    load: Load | None
    strength: list[ExerciseLine]
    ladder: list[Rung]
    adherence: list[tuple[dt.date, int, int]]
    summary: Summary | None
    days: PlanDays | None = None


def standing(
    past: History,
    today: dt.date,
    progress: Progress | None,
    plan: Plan | None,
    days: PlanDays | None = None,
) -> Standing:
    """`past` is the history cut at today; `progress` its replay (None without a profile);
    `plan` today's plan, None while triage holds it back; `days` the programme's days (from
    its start, less the days it was held), which give the planned sessions."""
    count = span(past, today)
    # One pass over the history for every weekly figure: the charts' span, the finding's
    # 26 weeks and the last four weeks of adherence are all tails of the same weeks.
    rows = weeks(past, today, max(count, FINDING_WEEKS, RECENT_WEEKS))
    if progress is None:
        return Standing(_load(rows, count, set()), [], [], [], None)
    on_hold = plan is None
    days = days or PlanDays(None, (), 0)
    per_week = _sessions_per_week(rows, count, days, today)
    return Standing(
        load=_load(rows, count, flare_weeks(progress.flare_dates)),
        strength=_strength(progress, today),
        ladder=_ladder(progress, on_hold),
        adherence=per_week,
        summary=_summary(rows, progress, per_week, days, today),
        days=days,
    )


def _load(rows: list[Week], count: int, flares: set[dt.date]) -> Load | None:
    shown = rows[-count:] if count else []
    if not any(w.runs or w.morning_pain is not None for w in shown):
        return None
    return Load(shown, flares, finding(rows[-FINDING_WEEKS:]))


def mastered_days(progress: Progress) -> dict[str, dt.date]:
    return {c.exercise: c.date for c in progress.changes if c.kind == "mastered" and c.exercise}


def _segments(progress: Progress, exercise: str, today: dt.date) -> list[Segment]:
    out: list[Segment] = []
    points: list[tuple[dt.date, int]] = []
    for day, targets in progress.timeline:
        if exercise in targets:
            points.append((day, targets[exercise]))
        elif points:
            out.append(Segment([*points, (day, points[-1][1])]))
            points = []
    if points:
        out.append(Segment([*points, (max(today, points[-1][0]), points[-1][1])]))
    return out


def _strength(progress: Progress, today: dt.date) -> list[ExerciseLine]:
    """Each exercise's target reps over time, in ladder order, with the day it was mastered."""
    catalog = progress.ctx.catalog
    seen = {e for _, targets in progress.timeline for e in targets}
    done = mastered_days(progress)

    def order(exercise_id: str) -> tuple[int, str]:
        item = catalog[exercise_id]
        parent = catalog[item.variant_of] if item.variant_of else item
        return (parent.ladder_rank or 99, exercise_id)

    return [
        ExerciseLine(e, catalog[e].name, _segments(progress, e, today), done.get(e))
        for e in sorted(seen, key=order)
    ]


def _rung(rank: int, main: str, progress: Progress, on_hold: bool) -> Rung:
    ctx = progress.ctx
    catalog = ctx.catalog
    pick = resolve_rank(main, ctx)
    if pick is None:
        first = catalog[rank_candidates(catalog, main, ctx.outdoor)[0]]
        why = exclusion(first, ctx)
        return Rung(rank, main, first.name, "ruled_out", why.reason if why else "")
    item = catalog[pick]
    version = f"the {item.variant_role} version" if item.variant_role else ""
    if pick in progress.mastered or main in progress.mastered:
        return Rung(rank, pick, item.name, "mastered", version)
    if pick in progress.four and on_hold:
        return Rung(rank, pick, item.name, "ahead", ON_HOLD)
    if pick in progress.four:
        track = progress.tracks.get(pick)
        reps = f"target {track.target} reps" if track else "in your block"
        return Rung(rank, pick, item.name, "current", f"{reps}, {version}" if version else reps)
    return Rung(rank, pick, item.name, "ahead", version)


def _ladder(progress: Progress, on_hold: bool) -> list[Rung]:
    """The 12 ranks, lowest first, each with the exercise filling it and where it stands.
    While triage holds the plan back, nothing is shown as the runner's current block."""
    ladder = progress.ctx.catalog.ladder
    return [_rung(i, main, progress, on_hold) for i, main in enumerate(ladder, 1)]


def _sessions_per_week(
    rows: list[Week], count: int, days: PlanDays, today: dt.date
) -> list[tuple[dt.date, int, int]]:
    """(week start, sessions done, planned so far) from the programme's first week."""
    return adherence(rows[-count:], days, today) if count else []


def _summary(
    rows: list[Week],
    progress: Progress,
    per_week: list[tuple[dt.date, int, int]],
    days: PlanDays,
    today: dt.date,
) -> Summary:
    catalog = progress.ctx.catalog
    mastered = sorted((day, catalog[e].name) for e, day in mastered_days(progress).items())
    recent = per_week[-RECENT_WEEKS:]
    done, planned = sum(r[1] for r in recent), sum(r[2] for r in recent)
    return Summary(
        finding=finding(rows[-FINDING_WEEKS:]),
        mastered=mastered,
        recent_done=done,
        recent_planned=planned,
        adherence=in_words(done, planned, days, today, RECENT_WEEKS),
        started=days.start,
    )
