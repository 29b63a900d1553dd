"""Which days the programme ran, and so how many strength sessions were planned: counted from
the day it started, never while triage held the plan for a warning sign (DESIGN sections 3-4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from backstride.core.history import History
from backstride.core.profile import Profile
from backstride.core.triage import Report, triage
from backstride.core.vocab import MAX_STRENGTH_DAYS

WEEK_DAYS = 7


@dataclass(frozen=True)
class PlanDays:
    """The programme's days up to today: from `start` (None before anything was logged),
    less the `held` spans (first and last day, both counted) on which triage held the plan."""

    start: dt.date | None
    held: tuple[tuple[dt.date, dt.date], ...]
    per_week: int

    def on_plan(self, day: dt.date) -> bool:
        if self.start is None or day < self.start:
            return False
        return not any(first <= day <= last for first, last in self.held)

    def held_days(self, first: dt.date, last: dt.date) -> int:
        """How many days from `first` to `last` (both counted) the plan was held."""
        spans = ((max(a, first), min(b, last)) for a, b in self.held)
        return sum((b - a).days + 1 for a, b in spans if a <= b)

    def planned(self, monday: dt.date, today: dt.date) -> int:
        """Sessions planned so far in the week starting `monday`: the week's share of
        `per_week` for its days on plan up to today, rounded down, so a session the runner
        still had days for is never counted as missed (a first day plans none)."""
        days = sum(
            self.on_plan(monday + dt.timedelta(days=i))
            for i in range(WEEK_DAYS)
            if monday + dt.timedelta(days=i) <= today
        )
        return self.per_week * days // WEEK_DAYS


def programme_start(history: History, today: dt.date) -> dt.date | None:
    """The first day the runner worked on their plan: their first morning check-in or logged
    session, on or before today. Runs do not count: imported ones may be years older than
    the plan. The profile keeps no date of its own (it is rewritten on every edit)."""
    days = [c.date for c in history.checkins if c.date <= today]
    days += [s.date for s in history.sessions if s.date <= today]
    return min(days) if days else None


def plan_days(profile: Profile, history: History, today: dt.date) -> PlanDays:
    start = programme_start(history, today)
    per_week = min(profile.strength_days_per_week, MAX_STRENGTH_DAYS)
    if start is None:
        return PlanDays(None, (), per_week)
    return PlanDays(start, held_spans(profile, history.reports(), start, today), per_week)


def held_spans(
    profile: Profile, reports: Sequence[Report], start: dt.date, today: dt.date
) -> tuple[tuple[dt.date, dt.date], ...]:
    """The spans from `start` to today on which triage, as it stood that day, held the plan.
    Triage only changes on a day a warning sign was reported or a clearance was given, so
    it is asked once on each such day. Today it sees every report, as the assessment does
    (a sign dated ahead of today already holds today's plan)."""
    changes = {start, today}
    changes |= {r.date for r in reports if r.red_flags and start < r.date < today}
    changes |= {d for d in _clearance_days(profile) if start < d < today}
    spans: list[tuple[dt.date, dt.date]] = []
    points = sorted(changes)
    for i, day in enumerate(points):
        seen = reports if day == today else [r for r in reports if r.date <= day]
        if triage(_as_of(profile, day), seen).allows_plan:
            continue
        last = points[i + 1] - dt.timedelta(days=1) if i + 1 < len(points) else today
        if spans and spans[-1][1] + dt.timedelta(days=1) == day:
            spans[-1] = (spans[-1][0], last)
        else:
            spans.append((day, last))
    return tuple(spans)


def _clearance_days(profile: Profile) -> list[dt.date]:
    days = [profile.clearance.on] if profile.clearance else []
    return days + ([profile.cleared_on] if profile.cleared_on else [])


def _as_of(profile: Profile, day: dt.date) -> Profile:
    """The profile as it stood on `day`: a clearance given later was not there yet."""
    changes: dict[str, object] = {}
    if profile.clearance is not None and profile.clearance.on > day:
        changes["clearance"] = None
    if profile.cleared_on is not None and profile.cleared_on > day:
        changes |= {"cleared_by_clinician": False, "cleared_on": None}
    return profile.model_copy(update=changes) if changes else profile


def in_words(done: int, planned: int, days: PlanDays, today: dt.date, recent: int) -> str:
    """The progress page's sentence on the last `recent` weeks' strength sessions."""
    first = today - dt.timedelta(days=today.weekday(), weeks=recent - 1)
    if days.start is None:
        return (
            "Your first week starts today: sessions are counted from your first strength "
            "session or morning check-in."
        )
    if days.held_days(today, today):
        return (
            "Your plan is on hold until a doctor has seen you, so no sessions are counted as "
            f"planned meanwhile ({done} of {planned} over the last {recent} weeks)."
        )
    if days.start == today:
        return "Your first week starts today: nothing is planned yet, so nothing is missed."
    since = f"Since you started on {days.start.day} {days.start:%b}"
    lead = since if days.start > first else f"Last {recent} weeks"
    text = f"{lead}: {done} of {planned} planned strength sessions."
    if planned == 0:
        text += " A week's sessions are counted as its days go by."
    held = days.held_days(max(first, days.start), today)
    if held:
        plural, verb = ("s", "are") if held > 1 else ("", "is")
        text += f" The {held} day{plural} your plan was on hold {verb} not counted."
    return text
