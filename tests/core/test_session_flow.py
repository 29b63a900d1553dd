"""The guided session: sets in order, and a set above 5/10 pain stops that exercise."""

from __future__ import annotations

from backstride.core.assessment import build_programme
from backstride.core.history import SetLog
from backstride.core.session_flow import (
    BAD_NUMBER,
    NOT_TODAY,
    STOPPED,
    decide_set,
    is_new_set,
    session_flow,
)
from tests.factories import TODAY, history, make_profile, sets


def items():  # type: ignore[no-untyped-def]
    plan = build_programme(make_profile(), history(), TODAY).plan
    assert plan is not None
    return plan.strength.exercises


def test_a_fresh_session_starts_with_set_one_of_the_first_exercise() -> None:
    flow = session_flow(items(), [])
    assert flow.next is not None
    assert (flow.next.exercise.id, flow.next.number) == ("superman", 1)


def test_after_three_sets_the_next_exercise_comes() -> None:
    flow = session_flow(items(), sets("superman", 8))
    assert flow.next is not None
    assert (flow.next.exercise.id, flow.next.number) == ("dead_bug", 1)


def test_a_set_above_five_stops_that_exercise_and_says_why() -> None:
    flow = session_flow(items(), sets("superman", 8, pain=6, count=1))
    assert [s.exercise.id for s in flow.stopped] == ["superman"]
    assert "6/10" in flow.stopped[0].reason
    assert flow.next is not None and flow.next.exercise.id == "dead_bug"


def test_pain_five_does_not_stop() -> None:
    flow = session_flow(items(), sets("superman", 8, pain=5, count=1))
    assert flow.stopped == []
    assert flow.next is not None and (flow.next.exercise.id, flow.next.number) == ("superman", 2)


def test_the_session_finishes_when_every_exercise_is_done_or_stopped() -> None:
    logged = (
        sets("superman", 8)
        + sets("dead_bug", 8, pain=7, count=1)
        + sets("single_leg_balance_reach", 8)
        + sets("high_plank_leg_lift", 8)
    )
    flow = session_flow(items(), logged)
    assert flow.finished
    assert len(flow.done) == 4


def test_a_set_number_already_saved_is_the_same_set_sent_again() -> None:
    done = SetLog(exercise="superman", reps=8, pain=0, form="good")
    other = SetLog(exercise="dead_bug", reps=8, pain=0, form="good")
    assert not is_new_set(done, 1, [done])
    assert is_new_set(done, 2, [done, other])
    assert is_new_set(done, None, [done])


SET = SetLog(exercise="superman", reps=8, pain=1, form="good")


def test_a_set_of_todays_exercise_is_stored() -> None:
    decision = decide_set(items(), [], SET, 1)
    assert (decision.outcome, decision.stops, decision.problems) == ("store", False, ())


def test_a_set_of_another_exercise_is_refused_and_says_so() -> None:
    other = SET.model_copy(update={"exercise": "v_up"})
    decision = decide_set(items(), [], other, 1)
    assert decision.outcome == "refused"
    assert decision.problems == (NOT_TODAY,)


def test_a_set_number_already_stored_is_a_resend() -> None:
    assert decide_set(items(), [SET], SET, 1).outcome == "resend"
    assert decide_set(items(), [SET], SET, 2).outcome == "store"
    # Without a number every set is new.
    assert decide_set(items(), [SET], SET, None).outcome == "store"


def test_a_set_number_below_one_is_refused() -> None:
    decision = decide_set(items(), [], SET, 0)
    assert decision.outcome == "refused" and decision.problems == (BAD_NUMBER,)


def test_a_set_above_five_stops_the_exercise_and_takes_no_more_sets() -> None:
    painful = SET.model_copy(update={"pain": 6})
    first = decide_set(items(), [], painful, 1)
    assert first.outcome == "store" and first.stops
    assert first.note(painful) == "Pain 6/10 is above 5: that exercise stops here."
    # The same set sent again is answered the same; a further set is refused.
    again = decide_set(items(), [painful], painful, 1)
    assert again.outcome == "resend" and again.stops
    after = decide_set(items(), [painful], SET, 2)
    assert after.outcome == "refused" and after.problems == (STOPPED,)


def test_pain_of_five_does_not_stop() -> None:
    five = SET.model_copy(update={"pain": 5})
    decision = decide_set(items(), [], five, 1)
    assert decision.outcome == "store" and not decision.stops and decision.note(five) is None
