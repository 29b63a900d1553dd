"""What the runner's own data shows: weekly load, pain beside it, and adherence (issues 4, 12)."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from backstride.core.adherence import PlanDays
from backstride.core.history import History, Run
from backstride.core.units import DistanceUnit, from_km

HIGH_LOAD_FOLLOW_WEEKS = 3
MIN_HIGH_WEEKS = 2
MIN_OTHER_WEEKS = 3


def week_start(day: dt.date) -> dt.date:
    """The Monday of the day's week."""
    return day - dt.timedelta(days=day.weekday())


@dataclass(frozen=True)
class Week:
    start: dt.date
    km: float
    minutes: float
    runs: int
    morning_pain: float | None
    run_pain: float | None
    sessions: int


def _mean(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None


def weeks(history: History, today: dt.date, count: int) -> list[Week]:
    """The last `count` weeks (Monday to Sunday), oldest first, the current one included.
    Each entry is put in its week once, so a year of weeks costs one pass over the history."""
    first = week_start(today) - dt.timedelta(weeks=count - 1)
    end = week_start(today) + dt.timedelta(days=6)
    runs: dict[dt.date, list[Run]] = {}
    mornings: dict[dt.date, list[float]] = {}
    sessions: dict[dt.date, int] = {}
    for r in history.runs:
        if first <= r.date <= end:
            runs.setdefault(week_start(r.date), []).append(r)
    for c in history.checkins:
        if first <= c.date <= end:
            mornings.setdefault(week_start(c.date), []).append(float(c.morning_pain))
    for s in history.sessions:
        if first <= s.date <= end:
            start = week_start(s.date)
            sessions[start] = sessions.get(start, 0) + 1
    out = []
    for i in range(count):
        start = first + dt.timedelta(weeks=i)
        ran = runs.get(start, [])
        pains = [float(r.worst_pain) for r in ran if r.worst_pain is not None]
        out.append(
            Week(
                start,
                sum(r.km for r in ran),
                sum(r.minutes or 0 for r in ran),
                len(ran),
                _mean(mornings.get(start, [])),
                _mean(pains),
                sessions.get(start, 0),
            )
        )
    return out


@dataclass(frozen=True)
class Finding:
    """What the runner's weeks show about load and pain, with what it rests on. The words
    are made in the runner's distance unit (`text_in`); the figures stay in km."""

    weeks_used: int
    enough: bool
    weeks_needed: int = 0
    threshold_km: float = 0.0
    pain_after: float = 0.0
    pain_other: float = 0.0

    @property
    def text(self) -> str:
        return self.text_in("km")

    def text_in(self, unit: DistanceUnit) -> str:
        if self.weeks_needed:
            return (
                f"Too early to say: log runs in {self.weeks_needed} more week(s) to compare "
                "load and pain."
            )
        if not self.enough:
            return (
                "Not enough weeks yet with both higher running load and morning "
                "check-ins to compare; keep logging."
            )
        return (
            f"In the {HIGH_LOAD_FOLLOW_WEEKS} weeks after weeks above "
            f"{from_km(self.threshold_km, unit):.0f} {unit} your morning pain averaged "
            f"{self.pain_after:.1f}, against {self.pain_other:.1f} in the other weeks "
            f"(based on {self.weeks_used} weeks with check-ins)."
        )


FINDING_WEEKS = 26


def finding(recent: Sequence[Week]) -> Finding:
    """Morning pain in the weeks after the runner's higher-load weeks against the rest,
    over `recent` (oldest first; the runner's last FINDING_WEEKS). 'Higher load' is the
    runner's own upper quarter of weekly distance."""
    ran = [w for w in recent if w.runs]
    if len(ran) < MIN_HIGH_WEEKS + MIN_OTHER_WEEKS:
        need = MIN_HIGH_WEEKS + MIN_OTHER_WEEKS - len(ran)
        return Finding(len(ran), False, weeks_needed=need)
    threshold = statistics.quantiles([w.km for w in ran], n=4)[2]
    high = [i for i, w in enumerate(recent) if w.runs and w.km > threshold]
    after: set[int] = {j for i in high for j in range(i + 1, i + 1 + HIGH_LOAD_FOLLOW_WEEKS)}
    pain_after = [recent[j].morning_pain for j in after if j < len(recent)]
    pain_other = [w.morning_pain for i, w in enumerate(recent) if i not in after]
    pain_after_ok = [p for p in pain_after if p is not None]
    pain_other_ok = [p for p in pain_other if p is not None]
    used = len(pain_after_ok) + len(pain_other_ok)
    if len(high) < MIN_HIGH_WEEKS or len(pain_after_ok) < 2 or len(pain_other_ok) < 2:
        return Finding(used, False)
    return Finding(
        used,
        True,
        threshold_km=threshold,
        pain_after=statistics.fmean(pain_after_ok),
        pain_other=statistics.fmean(pain_other_ok),
    )


def adherence(
    rows: Sequence[Week], days: PlanDays, today: dt.date
) -> list[tuple[dt.date, int, int]]:
    """(week start, strength sessions done, planned so far) for each of these weeks from the
    one the programme started in: none before it, as nothing was planned then."""
    if days.start is None:
        return []
    first = week_start(days.start)
    return [(w.start, w.sessions, days.planned(w.start, today)) for w in rows if w.start >= first]


def flare_weeks(flare_dates: Sequence[dt.date]) -> set[dt.date]:
    return {week_start(d) for d in flare_dates}
