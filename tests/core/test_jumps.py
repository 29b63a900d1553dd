"""The jumps (DESIGN section 2, v2): 3 x 5-8, and only while the usual pain and the latest
morning's are 3 or less with no flare-up and no run above 5/10 in the last 7 days."""

from __future__ import annotations

import pytest

from backstride.core.assessment import build_programme
from backstride.core.history import History
from backstride.core.jump_gate import JumpFacts, jump_wait, recent, reopens
from backstride.core.plan import Plan, StrengthItem
from backstride.core.progression import replay
from tests.factories import (
    TODAY,
    checkin,
    day,
    history,
    make_profile,
    reach_the_jumps,
    run,
    session,
    sets,
)

JUMP = "single_leg_jump_squat"
# Ranks 1-9 marked too hard to do well: the block is ranks 10-12, the jump among them.
JUMPER = {"abilities": reach_the_jumps(), "pain": {"intensity": 2}}


def plan_of(h: History, **overrides: object) -> Plan:
    plan = build_programme(make_profile(**{**JUMPER, **overrides}), h, TODAY).plan
    assert plan is not None
    return plan


def items(h: History, **overrides: object) -> dict[str, StrengthItem]:
    return {e.id: e for e in plan_of(h, **overrides).strength.exercises}


def jumping(h: History) -> bool:
    return JUMP in items(h)


def test_the_jump_is_three_sets_of_five_to_eight_per_side_starting_at_five() -> None:
    item = items(history())[JUMP]
    assert (item.sets, item.reps_min, item.reps_max, item.target_reps) == (3, 5, 8, 5)
    assert item.per_side is True
    others = [e for e in items(history()).values() if e.id != JUMP]
    assert all((e.reps_min, e.reps_max, e.target_reps) == (8, 12, 8) for e in others)


def test_outdoors_the_forward_jump_has_the_same_dosage() -> None:
    item = items(history(), setting="outdoor")["forward_jump_squat"]
    assert (item.sets, item.reps_min, item.reps_max, item.target_reps) == (3, 5, 8, 5)
    assert item.per_side is False


def _targets(h: History) -> int | None:
    track = replay(make_profile(**JUMPER), h.until(TODAY), TODAY).tracks.get(JUMP)
    return track.target if track else None


def test_jump_targets_climb_five_seven_eight_and_two_clean_sessions_at_eight_master_it() -> None:
    done = [(-12, 5), (-10, 7), (-8, 8), (-6, 8)]
    seen = [
        _targets(history([session(day(d), sets(JUMP, r)) for d, r in done[:n]])) for n in range(4)
    ]
    assert seen == [5, 7, 8, 8]
    h = history([session(day(d), sets(JUMP, r)) for d, r in done])
    progress = replay(make_profile(**JUMPER), h.until(TODAY), TODAY)
    assert JUMP in progress.mastered
    mastery = next(c for c in progress.changes if c.kind == "mastered")
    assert "Second clean session at 8 reps" in mastery.reason
    # Nothing harder is left: it stays in the four at its own top, 8.
    assert (items(h)[JUMP].status, items(h)[JUMP].target_reps) == ("maintain", 8)


def test_poor_form_takes_a_jump_target_back_to_five_and_no_lower() -> None:
    h = history([session(day(-8), sets(JUMP, 5)), session(day(-6), sets(JUMP, 7, form="poor"))])
    assert _targets(h) == 5
    poor = sets(JUMP, 5, form="poor")
    twice = history([session(day(-8), poor), session(day(-6), poor)])
    progress = replay(make_profile(**JUMPER), twice.until(TODAY), TODAY)
    too_hard = next(c for c in progress.changes if c.kind == "too_hard")
    assert "at 5 reps" in too_hard.reason


@pytest.mark.parametrize(("days_ago", "allowed"), [(0, False), (6, False), (7, True)])
@pytest.mark.parametrize("when", ["during", "after"])
def test_a_run_above_five_sets_the_jumps_aside_for_seven_days(
    days_ago: int, allowed: bool, when: str
) -> None:
    painful = run(day(-days_ago), 5, **{when: 6})  # type: ignore[arg-type]
    assert jumping(history(runs=[painful])) is allowed


def test_a_run_at_five_or_unrated_leaves_the_jumps_in() -> None:
    assert jumping(history(runs=[run(day(-1), 5, during=5, after=5), run(TODAY, 8)]))


@pytest.mark.parametrize(("days_ago", "allowed"), [(1, False), (6, False), (7, True)])
def test_a_flare_up_sets_the_jumps_aside_for_seven_days(days_ago: int, allowed: bool) -> None:
    # A session, then a morning at 5 against a usual 2: a flare-up. The calm mornings after
    # it bring the usual and the latest pain back to 1, so only the flare-up can hold back.
    flare = day(-days_ago)
    calm = [checkin(day(-n), 1) for n in range(days_ago - 1, -1, -1)]
    h = history(
        [session(day(-days_ago - 1), sets("high_plank_limb_raise", 8))],
        [checkin(flare, 5), *calm],
    )
    assert replay(make_profile(**JUMPER), h.until(TODAY), TODAY).flare_dates == [flare]
    assert jumping(h) is allowed


def test_the_pause_names_the_run_that_hurt_and_the_rule() -> None:
    plan = plan_of(history(runs=[run(day(-3), 5, after=7)]))
    paused = [c for c in plan.changes if c.kind == "paused" and c.exercise == JUMP]
    assert [c.date for c in paused] == [day(-3)]
    assert "a run on 18 Nov hurt 7/10" in paused[0].reason
    assert "7 days after a run above 5/10" in paused[0].reason


def test_the_jumps_come_back_on_the_day_the_seven_days_are_over() -> None:
    plan = plan_of(history(runs=[run(day(-10), 5, during=6)]))
    back = [c for c in plan.changes if c.kind == "swapped_in" and c.exercise == JUMP]
    assert [c.date for c in back] == [day(-3)]
    assert "allow jumping" in back[0].reason and JUMP in [e.id for e in plan.strength.exercises]


def test_the_same_history_seen_on_a_later_day_keeps_its_dates() -> None:
    h = history(runs=[run(day(-10), 5, during=6)])
    early = build_programme(make_profile(**JUMPER), h, day(-1)).plan
    late = build_programme(make_profile(**JUMPER), h, day(5)).plan
    assert early is not None and late is not None
    assert early.changes == late.changes


def test_the_impact_exclusion_says_why_in_general_terms() -> None:
    plan = plan_of(history(runs=[run(day(-1), 5, during=8)]))
    left = {x.exercise: x for x in plan.left_out}[JUMP]
    assert left.code == "impact_while_sore"
    for words in ("3/10 or less", "flare-up", "run above 5/10", "last 7 days"):
        assert words in left.reason


def test_usual_pain_above_three_still_holds_the_jumps_back() -> None:
    h = history(checkins=[checkin(day(-7 + i), 4) for i in range(7)])
    assert not jumping(h)
    reason = replay(make_profile(**JUMPER), h.until(TODAY), TODAY).jump_block
    assert reason is not None and "usually 4/10" in reason


def test_the_last_seven_days_are_today_and_the_six_before() -> None:
    assert recent(TODAY, TODAY) and recent(day(-6), TODAY)
    assert not recent(day(-7), TODAY) and not recent(day(1), TODAY)
    assert reopens(day(-3), day(-5)) == day(4)
    assert reopens(None, None) is None


def test_the_gate_checks_pain_before_the_calendar() -> None:
    calm = JumpFacts(usual=2, latest=3, checked_in=True, last_flare=None, last_painful_run=None)
    assert jump_wait(calm, TODAY) is None
    sore = JumpFacts(usual=2, latest=4, checked_in=True, last_flare=None, last_painful_run=None)
    assert "4/10 at the latest check-in" in (jump_wait(sore, TODAY) or "")
    flared = JumpFacts(2, 1, True, last_flare=day(-2), last_painful_run=(day(-1), 9))
    assert "flare-up on 19 Nov" in (jump_wait(flared, TODAY) or "")
