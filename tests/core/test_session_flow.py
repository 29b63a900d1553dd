"""The guided session: every item of today's session in order, sets for strength, done or
skipped for the rest; resends stored once; bad input refused; the summary at the end."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backstride.core.assessment import build_programme
from backstride.core.errors import InputError, validate
from backstride.core.history import History, ItemLog, Session, SetLog
from backstride.core.plan import Block, DoseItem, Plan, StrengthItem
from backstride.core.session_dose import dose_words, holds
from backstride.core.session_flow import (
    BAD_FEELING,
    BAD_NUMBER,
    BAD_OUTCOME,
    EXTRAS_TOGETHER,
    NOT_AN_ITEM,
    NOT_TODAY,
    NOTHING_TO_RATE,
    SETS_ONE_BY_ONE,
    SKIPPED,
    STOPPED,
    Step,
    decide_feeling,
    decide_item,
    decide_items,
    decide_set,
    guide,
    is_new_set,
    strength_items,
    todays_steps,
)
from backstride.core.session_summary import duration_words, minutes_taken, summarise
from tests.factories import TODAY, checkin, day, history, make_profile, sets


def plan() -> Plan:
    found = build_programme(make_profile(minutes_per_session=60), history(), TODAY).plan
    assert found is not None
    return found


def dose(exercise: str) -> DoseItem:
    p = plan()
    return next(e for e in [*p.mobility.exercises, *p.extras] if e.id == exercise)


def strength(exercise: str) -> StrengthItem:
    return next(e for e in plan().strength.exercises if e.id == exercise)


def steps() -> list[Step]:
    """A session of two strength exercises, a drill in reps, a stretch held per side, a
    stretch held once, and an optional extra: built here, apart from the time budget."""
    return [
        Step("strength", 3, strength("superman")),
        Step("strength", 2, strength("dead_bug")),
        Step("mobility", 2, dose("cat_cow")),
        Step("mobility", 2, dose("figure_four_stretch")),
        Step("stretches", 2, dose("back_stretch")),
        Step("extras", 3, dose("side_plank_hip_abduction")),
    ]


def done(exercise: str) -> ItemLog:
    return ItemLog(exercise=exercise, outcome="done")


def skipped(exercise: str) -> ItemLog:
    return ItemLog(exercise=exercise, outcome="skipped")


def next_id(logged: list[SetLog], items: list[ItemLog]) -> str | None:
    upcoming = guide(steps(), logged, items).next
    return upcoming.step.id if upcoming else None


# Which item comes next


def test_the_steps_follow_todays_session_in_order_with_the_sets_offered_today() -> None:
    p = plan()
    found = todays_steps(p)
    assert [(s.id, s.block, s.sets) for s in found] == [
        (i.id, i.block, i.sets) for i in p.session.items
    ]
    blocks: list[Block] = [s.block for s in found]
    order = ["strength", "mobility", "stretches", "extras"]
    assert blocks == sorted(blocks, key=order.index)
    assert all(isinstance(s.item, StrengthItem) == (s.block == "strength") for s in found)


def test_a_fresh_session_starts_with_set_one_of_the_first_exercise() -> None:
    upcoming = guide(steps(), [], []).next
    assert upcoming is not None
    assert (upcoming.step.id, upcoming.set_number) == ("superman", 1)


def test_after_the_sets_offered_the_next_exercise_comes() -> None:
    assert next_id(sets("superman", 8), []) == "dead_bug"
    # Two sets are offered for the dead bug today, not the plan's three.
    assert next_id(sets("superman", 8) + sets("dead_bug", 8, count=2), []) == "cat_cow"


def test_after_the_strength_block_each_other_item_waits_for_done_or_skip() -> None:
    logged = sets("superman", 8) + sets("dead_bug", 8, count=2)
    assert next_id(logged, [done("cat_cow")]) == "figure_four_stretch"
    assert next_id(logged, [done("cat_cow"), skipped("figure_four_stretch")]) == "back_stretch"


def test_a_skipped_strength_exercise_logs_no_sets_and_the_session_goes_on() -> None:
    current = guide(steps(), [], [skipped("superman")])
    assert current.next is not None and current.next.step.id == "dead_bug"
    assert current.states[0].sets == () and current.states[0].status == "skipped"


def test_a_set_above_five_stops_that_exercise_and_says_why() -> None:
    current = guide(steps(), sets("superman", 8, pain=6, count=1), [])
    assert [s.step.id for s in current.stopped] == ["superman"]
    assert "6/10" in current.stopped[0].stop_reason
    assert current.next is not None and current.next.step.id == "dead_bug"


def test_pain_five_does_not_stop() -> None:
    current = guide(steps(), sets("superman", 8, pain=5, count=1), [])
    assert current.stopped == []
    assert current.next is not None and current.next.set_number == 2


def test_the_session_ends_when_every_item_is_behind_the_runner() -> None:
    logged = sets("superman", 8, pain=7, count=1) + sets("dead_bug", 8, count=2)
    items = [done("cat_cow"), done("figure_four_stretch"), skipped("back_stretch")]
    assert not guide(steps(), logged, items).finished
    current = guide(steps(), logged, [*items, skipped("side_plank_hip_abduction")])
    assert current.finished and current.next is None
    assert [s.status for s in current.states] == [
        "stopped",
        "done",
        "done",
        "done",
        "skipped",
        "skipped",
    ]


def test_the_extras_are_optional_and_may_be_left_out_together() -> None:
    logged = sets("superman", 8) + sets("dead_bug", 8, count=2)
    before = guide(steps(), logged, [done("cat_cow")])
    assert before.optional_left() == []
    items = [done("cat_cow"), done("figure_four_stretch"), done("back_stretch")]
    at_extras = guide(steps(), logged, items)
    assert at_extras.next is not None and at_extras.next.step.optional
    assert at_extras.optional_left() == ["side_plank_hip_abduction"]
    assert at_extras.in_block(at_extras.next) == (1, 1)


@given(
    st.lists(st.sampled_from(["superman", "dead_bug", "cat_cow", "back_stretch"])),
    st.integers(min_value=0, max_value=3),
)
def test_the_steps_ahead_come_next_one_by_one_in_order(order: list[str], done_sets: int) -> None:
    """The order the page follows with no signal: finishing the first step ahead makes the
    second one next, and so on, and the extras left out together are those from there on."""
    current = guide(steps(), sets("superman", 8, count=done_sets), [skipped(e) for e in order])
    items = [skipped(e) for e in order]
    for expected in current.ahead:
        now = guide(steps(), sets("superman", 8, count=done_sets), items)
        assert now.next is not None and now.next.step.id == expected.step.id
        later = [s.step.id for s in current.ahead[current.ahead.index(expected) :]]
        assert current.optional_left(expected) == (later if expected.step.optional else [])
        assert current.optional_left(expected) == now.optional_left()
        items.append(skipped(expected.step.id))
    assert guide(steps(), sets("superman", 8, count=done_sets), items).finished


@given(st.lists(st.sampled_from(["superman", "dead_bug", "cat_cow", "back_stretch"])))
def test_the_next_item_is_always_the_first_one_not_behind_the_runner(order: list[str]) -> None:
    items = [skipped(e) for e in order]
    current = guide(steps(), [], items)
    behind = {e for e in order}
    expected = next((s.id for s in steps() if s.id not in behind), None)
    assert (current.next.step.id if current.next else None) == expected


# Sets: what is stored, what is a resend, what is refused

SET = SetLog(exercise="superman", reps=8, pain=1, form="good")


def items() -> list[StrengthItem]:
    return strength_items(steps())


def test_only_the_strength_items_of_today_take_sets() -> None:
    assert [i.id for i in items()] == ["superman", "dead_bug"]


def test_a_set_number_already_saved_is_the_same_set_sent_again() -> None:
    other = SetLog(exercise="dead_bug", reps=8, pain=0, form="good")
    assert not is_new_set(SET, 1, [SET])
    assert is_new_set(SET, 2, [SET, other])
    assert is_new_set(SET, None, [SET])


def test_a_set_of_todays_exercise_is_stored() -> None:
    decision = decide_set(items(), [], SET, 1)
    assert (decision.outcome, decision.stops, decision.problems) == ("store", False, ())


def test_a_set_of_another_exercise_is_refused_and_says_so() -> None:
    decision = decide_set(items(), [], SET.model_copy(update={"exercise": "v_up"}), 1)
    assert decision.outcome == "refused" and decision.problems == (NOT_TODAY,)


def test_a_set_number_already_stored_is_a_resend() -> None:
    assert decide_set(items(), [SET], SET, 1).outcome == "resend"
    assert decide_set(items(), [SET], SET, 2).outcome == "store"
    assert decide_set(items(), [SET], SET, None).outcome == "store"


def test_a_set_of_an_exercise_skipped_today_is_refused_but_a_resend_is_still_a_resend() -> None:
    skipped = decide_set(items(), [], SET, 1, skipped={SET.exercise})
    assert skipped.outcome == "refused" and skipped.problems == (SKIPPED,)
    assert decide_set(items(), [SET], SET, 1, skipped={SET.exercise}).outcome == "resend"
    assert decide_set(items(), [], SET, 1, skipped={"v_up"}).outcome == "store"


def test_a_set_number_below_one_is_refused() -> None:
    decision = decide_set(items(), [], SET, 0)
    assert decision.outcome == "refused" and decision.problems == (BAD_NUMBER,)


def test_a_set_above_five_stops_the_exercise_and_takes_no_more_sets() -> None:
    painful = SET.model_copy(update={"pain": 6})
    first = decide_set(items(), [], painful, 1)
    assert first.outcome == "store" and first.stops
    assert first.note(painful) == "Pain 6/10 is above 5: that exercise stops here."
    again = decide_set(items(), [painful], painful, 1)
    assert again.outcome == "resend" and again.stops
    after = decide_set(items(), [painful], SET, 2)
    assert after.outcome == "refused" and after.problems == (STOPPED,)


def test_pain_of_five_does_not_stop_a_set() -> None:
    five = SET.model_copy(update={"pain": 5})
    decision = decide_set(items(), [], five, 1)
    assert decision.outcome == "store" and not decision.stops and decision.note(five) is None


# Done and skipped


def test_done_or_skipped_for_an_item_ahead_is_stored() -> None:
    assert decide_item(guide(steps(), [], []), "cat_cow", "done").outcome == "store"
    assert decide_item(guide(steps(), [], []), "superman", "skipped").outcome == "store"


def test_an_item_already_behind_the_runner_keeps_its_first_outcome() -> None:
    current = guide(steps(), sets("superman", 8), [done("cat_cow")])
    # A double tap, or Skip after Done on a page that was not refreshed: nothing new.
    assert decide_item(current, "cat_cow", "done").outcome == "resend"
    assert decide_item(current, "cat_cow", "skipped").outcome == "resend"
    # So is a skip of an exercise whose sets are all saved.
    assert decide_item(current, "superman", "skipped").outcome == "resend"


def test_an_item_not_in_todays_session_is_refused() -> None:
    decision = decide_item(guide(steps(), [], []), "cobra", "done")
    assert decision.outcome == "refused" and decision.problems == (NOT_AN_ITEM,)


def test_an_outcome_other_than_done_or_skipped_is_refused() -> None:
    for outcome in ("", "finished", "DONE", "skip"):
        decision = decide_item(guide(steps(), [], []), "cat_cow", outcome)
        assert decision.outcome == "refused" and decision.problems == (BAD_OUTCOME,)


def test_a_strength_exercise_is_done_by_its_sets_not_by_a_tap() -> None:
    decision = decide_item(guide(steps(), [], []), "superman", "done")
    assert decision.outcome == "refused" and decision.problems == (SETS_ONE_BY_ONE,)


def test_several_outcomes_at_once_are_only_the_extras_left_out_together() -> None:
    behind = [skipped("superman"), skipped("dead_bug"), done("cat_cow")]
    behind += [done("figure_four_stretch"), done("back_stretch")]
    extra = [("side_plank_hip_abduction", "skipped")]
    twice = extra * 2
    assert [d.outcome for d in decide_items(steps(), [], behind, twice)] == ["store", "resend"]
    # Before the extras are all that is left, or ticked done, or with anything else: refused.
    for items, sent in (
        ([], twice),
        (behind, [("side_plank_hip_abduction", "done")] * 2),
        (behind[:-1], [("back_stretch", "skipped"), *extra]),
        ([], [("cat_cow", "done"), ("cobra", "done")]),
    ):
        decisions = decide_items(steps(), [], items, sent)
        assert [d.outcome for d in decisions] == ["refused"] * len(sent)
        assert decisions[0].problems == (EXTRAS_TOGETHER,)


def test_one_outcome_for_an_item_not_in_the_session_is_refused() -> None:
    decisions = decide_items(steps(), [], [], [("cobra", "done")])
    assert decisions[0].outcome == "refused" and decisions[0].problems == (NOT_AN_ITEM,)


# How the back feels at the end


def test_a_feeling_from_0_to_10_is_stored_with_the_days_session() -> None:
    assert decide_feeling(True, None, 0).outcome == "store"
    assert decide_feeling(True, None, 10).outcome == "store"


def test_the_same_feeling_again_is_a_resend_and_a_new_one_replaces_it() -> None:
    assert decide_feeling(True, 3, 3).outcome == "resend"
    assert decide_feeling(True, 3, 2).outcome == "store"


@given(st.one_of(st.none(), st.integers(max_value=-1), st.integers(min_value=11)))
def test_a_feeling_outside_0_to_10_is_refused(feeling: int | None) -> None:
    decision = decide_feeling(True, None, feeling)
    assert decision.outcome == "refused" and decision.problems == (BAD_FEELING,)


def test_a_feeling_with_nothing_saved_today_is_refused() -> None:
    decision = decide_feeling(False, None, 2)
    assert decision.outcome == "refused" and decision.problems == (NOTHING_TO_RATE,)


# The step in words, and its holds


def test_a_hold_per_side_runs_left_then_right_each_round() -> None:
    figure_four = steps()[3]
    assert figure_four.hold_seconds == 30
    assert [h.words for h in holds(figure_four)] == [
        "Round 1, left side: 30 s",
        "Round 1, right side: 30 s",
        "Round 2, left side: 30 s",
        "Round 2, right side: 30 s",
    ]
    once = Step("stretches", 1, dose("figure_four_stretch"))
    assert [h.words for h in holds(once)] == ["Left side: 30 s", "Right side: 30 s"]
    assert [h.words for h in holds(Step("stretches", 1, dose("back_stretch")))] == ["Hold: 30 s"]


def test_items_in_reps_have_no_timer_and_say_their_reps() -> None:
    cat_cow, cobra = Step("mobility", 2, dose("cat_cow")), Step("mobility", 2, dose("cobra"))
    assert holds(cat_cow) == [] and cat_cow.hold_seconds is None
    # The cobra's 5 s hold is within each rep.
    assert holds(cobra) == [] and dose_words(cobra) == "2 \u00d7 8-10 reps, holding each for 5 s"
    assert dose_words(steps()[3]) == "2 \u00d7 30 s hold each side"
    assert dose_words(steps()[0]).endswith("reps, slow and controlled")


# The summary


def test_the_summary_says_what_was_done_and_skipped_block_by_block() -> None:
    logged = sets("superman", 8) + sets("dead_bug", 9, pain=7, count=1)
    items = [
        done("cat_cow"),
        skipped("figure_four_stretch"),
        done("back_stretch"),
        skipped("side_plank_hip_abduction"),
    ]
    start = dt.datetime(2026, 11, 21, 18, 0, tzinfo=dt.UTC)
    summary = summarise(guide(steps(), logged, items), start, start + dt.timedelta(minutes=24))
    assert (summary.done, summary.skipped, summary.stopped) == (3, 2, 1)
    assert summary.time_words == "about 24 min"
    blocks = {title: [(x.name, x.words) for x in lines] for title, lines in summary.blocks}
    assert list(blocks) == ["Strength", "Mobility", "Stretches after your run", "Optional extras"]
    assert blocks["Strength"][0][1] == "3 sets (8, 8, 8 reps)"
    assert blocks["Strength"][1][1] == "1 set (9 reps), then stopped: pain 7/10"
    assert [w for _, w in blocks["Mobility"]] == ["done", "skipped"]


def test_a_skipped_strength_exercise_reads_as_nothing_logged() -> None:
    summary = summarise(guide(steps(), [], [skipped("superman")]), None, None)
    assert summary.blocks[0][1][0].words == "skipped: nothing logged"
    assert summary.time_words is None


def test_the_time_taken_runs_from_the_first_thing_saved_to_the_last() -> None:
    start = dt.datetime(2026, 11, 21, 18, 0, tzinfo=dt.UTC)
    assert minutes_taken(None, None) is None
    assert minutes_taken(start, start) == 1
    assert minutes_taken(start, start + dt.timedelta(minutes=65, seconds=20)) == 65
    assert duration_words(65) == "about 1 h 5 min"
    assert duration_words(120) == "about 2 h"


# The session in the history


def test_a_session_holds_its_items_and_the_feeling_after_and_round_trips() -> None:
    data = {
        "date": "2026-11-20",
        "sets": [{"exercise": "superman", "reps": 8, "pain": 1, "form": "good"}],
        "feeling_after": 2,
        "items": [{"exercise": "cat_cow", "outcome": "done"}],
    }
    session = Session.model_validate(data)
    assert session.model_dump(mode="json") == data
    old = Session.model_validate({"date": "2026-11-20", "sets": data["sets"]})
    assert (old.feeling_after, old.items) == (None, ())


def test_a_session_of_items_alone_is_kept_but_an_empty_one_is_refused() -> None:
    only_items = {
        "date": "2026-11-20",
        "sets": [],
        "items": [{"exercise": "cat_cow", "outcome": "skipped"}],
    }
    assert Session.model_validate(only_items).sets == ()
    with pytest.raises(InputError) as refused:
        validate(History, {"sessions": [{"date": "2026-11-20", "sets": []}]})
    assert [p.field for p in refused.value.problems] == ["sessions[0].sets"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"feeling_after": 11}, "feeling_after"),
        ({"feeling_after": "2"}, "feeling_after"),
        ({"items": [{"exercise": "cat_cow", "outcome": "meh"}]}, "items[0].outcome"),
        ({"items": [{"exercise": "nope", "outcome": "done"}]}, "items[0].exercise"),
    ],
)
def test_a_bad_feeling_or_item_names_its_field(change: dict[str, object], field: str) -> None:
    data = {
        "date": "2026-11-20",
        "sets": [{"exercise": "superman", "reps": 8, "pain": 1, "form": "good"}],
    }
    with pytest.raises(InputError) as refused:
        validate(Session, {**data, **change})
    assert [p.field for p in refused.value.problems] == [field]


def test_a_session_without_sets_is_no_strength_session_for_the_programme() -> None:
    # A morning 3 points up the day after a strength session is a flare-up; the day after
    # mobility alone it is not.
    profile = make_profile(pain={"intensity": 2})
    mobility_only = Session(
        date=day(-1), sets=(), items=(ItemLog(exercise="cat_cow", outcome="done"),)
    )
    strength_day = Session(date=day(-1), sets=tuple(sets("superman", 8)))
    morning = checkin(day(0), 5)

    def flare_ups(session: Session) -> list[str]:
        result = build_programme(profile, history([session], [morning]), TODAY)
        assert result.plan is not None
        return [c.kind for c in result.plan.changes if c.kind == "flare_up"]

    assert flare_ups(strength_day) and not flare_ups(mobility_only)
