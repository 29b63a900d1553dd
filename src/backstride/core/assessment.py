"""One assessment of one runner on one day: everything the web pages, the API, the CLI and
the charts show, derived once from (profile, history, today). This is the only caller of
the replay; a cache may keep the result (DESIGN section 6), never a fact."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from backstride.core.adherence import plan_days
from backstride.core.calibration import found_so_far, next_to_try
from backstride.core.catalog import load_catalog
from backstride.core.clearance import clearable_reasons
from backstride.core.history import History
from backstride.core.links import RunnerView, runner_view
from backstride.core.plan import Plan, PlanResult
from backstride.core.profile import Profile
from backstride.core.programme import plan_for
from backstride.core.progression import replay
from backstride.core.standing import Standing, standing
from backstride.core.triage import Reason, Triage, triage


@dataclass(frozen=True)
class Assessment:
    """`result` is the plan as the API and the CLI give it; `day_start` the plan as it
    stood when the day began, for the guided session (today's sets do not reshuffle
    today's session); `exercises` each exercise page as this runner sees it today."""

    today: dt.date
    profile: Profile
    result: PlanResult
    day_start: PlanResult
    clearable: list[Reason]
    from_entries: bool
    exercises: Mapping[str, RunnerView]
    next_to_try: str | None
    found: list[str]
    standing: Standing

    @property
    def triage(self) -> Triage:
        return self.result.triage

    @property
    def plan(self) -> Plan | None:
        return self.result.plan

    @property
    def held(self) -> bool:
        """A warning sign holds the plan back until it is resolved."""
        return self.result.plan is None


def assess(profile: Profile, history: History, today: dt.date) -> Assessment:
    """Same inputs, same assessment, whatever the order of the history. A warning sign
    counts whatever the date on its entry, even one dated ahead of today."""
    reports = history.reports()
    found = triage(profile, reports)
    past = history.until(today)
    progress = replay(profile, past, today)
    result = plan_for(profile, past, today, found, progress)
    catalog = load_catalog()
    return Assessment(
        today=today,
        profile=profile,
        result=result,
        day_start=_day_start(profile, past, today, found, result),
        clearable=[] if found.level == "emergency" else clearable_reasons(profile, reports, today),
        from_entries=any(r.red_flags for r in reports),
        exercises={e.id: runner_view(e, progress.ctx) for e in catalog.exercises.values()},
        next_to_try=next_to_try(profile, progress.ctx),
        found=found_so_far(profile, progress.ctx),
        standing=standing(past, today, progress, result.plan, plan_days(profile, history, today)),
    )


def _day_start(
    profile: Profile, past: History, today: dt.date, found: Triage, result: PlanResult
) -> PlanResult:
    """Without sets logged today the day's start is today's plan; with some, the plan from
    the history without them (a second replay, only on a day with a session)."""
    if result.plan is None or not any(s.date == today for s in past.sessions):
        return result
    before = History.model_construct(
        sessions=tuple(s for s in past.sessions if s.date != today),
        checkins=past.checkins,
        runs=past.runs,
    )
    return plan_for(profile, before, today, found, replay(profile, before, today))


def history_alone(history: History, today: dt.date) -> Standing:
    """Without a profile only the load chart has something to show."""
    return standing(history.until(today), today, None, None)


def build_programme(profile: Profile, history: History, today: dt.date) -> PlanResult:
    """Triage first; a plan only at self-manage (the `plan` of DESIGN section 5)."""
    return assess(profile, history, today).result
