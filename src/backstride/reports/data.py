"""The numbers behind the progress charts and page, derived through core from profile + history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from backstride.core.eligibility import exclusion, rank_candidates, resolve_rank
from backstride.core.history import History
from backstride.core.insights import (
    Finding,
    Week,
    adherence,
    flare_weeks,
    load_and_pain,
    week_start,
    weeks,
)
from backstride.core.profile import Profile
from backstride.core.programme import build_programme
from backstride.core.progression import Progress, replay

# The charts show at least a month, so one week of data still reads as a timeline, and at most
# a year, so a long history stays legible on a phone.
MIN_WEEKS = 4
MAX_WEEKS = 52
RECENT_WEEKS = 4

Status = Literal["mastered", "current", "ahead", "ruled_out"]


def first_day(history: History) -> dt.date | None:
    """The earliest day anything was logged, or None for an empty history."""
    days = [s.date for s in history.sessions] + [c.date for c in history.checkins]
    days += [r.date for r in history.runs]
    return min(days) if days else None


def span(history: History, today: dt.date) -> int:
    """How many weeks the charts cover: 0 without data, else from the first week with data
    to the current one, kept between MIN_WEEKS and MAX_WEEKS."""
    first = first_day(history)
    if first is None:
        return 0
    count = (week_start(today) - week_start(first)).days // 7 + 1
    return max(MIN_WEEKS, min(MAX_WEEKS, count))


@dataclass(frozen=True)
class Load:
    weeks: list[Week]
    flare_weeks: set[dt.date]
    finding: Finding


def load(profile: Profile | None, history: History, today: dt.date) -> Load | None:
    """Weekly load and pain; None when there is nothing to show."""
    past = history.until(today)
    count = span(past, today)
    if count == 0:
        return None
    flares = flare_weeks(replay(profile, past, today).flare_dates) if profile else set()
    rows = weeks(past, today, count)
    if not any(w.runs or w.morning_pain is not None for w in rows):
        return None
    return Load(rows, flares, load_and_pain(past, today))


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


def strength(profile: Profile, history: History, today: dt.date) -> list[ExerciseLine]:
    """Each exercise's target reps over time, in ladder order, with the day it was mastered."""
    progress = replay(profile, history.until(today), today)
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


@dataclass(frozen=True)
class Rung:
    rank: int
    exercise: str
    name: str
    status: Status
    note: str


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
        return Rung(rank, pick, item.name, "ahead", "on hold until a doctor has seen you")
    if pick in progress.four:
        track = progress.tracks.get(pick)
        reps = f"target {track.target} reps" if track else "in your block"
        return Rung(rank, pick, item.name, "current", f"{reps}, {version}" if version else reps)
    return Rung(rank, pick, item.name, "ahead", version)


def ladder(profile: Profile, history: History, today: dt.date) -> list[Rung]:
    """The 12 ranks, lowest first, each with the exercise filling it and where it stands."""
    progress = replay(profile, history.until(today), today)
    # While triage holds the plan back, nothing is shown as the runner's current block.
    on_hold = build_programme(profile, history, today).plan is None
    ladder = progress.ctx.catalog.ladder
    return [_rung(i, main, progress, on_hold) for i, main in enumerate(ladder, 1)]


def planned_per_week(profile: Profile, history: History, today: dt.date) -> int:
    """Strength days the current plan asks for; none while triage holds the plan back."""
    result = build_programme(profile, history, today)
    return result.plan.strength.days_per_week if result.plan else 0


def sessions_per_week(
    profile: Profile, history: History, today: dt.date
) -> list[tuple[dt.date, int, int]]:
    """(week start, sessions done, planned) over the chart span; empty without data."""
    past = history.until(today)
    count = span(past, today)
    if count == 0 or not past.sessions:
        return []
    return adherence(past, today, planned_per_week(profile, past, today), count)


@dataclass(frozen=True)
class Summary:
    """What the progress page says in words beside the charts."""

    finding: Finding
    mastered: list[tuple[dt.date, str]]
    recent_done: int
    recent_planned: int


def summary(profile: Profile, history: History, today: dt.date) -> Summary:
    past = history.until(today)
    progress = replay(profile, past, today)
    catalog = progress.ctx.catalog
    mastered = sorted((day, catalog[e].name) for e, day in mastered_days(progress).items())
    recent = adherence(past, today, planned_per_week(profile, past, today), RECENT_WEEKS)
    return Summary(
        finding=load_and_pain(past, today),
        mastered=mastered,
        recent_done=sum(done for _, done, _ in recent),
        recent_planned=sum(planned for _, _, planned in recent),
    )
