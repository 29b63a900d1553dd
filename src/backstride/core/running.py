"""Running advice from pain and load: the running mode and the load warnings (section 4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pydantic import BaseModel

from backstride.core.history import Checkin, Run
from backstride.core.units import DistanceUnit, from_km
from backstride.core.vocab import ACCEPTABLE_PAIN, SAFE_PAIN, RunningMode

MODE_ORDER: dict[str, int] = {"normal": 0, "easy_only": 1, "paused": 2}
FLARE_EASY_DAYS = 7
CLEAN_RUNS_NEEDED = 3
WEEKLY_JUMP = 0.30
LONG_RUN_SPIKE = 0.10
SPIKE_LOOKBACK_DAYS = 30
# The warnings' windows end today (DESIGN section 5): a long run is news for the week
# it was run in, like the weekly jump; months later it would only be noise.
SPIKE_FRESH_DAYS = 7


class LoadWarning(BaseModel):
    """`message` is in km; the figures it compares (km too) let a page say it in the
    runner's unit (`in_unit`): the last 7 days against the 7 before (`weekly_jump`), or the
    latest run, of `day`, against the longest of the 30 days before (`long_run_spike`)."""

    code: str
    message: str
    recent_km: float | None = None
    earlier_km: float | None = None
    day: dt.date | None = None

    def in_unit(self, unit: DistanceUnit) -> str:
        if self.recent_km is None or self.earlier_km is None:
            return self.message
        return load_message(self.code, self.recent_km, self.earlier_km, self.day, unit)


def _dist(km: float, unit: DistanceUnit) -> str:
    return f"{from_km(km, unit):.1f} {unit}"


def load_message(
    code: str, recent_km: float, earlier_km: float, day: dt.date | None, unit: DistanceUnit
) -> str:
    """The words of a load warning, its distances in `unit` (the rise is the same in both)."""
    recent, earlier = _dist(recent_km, unit), _dist(earlier_km, unit)
    if code == "weekly_jump":
        rise = (recent_km / earlier_km - 1) * 100
        return (
            f"{recent} in the last 7 days is {rise:.0f}% more than the {earlier} of the "
            "week before; keep weekly rises to 30% or less."
        )
    return (
        f"Your run of {recent} on {day} is more than 10% longer than your longest in the "
        f"30 days before ({earlier}); lengthen long runs gently."
    )


class RunningAdvice(BaseModel):
    mode: RunningMode
    advice: list[str]
    warnings: list[LoadWarning]


def current_pain(checkins: Sequence[Checkin], profile_pain: int) -> int:
    """The latest morning check-in (the worst, if a day has several), else the profile."""
    return checkins[-1].morning_pain if checkins else profile_pain


def mode_from_pain(pain: int) -> RunningMode:
    if pain > ACCEPTABLE_PAIN:
        return "paused"
    return "easy_only" if pain >= 1 else "normal"


def clean_runs_since_painful(runs: Sequence[Run]) -> int | None:
    """Rated runs at 3 or below since the last run above 5; None when no run was above 5.
    Unrated runs count as load only, so they neither break nor extend the count."""
    count: int | None = None
    for run in runs:
        pain = run.worst_pain
        if pain is None:
            continue
        if pain > ACCEPTABLE_PAIN:
            count = 0
        elif count is not None:
            count = count + 1 if pain <= SAFE_PAIN else 0
    return count


def running_mode(
    pain_now: int, runs: Sequence[Run], flare_dates: Sequence[dt.date], today: dt.date
) -> tuple[RunningMode, list[str]]:
    """The most restrictive of the running rules wins; each rule that bites says why."""
    modes: list[tuple[RunningMode, str]] = [(mode_from_pain(pain_now), _pain_reason(pain_now))]
    modes += [("easy_only", why) for why in easy_only_reasons(runs, flare_dates, today)]
    mode = max((m for m, _ in modes), key=MODE_ORDER.__getitem__)
    reasons = [why for m, why in modes if m != "normal" or len(modes) == 1]
    return mode, reasons


def easy_only_reasons(
    runs: Sequence[Run], flare_dates: Sequence[dt.date], today: dt.date
) -> list[str]:
    """What keeps runs easy whatever this morning's pain: a painful run, a flare-up."""
    reasons = []
    clean = clean_runs_since_painful(runs)
    if clean is not None and clean < CLEAN_RUNS_NEEDED:
        reasons.append(
            f"A recent run hurt more than 5/10: easy runs only until {CLEAN_RUNS_NEEDED} "
            f"runs in a row stay at 3 or below ({clean} so far)."
        )
    if any(0 <= (today - d).days < FLARE_EASY_DAYS for d in flare_dates):
        reasons.append("You had a flare-up this past week: easy runs only.")
    return reasons


def _pain_reason(pain: int) -> str:
    if pain > ACCEPTABLE_PAIN:
        return (
            f"Your pain is {pain}/10: running is paused. Walk, cycle or swim gently "
            "instead until it is 5 or below."
        )
    if pain >= 1:
        return (
            f"Your back still hurts ({pain}/10): keep to easy, comfortable runs at a "
            "pace where you can talk."
        )
    return "No pain this morning: run as normal, building up gradually."


def km_between(runs: Sequence[Run], first: dt.date, last: dt.date) -> float:
    return sum(r.km for r in runs if first <= r.date <= last)


def weekly_jump(runs: Sequence[Run], today: dt.date) -> LoadWarning | None:
    """The last 7 days (today included) against the 7 before. A week with no runs gives no
    base: against nothing, every week would be a jump, and runners who run every other
    week would be warned each time they run."""
    this_week = km_between(runs, today - dt.timedelta(days=6), today)
    last_week = km_between(runs, today - dt.timedelta(days=13), today - dt.timedelta(days=7))
    if last_week <= 0 or this_week <= last_week * (1 + WEEKLY_JUMP):
        return None
    return LoadWarning(
        code="weekly_jump",
        message=load_message("weekly_jump", this_week, last_week, None, "km"),
        recent_km=this_week,
        earlier_km=last_week,
    )


def long_run_spike(runs: Sequence[Run], today: dt.date) -> LoadWarning | None:
    """The longest run of the latest running day against the longest of the 30 days before."""
    recent = [r for r in runs if r.date <= today]
    if not recent:
        return None
    latest_day = max(r.date for r in recent)
    if (today - latest_day).days >= SPIKE_FRESH_DAYS:
        return None
    latest = max(r.km for r in recent if r.date == latest_day)
    window = [
        r.km
        for r in recent
        if latest_day - dt.timedelta(days=SPIKE_LOOKBACK_DAYS) <= r.date < latest_day
    ]
    if not window or latest <= max(window) * (1 + LONG_RUN_SPIKE):
        return None
    longest = max(window)
    return LoadWarning(
        code="long_run_spike",
        message=load_message("long_run_spike", latest, longest, latest_day, "km"),
        recent_km=latest,
        earlier_km=longest,
        day=latest_day,
    )


def running_advice(
    pain_now: int,
    runs: Sequence[Run],
    flare_dates: Sequence[dt.date],
    today: dt.date,
    stretches: bool = False,
) -> RunningAdvice:
    """`stretches`: the post-run stretches are in the plan, so the advice may point to them."""
    mode, advice = running_mode(pain_now, runs, flare_dates, today)
    if mode != "paused":
        advice.append(
            "Pain during a run should stay at 5/10 or below and settle by the next "
            "morning; if not, make the next runs shorter and easier."
        )
    if pain_now <= SAFE_PAIN and not easy_only_reasons(runs, flare_dates, today):
        advice.append("While pain stays at 3/10 or below you may add distance, a little each week.")
    if stretches and mode != "paused":
        advice.append("Do the post-run stretches after each run if they help your back.")
    warnings = [w for w in (weekly_jump(runs, today), long_run_spike(runs, today)) if w]
    return RunningAdvice(mode=mode, advice=advice, warnings=warnings)
