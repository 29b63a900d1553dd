"""Today's plan from the triage and the replayed history: strength, mobility, extras, running."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

from backstride.core.catalog import Catalog
from backstride.core.eligibility import Context, exclusion, movement_note
from backstride.core.exercise import Exercise
from backstride.core.form_tips import form_tips
from backstride.core.history import History
from backstride.core.links import links_for
from backstride.core.plan import (
    DoseItem,
    LeftOut,
    Mobility,
    Plan,
    PlanResult,
    Strength,
    StrengthItem,
)
from backstride.core.profile import Profile
from backstride.core.progression import Progress
from backstride.core.running import current_pain, running_advice
from backstride.core.standins import strength_why
from backstride.core.time_budget import dose_for, minutes_of
from backstride.core.todays_session import strength_days, todays_offer
from backstride.core.tracks import rep_range
from backstride.core.triage import HIGH_PAIN, Triage, caution
from backstride.core.vocab import (
    EXTRAS_MIN_MINUTES,
    MAX_STRENGTH_DAYS,
    STRENGTH_SETS,
)
from backstride.core.week import build_week, strength_dates, usual_run_minutes

REPEAT_FLARE_DAYS = 14

MOBILITY_WHEN = (
    "Any time it helps: before a strength session, after a run or on its own. Daily is "
    "fine as long as it leaves your back feeling better, not worse."
)
WHEN_BY_GROUP: dict[str, str] = {
    "flexibility": "Before strength work, after a run or any time; as often as it helps.",
    "mobility_trio": "Daily or before a run; the most useful with upper-back stiffness.",
    "stretch": "After each run, while you are still warm.",
    "stability": "After the strength block on strength days, when you have the time.",
    "core_trio": "After the strength block on strength days, when you have the time.",
}


def plan_for(
    profile: Profile, past: History, today: dt.date, found: Triage, progress: Progress
) -> PlanResult:
    """The plan for today from the triage of every report and the replay of `past` (the
    history cut at today); no plan unless the triage is self-manage. Called once per
    assessment (core.assessment), which makes the one replay."""
    if not found.allows_plan:
        return PlanResult(triage=found, plan=None)
    result = _with_flare_caution(found, progress.flare_dates)
    pain_now = current_pain(past.checkins, profile.pain.intensity)
    result = _with_high_pain_caution(result, pain_now)
    strength = _strength(profile, progress, today)
    mobility = _mobility(profile, progress.ctx)
    stretches = any(progress.ctx.catalog[e.id].group == "stretch" for e in mobility.exercises)
    running = running_advice(pain_now, past.runs, progress.flare_dates, today, stretches)
    extras = _extras(profile, progress.ctx)
    prescribed = {e.id for e in strength.exercises} | {e.id for e in mobility.exercises}
    prescribed |= {e.id for e in extras}
    catalog = progress.ctx.catalog
    # The week follows what was done: strength days from the last logged strength session.
    week = build_week(
        today,
        strength_dates(strength_days(past, catalog), today, strength.days_per_week),
        profile.running.runs_per_week,
        running.mode,
        bool(extras),
        ran=[r.date for r in past.runs],
    )
    session, strength_today = todays_offer(
        strength=strength,
        mobility=mobility,
        extras=extras,
        week=week,
        minutes=profile.minutes_per_session,
        past=past,
        today=today,
        catalog=catalog,
    )
    plan = Plan(
        strength=strength,
        mobility=mobility,
        extras=extras,
        running=running,
        form_tips=form_tips(profile.pain.regions),
        week=week,
        today=today.isoweekday(),
        session=session,
        strength_today=strength_today,
        run_minutes=usual_run_minutes(past.runs),
        changes=progress.changes,
        left_out=_left_out(profile, progress, prescribed),
    )
    return PlanResult(triage=result, plan=plan)


def _with_flare_caution(result: Triage, flares: Sequence[dt.date]) -> Triage:
    """Two flare-ups within 14 days, at any time so far: see a professional (no expiry)."""
    repeated = any(
        0 < (later - earlier).days <= REPEAT_FLARE_DAYS
        for earlier, later in itertools.pairwise(flares)
    )
    if not repeated:
        return result
    return result.model_copy(update={"cautions": [*result.cautions, caution("repeated_flare_ups")]})


def _with_high_pain_caution(result: Triage, pain_now: int) -> Triage:
    """Pain of 6 or more pauses running, whether the profile or the latest check-in says it;
    a calmer check-in since the profile lifts it."""
    others = [c for c in result.cautions if c.code != "high_pain_running_paused"]
    if pain_now >= HIGH_PAIN:
        others.append(caution("high_pain_running_paused"))
    return result.model_copy(update={"cautions": others})


def _strength(profile: Profile, progress: Progress, today: dt.date) -> Strength:
    ctx = progress.ctx
    items = []
    for exercise_id in [*progress.four, *([progress.companion] if progress.companion else [])]:
        exercise = ctx.catalog[exercise_id]
        mastered = exercise_id in progress.mastered
        track = progress.tracks.get(exercise_id)
        low, high = rep_range(exercise)
        # A mastered exercise kept in the four sits at its top, lower only after a flare-up.
        target = high if track is None else track.target
        links = links_for(exercise, ctx)
        items.append(
            StrengthItem(
                id=exercise.id,
                name=exercise.name,
                sets=STRENGTH_SETS,
                reps_min=low,
                reps_max=high,
                target_reps=target,
                per_side=exercise.per_side,
                status="maintain" if mastered else "building",
                easier=links.easier,
                harder=links.harder,
                why=strength_why(exercise_id, progress, today),
                note=movement_note(exercise, ctx),
                minutes=minutes_of([dose_for(exercise, STRENGTH_SETS, target)]),
            )
        )
    days = min(profile.strength_days_per_week, MAX_STRENGTH_DAYS)
    return Strength(days_per_week=days, exercises=items, minutes=block_minutes(items))


def _dose(exercise: Exercise, when: str, why: str, ctx: Context) -> DoseItem:
    d = exercise.dosage
    return DoseItem(
        id=exercise.id,
        name=exercise.name,
        kind=exercise.kind,
        sets=d.sets,
        reps_min=d.reps_min,
        reps_max=d.reps_max,
        hold_seconds=d.hold_seconds,
        per_side=exercise.per_side,
        when=when,
        why=why,
        note=movement_note(exercise, ctx),
        minutes=minutes_of([dose_for(exercise)]),
    )


def block_minutes(items: Sequence[StrengthItem | DoseItem]) -> float:
    """Each item's minutes are tenths already; adding tenths keeps the sum exact."""
    return sum(round(item.minutes * 10) for item in items) / 10


def _allowed(catalog: Catalog, group: str, ctx: Context) -> list[Exercise]:
    return [e for e in catalog.in_group(group) if exclusion(e, ctx) is None]


def _mobility(profile: Profile, ctx: Context) -> Mobility:
    long_sessions = profile.minutes_per_session >= EXTRAS_MIN_MINUTES
    upper = "upper_back" in profile.pain.regions
    groups = {
        "flexibility": (True, "Keep it if it makes your back feel better."),
        "mobility_trio": (
            long_sessions or upper,
            "A physiotherapist's drills to free up the spine and hips.",
        ),
        # The stretches follow runs: today's session holds them only on a run day.
        "stretch": (
            long_sessions or profile.running.runs_per_week > 0,
            "Calves, hamstrings and back loosen up after running.",
        ),
    }
    items = [
        _dose(e, WHEN_BY_GROUP[group], why, ctx)
        for group, (wanted, why) in groups.items()
        if wanted
        for e in _allowed(ctx.catalog, group, ctx)
    ]
    return Mobility(exercises=items, when=MOBILITY_WHEN, minutes=block_minutes(items))


def _extras(profile: Profile, ctx: Context) -> list[DoseItem]:
    if profile.minutes_per_session < EXTRAS_MIN_MINUTES:
        return []
    why = {
        "stability": "Optional: hip and trunk stability with the kit you have.",
        "core_trio": "Optional: extra core work for longer sessions.",
    }
    return [
        _dose(e, WHEN_BY_GROUP[group], why[group], ctx)
        for group in ("stability", "core_trio")
        for e in _allowed(ctx.catalog, group, ctx)
    ]


def _left_out(profile: Profile, progress: Progress, prescribed: set[str]) -> list[LeftOut]:
    ctx = progress.ctx
    out: list[LeftOut] = []
    short = profile.minutes_per_session < EXTRAS_MIN_MINUTES
    for exercise in sorted(ctx.catalog.exercises.values(), key=lambda e: e.id):
        if exercise.id in prescribed:
            continue
        reason = exclusion(exercise, ctx)
        if reason is not None:
            out.append(LeftOut(exercise=exercise.id, code=reason.code, reason=reason.reason))
        elif exercise.id in progress.mastered:
            out.append(
                LeftOut(
                    exercise=exercise.id,
                    code="mastered",
                    reason="mastered; a harder exercise has taken over",
                )
            )
        elif exercise.variant_role == "outdoor" and profile.setting == "indoor":
            out.append(
                LeftOut(
                    exercise=exercise.id,
                    code="indoor_swap",
                    reason="the outdoor version; indoors you do the original",
                )
            )
        elif ctx.outdoor and ctx.catalog.variant(exercise.id, "outdoor"):
            out.append(
                LeftOut(
                    exercise=exercise.id,
                    code="outdoor_swap",
                    reason="outdoors its forward-jump version replaces it",
                )
            )
        elif exercise.group == "stretch":
            out.append(
                LeftOut(
                    exercise=exercise.id,
                    code="no_runs",
                    reason="it follows runs, and you have no runs planned",
                )
            )
        elif short and exercise.group in ("stability", "core_trio", "mobility_trio"):
            out.append(
                LeftOut(
                    exercise=exercise.id,
                    code="short_sessions",
                    reason=f"your sessions are under {EXTRAS_MIN_MINUTES} minutes",
                )
            )
    return out
