"""Safety invariants over random valid profiles and histories (hypothesis)."""

from __future__ import annotations

import datetime as dt
import statistics
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from backstride.core.assessment import build_programme
from backstride.core.catalog import load_catalog
from backstride.core.eligibility import exclusion
from backstride.core.history import Checkin, History, Run, Session, SetLog
from backstride.core.profile import Profile
from backstride.core.progression import replay
from backstride.core.vocab import (
    EMERGENCY_FLAGS,
    EQUIPMENT,
    MOVEMENTS,
    RED_FLAGS,
    TIMINGS,
    WORSE_WITH,
)
from tests.factories import TODAY, make_profile, reach_the_jumps

IDS = sorted(load_catalog().exercises)
STRENGTH_IDS = [e.id for e in load_catalog().exercises.values() if e.kind == "strength"]
settings.register_profile(
    "backstride",
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("backstride")


def subset(items: tuple[str, ...] | list[str], max_size: int | None = None) -> Any:
    return st.lists(st.sampled_from(items), unique=True, max_size=max_size)


@st.composite
def profiles(draw: Any, flags: Any = None, abilities: Any = None) -> Profile:
    data = {
        "age": draw(st.integers(12, 100)),
        "running": {
            "level": draw(st.sampled_from(["beginner", "intermediate", "advanced"])),
            "weekly_km": draw(st.floats(0, 200)),
            "runs_per_week": draw(st.integers(0, 14)),
        },
        "pain": {
            "regions": draw(
                st.lists(
                    st.sampled_from(["lower_back", "upper_back"]),
                    min_size=1,
                    max_size=2,
                    unique=True,
                )
            ),
            "intensity": draw(st.integers(0, 10)),
            "weeks": draw(st.integers(0, 60)),
            "trend": draw(st.sampled_from(["better", "same", "worse"])),
            "timing": draw(subset(TIMINGS)),
            "worse_with": draw(subset(WORSE_WITH)),
            "eases_with_rest": draw(st.booleans()),
        },
        "red_flags": draw(flags if flags is not None else subset(RED_FLAGS, 2)),
        "cleared_by_clinician": draw(st.booleans()),
        "equipment": draw(subset(EQUIPMENT)),
        "setting": draw(st.sampled_from(["indoor", "outdoor"])),
        "minutes_per_session": draw(st.integers(5, 120)),
        "strength_days_per_week": draw(st.integers(1, 4)),
        "abilities": draw(
            abilities
            if abilities is not None
            else st.dictionaries(
                st.sampled_from(IDS), st.sampled_from(["ok", "painful", "poor_form"]), max_size=6
            )
        ),
    }
    return Profile.model_validate(data)


dates = st.integers(-120, 3).map(lambda n: TODAY + dt.timedelta(days=n))
pain = st.integers(0, 10)
set_logs = st.builds(
    SetLog,
    exercise=st.sampled_from(STRENGTH_IDS),
    reps=st.integers(0, 15),
    pain=st.integers(0, 10) | st.integers(0, 3),
    form=st.sampled_from(["good", "poor"]),
)
sessions = st.builds(
    Session, date=dates, sets=st.lists(set_logs, min_size=1, max_size=8).map(tuple)
)
checkins = st.builds(
    Checkin, date=dates, morning_pain=pain, red_flags=st.just(()) | subset(RED_FLAGS, 1).map(tuple)
)
runs = st.builds(
    Run,
    date=dates,
    km=st.floats(0.5, 40),
    minutes=st.floats(5, 300),
    pain_during=st.none() | pain,
    pain_after=st.none() | pain,
)
histories = st.builds(
    History,
    sessions=st.lists(sessions, max_size=25).map(tuple),
    checkins=st.lists(checkins.filter(lambda c: not c.red_flags) | checkins, max_size=25).map(
        tuple
    ),
    runs=st.lists(runs, max_size=15).map(tuple),
)


def prescribed(result: Any) -> list[str]:
    plan = result.plan
    return (
        [e.id for e in plan.strength.exercises]
        + [e.id for e in plan.mobility.exercises]
        + [e.id for e in plan.extras]
    )


@given(
    profiles(flags=st.lists(st.sampled_from(EMERGENCY_FLAGS), min_size=1, max_size=2, unique=True)),
    histories,
)
def test_no_plan_at_emergency(profile: Profile, history: History) -> None:
    result = build_programme(profile, history, TODAY)
    assert result.triage.level == "emergency"
    assert result.plan is None


@given(profiles(), histories)
def test_a_plan_only_at_self_manage(profile: Profile, history: History) -> None:
    result = build_programme(profile, history, TODAY)
    assert (result.plan is not None) == (result.triage.level == "self_manage")


@given(profiles(flags=st.just([])), histories)
def test_nothing_that_hurts_is_prescribed(profile: Profile, history: History) -> None:
    result = build_programme(profile, history, TODAY)
    if result.plan is None:
        return
    catalog = load_catalog()
    moves = set(profile.pain.worse_with) & set(MOVEMENTS)
    hurt_in_sessions = {
        s.exercise for x in history.sessions if x.date <= TODAY for s in x.sets if s.pain > 5
    }
    marked = {e for e, a in profile.abilities.items() if a == "painful"}
    for exercise_id in prescribed(result):
        exercise = catalog[exercise_id]
        assert not set(exercise.avoid_when) & moves, exercise_id
        assert exercise_id not in hurt_in_sessions, exercise_id
        assert exercise_id not in marked, exercise_id


@given(profiles(flags=st.just([])), histories)
def test_required_equipment_is_always_available(profile: Profile, history: History) -> None:
    result = build_programme(profile, history, TODAY)
    if result.plan is None:
        return
    for exercise_id in prescribed(result):
        assert set(load_catalog()[exercise_id].equipment) <= set(profile.equipment)


@given(profiles(flags=st.just([])), histories)
def test_strength_dosage_stays_in_range(profile: Profile, history: History) -> None:
    result = build_programme(profile, history, TODAY)
    if result.plan is None:
        return
    strength = result.plan.strength
    assert len(strength.exercises) <= 5
    assert 1 <= strength.days_per_week <= 3
    assert len({e.id for e in strength.exercises}) == len(strength.exercises)
    for item in strength.exercises:
        jump = load_catalog()[item.id].impact
        assert item.sets == 3 and (item.reps_min, item.reps_max) == ((5, 8) if jump else (8, 12))
        assert item.reps_min <= item.target_reps <= item.reps_max


# Profiles that reach the top of the ladder, so that the jump squats are in play.
@given(profiles(flags=st.just([]), abilities=st.just(reach_the_jumps())), histories)
def test_jumping_only_when_pain_allows(profile: Profile, history: History) -> None:
    result = build_programme(profile, history, TODAY)
    if result.plan is None:
        return
    mornings = [c.morning_pain for c in history.until(TODAY).checkins]
    usual = statistics.median(mornings[-7:]) if mornings else profile.pain.intensity
    latest = mornings[-1] if mornings else profile.pain.intensity
    jumping = any(load_catalog()[e].impact for e in prescribed(result))
    event("jump squats prescribed" if jumping else "no jump squats")
    if jumping:
        assert max(usual, latest) <= 3


@given(profiles(), histories)
def test_same_input_same_output(profile: Profile, history: History) -> None:
    assert build_programme(profile, history, TODAY) == build_programme(profile, history, TODAY)


@given(profiles(flags=st.just([])), histories, st.randoms(use_true_random=False))
def test_history_order_does_not_matter(profile: Profile, history: History, rnd: Any) -> None:
    def shuffled(items: tuple[Any, ...]) -> tuple[Any, ...]:
        out = list(items)
        rnd.shuffle(out)
        return tuple(out)

    mixed = History(
        sessions=shuffled(history.sessions),
        checkins=shuffled(history.checkins),
        runs=shuffled(history.runs),
    )
    assert build_programme(profile, mixed, TODAY) == build_programme(profile, history, TODAY)


def links_shown(result: Any) -> list[str]:
    return [link for e in result.plan.strength.exercises for link in (e.easier, e.harder) if link]


def easier_chain(exercise_id: str) -> list[str]:
    catalog, chain = load_catalog(), []
    link = catalog[exercise_id].easier
    while link is not None:
        chain.append(link)
        link = catalog[link].easier
    return chain


@given(profiles(flags=st.just([])), histories)
def test_no_plan_shows_an_excluded_exercise_as_an_item_or_a_link(
    profile: Profile, history: History
) -> None:
    result = build_programme(profile, history, TODAY)
    if result.plan is None:
        return
    catalog = load_catalog()
    ctx = replay(profile, history.until(TODAY), TODAY).ctx
    moves = set(profile.pain.worse_with) & set(MOVEMENTS)
    hurt = {s.exercise for x in history.sessions if x.date <= TODAY for s in x.sets if s.pain > 5}
    marked = {e for e, a in profile.abilities.items() if a == "painful"}
    event("links shown" if links_shown(result) else "no links")
    for exercise_id in prescribed(result) + links_shown(result):
        exercise = catalog[exercise_id]
        assert exclusion(exercise, ctx) is None, exercise_id
        # The same rules checked without core's help:
        assert not set(exercise.avoid_when) & moves, exercise_id
        assert set(exercise.equipment) <= set(profile.equipment), exercise_id
        assert exercise_id not in hurt | marked, exercise_id
    for item in result.plan.strength.exercises:
        # Links stay on the exercise's own chain: never a neighbouring rank.
        assert item.harder in (None, catalog[item.id].harder)
        assert item.easier is None or item.easier in easier_chain(item.id)


# Histories of the last ten days: sessions, each followed by a morning that may be a
# flare-up, and runs that may hurt, so that the jump gate's calendar is what decides.
recent = st.integers(-9, 0).map(lambda n: TODAY + dt.timedelta(days=n))


@st.composite
def calm_histories(draw: Any) -> History:
    mornings = draw(st.lists(st.tuples(recent, st.integers(0, 5)), max_size=6))
    sessions = [
        Session(
            date=when - dt.timedelta(days=1),
            sets=tuple(SetLog(exercise="v_up", reps=8, pain=0, form="good") for _ in range(3)),
        )
        for when, _ in mornings
    ]
    checkins = [Checkin(date=when, morning_pain=pain) for when, pain in mornings]
    pain = st.none() | st.integers(0, 8)
    runs = draw(
        st.lists(
            st.builds(Run, date=recent, km=st.just(5.0), minutes=st.just(30.0), pain_during=pain),
            max_size=3,
        )
    )
    return History(sessions=tuple(sessions), checkins=tuple(checkins), runs=tuple(runs))


# Calm runners at the top of the ladder, indoors or out, beside the fully random ones.
calm_jumpers = st.builds(
    lambda pain, setting: make_profile(
        abilities=reach_the_jumps(), pain={"intensity": pain}, setting=setting
    ),
    st.integers(0, 3),
    st.sampled_from(["indoor", "outdoor"]),
)


@given(
    calm_jumpers | profiles(flags=st.just([]), abilities=st.just(reach_the_jumps())),
    calm_histories() | histories,
)
def test_jumps_never_within_seven_days_of_a_flare_up_or_a_run_above_five(
    profile: Profile, history: History
) -> None:
    result = build_programme(profile, history, TODAY)
    if result.plan is None:
        return
    jumping = any(load_catalog()[e].impact for e in prescribed(result))
    event("jump squats prescribed" if jumping else "no jump squats")
    if not jumping:
        return
    past = history.until(TODAY)
    week = {TODAY - dt.timedelta(days=n) for n in range(7)}  # today and the six days before
    assert not week & set(replay(profile, past, TODAY).flare_dates)
    assert not any(r.date in week and (r.worst_pain or 0) > 5 for r in past.runs)
