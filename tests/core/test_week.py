"""The week follows what was done (DESIGN section 4): strength days from the last logged
strength session, never two within 48 hours, today first and marked, runs on the other days
first; and what today offers for strength, and why."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from backstride.core.assessment import build_programme
from backstride.core.history import History
from backstride.core.plan import Plan
from backstride.core.session_flow import decide_set, strength_items, todays_steps
from backstride.core.todays_session import strength_status, with_choice
from backstride.core.week import continued, strength_dates, usual_run_minutes
from tests.factories import TODAY, day, history, make_profile, run, session, sets


def plan_of(past: History | None = None, when: dt.date = TODAY, **profile: Any) -> Plan:
    result = build_programme(make_profile(**profile), past or history(), when)
    assert result.plan is not None, result.triage
    return result.plan


def strength_on(plan: Plan) -> list[dt.date]:
    return [d.date for d in plan.week if "strength" in d.activities]


def strength_yesterday() -> History:
    return history([session(day(-1), sets("superman", 8))])


def test_without_a_strength_session_yet_the_first_is_today() -> None:
    assert strength_dates([], TODAY, 3)[0] == TODAY
    assert strength_on(plan_of())[0] == TODAY


def test_the_day_after_a_strength_session_is_never_a_strength_day() -> None:
    plan = plan_of(strength_yesterday())
    assert TODAY not in strength_on(plan)
    assert strength_on(plan)[0] == day(1)


def test_the_cadence_shares_out_the_week() -> None:
    # 3 a week: 2, 2 then 3 days apart; 2 a week: 3 then 4; 1 a week: a week apart.
    assert strength_dates([], TODAY, 3, 14) == [day(i) for i in (0, 2, 4, 7, 9, 11)]
    assert strength_dates([], TODAY, 2, 14) == [day(i) for i in (0, 3, 7, 10)]
    assert strength_dates([], TODAY, 1, 14) == [day(0), day(7)]
    # Four a week is capped at three.
    assert strength_dates([], TODAY, 4, 7) == strength_dates([], TODAY, 3, 7)


def test_a_missed_week_starts_again_today() -> None:
    assert strength_dates([day(-10)], TODAY, 2)[0] == TODAY


def test_a_session_logged_today_makes_today_a_strength_day_and_moves_the_week_on() -> None:
    plan = plan_of(
        history([session(day(-2), sets("superman", 8)), session(TODAY, sets("dead_bug", 8))])
    )
    assert strength_on(plan)[:2] == [TODAY, day(2)]


def test_sessions_logged_after_today_are_ignored() -> None:
    assert strength_dates([day(1)], TODAY, 3)[0] == TODAY


def test_the_week_is_the_seven_days_from_today_with_today_marked() -> None:
    plan = plan_of(strength_yesterday())
    assert [d.date for d in plan.week] == [day(i) for i in range(7)]
    assert [d.day for d in plan.week] == [day(i).isoweekday() for i in range(7)]
    assert [d.today for d in plan.week] == [True] + [False] * 6
    assert plan.today == TODAY.isoweekday()


def test_runs_fill_the_days_without_strength_first() -> None:
    plan = plan_of(strength_yesterday(), running={"runs_per_week": 3})
    runs = [d for d in plan.week if "run" in d.activities]
    assert len(runs) == 3
    assert not [d for d in runs if "strength" in d.activities]
    assert [d for d in plan.week if d.activities == ["mobility", "rest"]]


def test_runs_follow_the_last_logged_run() -> None:
    """A run yesterday: today is no run day at three a week, and the next comes two days
    after it; seen tomorrow, with nothing new done, the next two runs stay where they were."""
    ran = history([session(day(-1), sets("superman", 8))], runs=[run(day(-1), 8, minutes=45)])
    plan = plan_of(ran, running={"runs_per_week": 3}, strength_days_per_week=2)
    runs = [d.date for d in plan.week if "run" in d.activities]
    assert TODAY not in runs and runs[0] == day(1)
    tomorrow = plan_of(ran, day(1), running={"runs_per_week": 3}, strength_days_per_week=2)
    later = [d.date for d in tomorrow.week if "run" in d.activities]
    assert later[:2] == runs[:2]


def test_a_run_logged_today_keeps_today_a_run_day() -> None:
    plan = plan_of(history(runs=[run(TODAY, 5, minutes=30)]), running={"runs_per_week": 2})
    assert "run" in plan.week[0].activities


@settings(deadline=None)
@given(st.lists(st.integers(-14, 0), max_size=8), st.integers(1, 7), st.integers(1, 3))
def test_never_more_runs_in_seven_days_than_the_week_asks(
    offsets: list[int], per_week: int, strength: int
) -> None:
    logged = sorted({day(o) for o in offsets})
    past = history(runs=[run(d, 5, minutes=30) for d in logged])
    plan = plan_of(past, strength_days_per_week=strength, running={"runs_per_week": per_week})
    placed = [d.date for d in plan.week for a in d.activities if a == "run"]
    every = sorted(set(logged) | set(placed))
    for d in placed:
        if d in logged:
            continue  # what the runner did is theirs; what the plan places is ours
        assert len([x for x in every if 0 <= (d - x).days < 7]) <= per_week


def test_usual_run_length_is_the_median_of_the_latest_timed_runs() -> None:
    assert usual_run_minutes(()) == 45
    runs = [run(day(-i), 8, minutes=m) for i, m in enumerate((40, 60, 50))]
    assert usual_run_minutes(sorted(runs, key=lambda r: r.date)) == 50
    assert plan_of(history(runs=runs)).run_minutes == 50


# --- what today offers for strength ------------------------------------------------------


def test_strength_status_follows_the_week_and_the_48_hours() -> None:
    assert strength_status(True, day(-3), TODAY) == "strength_day"
    assert strength_status(False, day(-2), TODAY) == "may_choose"
    assert strength_status(False, day(-1), TODAY) == "resting"
    assert strength_status(False, None, TODAY) == "may_choose"


def test_within_48_hours_strength_is_not_offered_and_the_page_says_why() -> None:
    plan = plan_of(strength_yesterday())
    offer = plan.strength_today
    assert offer.status == "resting" and offer.anyway is None
    assert offer.next == day(1) and offer.last == day(-1)
    assert "tomorrow" in offer.message and "48 hours" in offer.message
    assert not [i for i in plan.session.items if i.block in ("strength", "extras")]
    assert plan.session.items, "mobility is still today's session"


def test_on_a_run_day_after_48_hours_the_runner_may_choose_strength() -> None:
    # One a week, the last on Thursday 19 November: the next is Thursday 26; today, a
    # Saturday, is a run day.
    plan = plan_of(history([session(day(-2), sets("superman", 8))]), strength_days_per_week=1)
    offer = plan.strength_today
    assert offer.status == "may_choose" and offer.next == day(5)
    assert offer.message.startswith(
        "Today is a run day in your plan; your next strength session is on Thursday."
    )
    assert offer.anyway is not None
    assert offer.anyway.items[0].block == "strength"
    # Today's session as the week has it: mobility and, after the run, the stretches.
    blocks = {i.block for i in plan.session.items}
    assert "strength" not in blocks and "mobility" in blocks


def test_a_chosen_strength_session_takes_sets_and_a_session_not_chosen_refuses_them() -> None:
    plan = plan_of(history([session(day(-2), sets("superman", 8))]), strength_days_per_week=1)
    set_log = sets("superman", 8, count=1)[0]
    chosen = with_choice(plan, True, [], [])
    assert decide_set(strength_items(todays_steps(chosen)), [], set_log, 1).outcome == "store"
    as_planned = with_choice(plan, False, [], [])
    refused = decide_set(strength_items(todays_steps(as_planned)), [], set_log, 1)
    assert refused.outcome == "refused"
    # Once a strength set is saved today the strength session stands without the choice.
    began = with_choice(plan, False, [set_log], [])
    assert began.session == plan.strength_today.anyway


def test_the_choice_is_refused_within_48_hours() -> None:
    plan = plan_of(strength_yesterday())
    chosen = with_choice(plan, True, [], [])
    assert chosen.session == plan.session
    assert not strength_items(todays_steps(chosen))


# --- over random histories ---------------------------------------------------------------

histories = st.lists(st.integers(-30, 0), max_size=12)


# A whole assessment per example: a shared machine may take longer than the default 200 ms.
@settings(deadline=None)
@given(histories, st.integers(1, 4), st.integers(0, 14), st.integers(0, 6))
def test_never_two_strength_days_within_48_hours(
    offsets: list[int], per_week: int, runs: int, shift: int
) -> None:
    when = TODAY + dt.timedelta(days=shift)
    logged = sorted({when + dt.timedelta(days=o) for o in offsets})
    past = history([session(d, sets("dead_bug", 8)) for d in logged])
    plan = plan_of(past, when, strength_days_per_week=per_week, running={"runs_per_week": runs})
    days = continued(plan.week, plan.strength.days_per_week, 4)
    placed = [d.date for d in days if "strength" in d.activities]
    before = [d for d in logged if d < when]
    every = sorted(set(logged) | set(placed))
    for earlier, d in itertools.pairwise(every):
        if d in logged:
            continue  # what the runner did is theirs; what the plan places is ours
        assert (d - earlier).days >= 2
        assert d - dt.timedelta(days=1) not in logged
        # Never more than the days a week asked for (capped at 3) in any seven days.
        recent = [x for x in every if 0 <= (d - x).days < 7]
        assert len(recent) <= min(per_week, 3)
    # The first strength day comes no earlier than today, and today when nothing is logged.
    if not before:
        assert placed[0] == when
    # Every later week holds exactly the strength days asked for.
    for week in range(1, 4):
        block = days[week * 7 : week * 7 + 7]
        assert sum("strength" in d.activities for d in block) == min(per_week, 3)
    assert sum(d.activities.count("run") for d in plan.week) == runs
    # Today's offer agrees with the week, and strength waits 48 hours after the last one.
    offer = plan.strength_today
    assert (offer.status == "strength_day") == ("strength" in plan.week[0].activities)
    assert (offer.status == "resting") == (
        offer.status != "strength_day" and bool(before) and (when - before[-1]).days < 2
    )
    assert (offer.anyway is not None) == (offer.status == "may_choose")
    if offer.status != "strength_day":
        assert not [i for i in plan.session.items if i.block == "strength"]
