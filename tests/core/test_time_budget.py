"""The time budget (DESIGN section 2, 'Time'): how long each exercise and block takes, and
today's session cut to the runner's minutes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from backstride.core.assessment import build_programme
from backstride.core.catalog import load_catalog
from backstride.core.history import History
from backstride.core.plan import Plan
from backstride.core.profile import Profile
from backstride.core.session_fit import BLOCK_ORDER, fit_session
from backstride.core.time_budget import Dose, Offer, dose_for, dose_seconds, tenths
from backstride.core.todays_session import strength_turn
from backstride.core.vocab import EQUIPMENT, MOVEMENTS
from tests.core.test_properties import checkins, runs, sessions, subset
from tests.factories import TODAY, day, history, make_profile, session, sets

SHORTEST_SESSION = 5  # the profile's lower bound for minutes_per_session


def plan_of(when: dt.date = TODAY, past: History | None = None, **profile: Any) -> Plan:
    result = build_programme(make_profile(**profile), past or history(), when)
    assert result.plan is not None, result.triage
    return result.plan


def offer(exercise_id: str, block: Any = "strength", reps: int | None = None) -> Offer:
    exercise = load_catalog()[exercise_id]
    return Offer(exercise.id, exercise.name, block, dose_for(exercise, reps=reps))


# Worked by hand: reps take 6 s (3 s each way), a side switch 10 s per set, 75 s rest
# between strength sets, 20 s between rounds of a drill or stretch, 30 s to change over.
@pytest.mark.parametrize(
    ("exercise_id", "reps", "seconds", "minutes"),
    [
        # 3 x 8: 3*8*6 = 144 s of work, 2 rests of 75 s, one changeover: 324 s.
        ("dead_bug", 8, 324, 5.4),
        # 3 x 8 per side: 3 * (8*6*2 + 10) = 318 s, 150 s of rest, 30 s: 498 s.
        ("single_leg_bridge", 8, 498, 8.3),
        # 3 x 12 per side: 3 * (12*6*2 + 10) = 462 s, 150 s, 30 s: 642 s.
        ("single_leg_bridge", 12, 642, 10.7),
        # 2 x 30 s per side: 2 * (30*2 + 10) = 140 s, one light rest of 20 s, 30 s: 190 s,
        # 3.17 min, shown rounded up to the tenth.
        ("calf_stretch", None, 190, 3.2),
        # 2 x 10 reps held 5 s each: 2 * 10 * (6 + 5) = 220 s, 20 s, 30 s: 270 s.
        ("cobra", None, 270, 4.5),
        # 2 x 30 s on both sides at once: 60 s, 20 s, 30 s: 110 s.
        ("back_stretch", None, 110, 1.9),
    ],
)
def test_the_estimate_of_one_exercise_worked_by_hand(
    exercise_id: str, reps: int | None, seconds: int, minutes: float
) -> None:
    dose = dose_for(load_catalog()[exercise_id], reps=reps)
    assert dose_seconds(dose) == seconds
    assert tenths(seconds) / 10 == minutes


def test_fewer_sets_take_fewer_rests() -> None:
    dose = Dose(sets=3, reps=8, hold_seconds=None, per_side=False, strength=True)
    assert dose_seconds(dose, 1) == 30 + 48
    assert dose_seconds(dose, 2) == 30 + 2 * 48 + 75


def test_each_exercise_and_block_of_the_plan_carries_its_minutes() -> None:
    plan = plan_of(minutes_per_session=60)
    by_id = {e.id: e.minutes for e in plan.strength.exercises}
    # Superman, dead bug and high plank leg lift at 3 x 8; the balance and reach per side.
    assert by_id == {
        "superman": 5.4,
        "dead_bug": 5.4,
        "single_leg_balance_reach": 8.3,
        "high_plank_leg_lift": 5.4,
    }
    assert plan.strength.minutes == 24.5
    mobility = {e.id: e.minutes for e in plan.mobility.exercises}
    assert mobility["cat_cow"] == 2.9 and mobility["cobra"] == 4.5
    assert plan.mobility.minutes == pytest.approx(sum(mobility.values()))
    assert all(e.minutes > 0 for e in plan.extras)


def test_the_estimate_follows_the_target_reps() -> None:
    past = history([session(day(-2), sets("dead_bug", 8))])
    dead_bug = next(e for e in plan_of(past=past).strength.exercises if e.id == "dead_bug")
    # 3 x 10: 180 s of work, 150 s of rest, 30 s: 360 s.
    assert (dead_bug.target_reps, dead_bug.minutes) == (10, 6.0)


def test_a_long_session_holds_everything_and_says_nothing() -> None:
    plan = plan_of(minutes_per_session=120)
    session_ = plan.session
    assert session_.fits and session_.note is None
    assert session_.minutes <= 120
    assert [i.id for i in session_.items if i.block == "strength"] == [
        e.id for e in plan.strength.exercises
    ]
    assert {i.id for i in session_.items if i.block == "extras"} == {e.id for e in plan.extras}
    # The whole session is the sum of its items, rounded to the minute.
    assert session_.minutes == round(sum(i.minutes for i in session_.items))


def test_the_stretches_join_the_session_only_on_a_run_day() -> None:
    # Today is the first strength day of both; 7 runs a week put a run on it, 3 do not.
    run_day = plan_of(minutes_per_session=120, running={"runs_per_week": 7})
    no_run = plan_of(minutes_per_session=120, running={"runs_per_week": 3})
    assert "run" in run_day.week[0].activities and "run" not in no_run.week[0].activities
    stretches = {"calf_stretch", "hamstring_stretch", "back_stretch"}
    assert {i.id for i in run_day.session.items if i.block == "stretches"} == stretches
    assert not [i for i in no_run.session.items if i.block == "stretches"]
    assert not stretches & {i.id for i in no_run.session.items}
    # Not a cut: the stretches follow runs, and there is none today.
    assert no_run.session.fits


def test_twenty_minutes_hold_three_of_the_four_and_say_so() -> None:
    session_ = plan_of(minutes_per_session=20, running={"runs_per_week": 7}).session
    strength = [i.id for i in session_.items if i.block == "strength"]
    assert strength == ["superman", "dead_bug", "single_leg_balance_reach"]
    assert session_.minutes <= 20 and not session_.fits
    assert session_.note is not None
    assert "3 of your 4 strength exercises" in session_.note
    assert "take turns" in session_.note
    # The stretches that did not fit go after the run; the mobility drills to any time.
    assert "after your run" in session_.note and "at any other time" in session_.note


def test_the_strength_exercises_take_turns_from_one_session_to_the_next() -> None:
    four = [offer(e) for e in ("superman", "dead_bug", "high_plank_leg_lift", "v_up")]
    # Each takes 6.6 min at 3 x 12: two fit in 15 minutes, three do not.
    picks = [
        [i.id for i in fit_session(four, 15, turn).items if i.block == "strength"]
        for turn in range(4)
    ]
    assert picks == [
        ["superman", "dead_bug"],
        ["high_plank_leg_lift", "v_up"],
        ["superman", "dead_bug"],
        ["high_plank_leg_lift", "v_up"],
    ]


def test_the_turn_counts_strength_days_before_today_only() -> None:
    catalog = load_catalog()
    past = history(
        [
            session(day(-3), sets("dead_bug", 5)),
            session(day(-1), sets("superman", 5)),
            session(day(-1), sets("dead_bug", 5)),
            session(TODAY, sets("superman", 5)),
        ]
    )
    assert strength_turn(past, TODAY, catalog) == 2


def test_consecutive_sessions_in_the_plan_alternate() -> None:
    first = plan_of(minutes_per_session=15)
    # Sets below the target change nothing in the replay, only the count of sessions.
    past = history([session(day(-2), sets("superman", 4))])
    second = plan_of(past=past, minutes_per_session=15)
    one = [i.id for i in first.session.items if i.block == "strength"]
    two = [i.id for i in second.session.items if i.block == "strength"]
    assert one and two and not set(one) & set(two)
    assert plan_of(past=past, minutes_per_session=15).session == second.session


def test_when_one_exercise_does_not_fit_whole_its_sets_are_cut_and_named() -> None:
    bridge = offer("single_leg_bridge", reps=12)
    session_ = fit_session([bridge], SHORTEST_SESSION, 0)
    # 2 sets: 30 + 2*154 + 75 = 413 s, 6.9 min, too long; 1 set: 184 s, 3.1 min.
    [item] = session_.items
    assert (item.id, item.sets, item.minutes) == ("single_leg_bridge", 1, 3.1)
    assert not session_.fits
    assert session_.note == "To fit your 5 minutes: the single-leg bridge (1 of its 3 sets)."


def test_five_minutes_hold_one_exercise_with_fewer_sets() -> None:
    session_ = plan_of(minutes_per_session=5).session
    [item] = session_.items
    assert item.block == "strength" and item.sets == 2 and session_.minutes <= 5
    assert session_.note is not None
    assert "1 of your 4 strength exercises" in session_.note
    assert "(2 of its 3 sets)" in session_.note


def test_extras_come_only_after_mobility_and_the_stretches() -> None:
    offers = [offer("band_bird_dog", "extras"), offer("cat_cow", "mobility"), offer("dead_bug")]
    session_ = fit_session(offers, 12, 0)
    # Dead bug 5.4 + cat-cow 2.9 leave 3.7: the 9.3 min extra waits.
    assert [i.id for i in session_.items] == ["dead_bug", "cat_cow"]
    assert session_.note == ("Optional extras left for a day with more time: the banded bird dog.")


def test_one_set_of_any_exercise_fits_the_shortest_session() -> None:
    """What lets the floor of one set keep every session within its minutes."""
    for exercise in load_catalog().exercises.values():
        # At the top of its range of reps, which no target goes beyond.
        dose = dose_for(exercise)
        assert dose.reps is None or dose.reps >= (exercise.dosage.reps_min or 0)
        assert tenths(dose_seconds(dose, 1)) <= SHORTEST_SESSION * 10, exercise.id


def offered_seconds(plan: Plan) -> int:
    """The offered session re-estimated from the plan's items and the catalog, exactly."""
    catalog = load_catalog()
    strength = {e.id: e for e in plan.strength.exercises}
    total = 0
    for item in plan.session.items:
        exercise = catalog[item.id]
        reps = strength[item.id].target_reps if item.id in strength else None
        total += dose_seconds(dose_for(exercise, reps=reps), item.sets)
    return total


# Runners who self-manage (most random profiles triage to a doctor), with any time, kit,
# regions, painful movements, calibration answers and days, and histories without signs.
calm_profiles = st.builds(
    lambda minutes, runs, days, regions, kit, setting, moves, pain, abilities: make_profile(
        minutes_per_session=minutes,
        running={"runs_per_week": runs},
        strength_days_per_week=days,
        pain={"regions": regions, "intensity": pain, "worse_with": moves},
        equipment=kit,
        setting=setting,
        abilities=abilities,
    ),
    st.integers(5, 120),
    st.integers(0, 14),
    st.integers(1, 4),
    st.lists(st.sampled_from(["lower_back", "upper_back"]), min_size=1, max_size=2, unique=True),
    subset(EQUIPMENT),
    st.sampled_from(["indoor", "outdoor"]),
    subset(MOVEMENTS),
    st.integers(0, 7),
    st.dictionaries(
        st.sampled_from(sorted(load_catalog().exercises)),
        st.sampled_from(["ok", "painful", "poor_form"]),
        max_size=8,
    ),
)
calm_histories = st.builds(
    History,
    sessions=st.lists(sessions, max_size=25).map(tuple),
    checkins=st.lists(checkins.filter(lambda c: not c.red_flags), max_size=10).map(tuple),
    runs=st.lists(runs, max_size=10).map(tuple),
)


@given(
    calm_profiles,
    calm_histories,
    st.integers(-6, 0).map(lambda n: TODAY + dt.timedelta(days=n)),
)
def test_the_offered_session_never_runs_over_the_runners_minutes(
    profile: Profile, past: History, when: dt.date
) -> None:
    result = build_programme(profile, past, when)
    if result.plan is None:
        event("no plan")
        return
    plan = result.plan
    session_ = plan.session
    event("all fits" if session_.fits else "cut")
    budget = profile.minutes_per_session
    assert offered_seconds(plan) <= budget * 60
    assert sum(round(i.minutes * 10) for i in session_.items) <= budget * 10
    assert session_.minutes <= budget
    # Strength first (the four before any extra), then mobility, stretches, extras.
    blocks = [BLOCK_ORDER.index(i.block) for i in session_.items]
    assert blocks == sorted(blocks)
    strength = {e.id: e for e in plan.strength.exercises}
    offered = {i.id: i for i in session_.items}
    if any(i.block == "extras" for i in session_.items):
        # An optional extra only once all of the four are in, whole.
        assert all(offered.get(e) and offered[e].sets == strength[e].sets for e in strength)
    assert [i.id for i in session_.items if i.block == "strength"] == [
        e for e in strength if e in {i.id for i in session_.items}
    ]
    mobility = {e.id for e in plan.mobility.exercises}
    assert {i.id for i in session_.items if i.block in ("mobility", "stretches")} <= mobility
    assert {i.id for i in session_.items if i.block == "extras"} <= {e.id for e in plan.extras}
    # Never less than one exercise, never less than one set, never more than planned.
    assert session_.items
    for item in session_.items:
        planned = strength[item.id].sets if item.id in strength else None
        assert 1 <= item.sets <= (planned or load_catalog()[item.id].dosage.sets)
    if any(i.block == "stretches" for i in session_.items):
        assert "run" in plan.week[0].activities
    if not session_.fits:
        assert session_.note
    else:
        assert session_.note is None
        if plan.strength_today.status == "strength_day":
            assert {e for e in strength} <= {i.id for i in session_.items}
    if plan.strength_today.status != "strength_day":
        # Only a strength day holds the strength block; another offers it apart, if at all.
        assert not [i for i in session_.items if i.block in ("strength", "extras")]
    anyway = plan.strength_today.anyway
    if anyway is not None:
        assert anyway.minutes <= budget
    assert plan.today == when.isoweekday()
    assert plan.week[0].today and plan.week[0].date == when
