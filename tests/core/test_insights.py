"""Load beside pain: weekly sums, the plain-words finding, and adherence."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from backstride.core.adherence import PlanDays
from backstride.core.insights import (
    FINDING_WEEKS,
    Finding,
    adherence,
    finding,
    week_start,
    weeks,
)
from tests.factories import TODAY, checkin, day, history, run, session, sets


def test_weeks_run_monday_to_sunday_with_today_in_the_last() -> None:
    assert week_start(dt.date(2026, 11, 21)) == dt.date(2026, 11, 16)
    h = history(
        runs=[run(dt.date(2026, 11, 16), 10, 60, during=2), run(dt.date(2026, 11, 15), 5, 30)]
    )
    last_two = weeks(h, TODAY, 2)
    assert [w.start for w in last_two] == [dt.date(2026, 11, 9), dt.date(2026, 11, 16)]
    assert (last_two[0].km, last_two[1].km, last_two[1].minutes) == (5, 10, 60)
    assert last_two[1].run_pain == 2 and last_two[0].run_pain is None


def test_too_few_weeks_gives_no_claim_and_says_how_many_more() -> None:
    result = finding(weeks(history(runs=[run(TODAY, 10)]), TODAY, FINDING_WEEKS))
    assert not result.enough
    assert "4 more week" in result.text


def test_higher_load_weeks_followed_by_more_pain_are_named() -> None:
    runs, checkins = [], []
    for i in range(16):
        start = week_start(TODAY) - dt.timedelta(weeks=15 - i)
        km = 40 if i in (3, 9) else 15
        runs.append(run(start, km))
        pain = 5 if i in (4, 5, 6, 10, 11, 12) else 2
        checkins += [checkin(start + dt.timedelta(days=d), pain) for d in (1, 3)]
    result = finding(weeks(history(runs=runs, checkins=checkins), TODAY, FINDING_WEEKS))
    assert result.enough
    assert "morning pain averaged 5.0, against 2.0" in result.text
    assert result.weeks_used == 16


def test_adherence_counts_sessions_against_the_plan_from_the_start_week() -> None:
    h = history(
        [
            session(dt.date(2026, 11, 16), sets("dead_bug", 8)),
            session(dt.date(2026, 11, 18), sets("dead_bug", 8)),
        ]
    )
    days = PlanDays(dt.date(2026, 11, 16), (), 3)
    # Monday to Saturday on plan: 3 x 6 / 7, rounded down; the week before plans nothing.
    assert adherence(weeks(h, TODAY, 3), days, TODAY) == [(dt.date(2026, 11, 16), 2, 2)]
    assert adherence(weeks(h, TODAY, 3), PlanDays(None, (), 3), TODAY) == []


def test_the_finding_speaks_the_runners_unit() -> None:
    found = Finding(16, True, threshold_km=40.0, pain_after=5.0, pain_other=2.0)
    assert "weeks above 40 km" in found.text_in("km") and found.text == found.text_in("km")
    assert "weeks above 25 mi" in found.text_in("mi")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(min_value=-400, max_value=10), max_size=40),
    st.integers(min_value=1, max_value=60),
)
def test_each_week_holds_exactly_the_entries_dated_in_it(offsets: list[int], count: int) -> None:
    h = history(
        [session(day(o), sets("dead_bug", 8)) for o in offsets[::3]],
        checkins=[checkin(day(o), abs(o) % 11) for o in offsets[1::3]],
        runs=[run(day(o), 5 + abs(o) % 9, during=abs(o) % 11) for o in offsets[2::3]],
    )
    for w in weeks(h, TODAY, count):
        inside = [r for r in h.runs if w.start <= r.date <= w.start + dt.timedelta(days=6)]
        mornings = [c.morning_pain for c in h.checkins if 0 <= (c.date - w.start).days <= 6]
        assert w.runs == len(inside) and w.km == sum(r.km for r in inside)
        assert w.sessions == sum(1 for s in h.sessions if 0 <= (s.date - w.start).days <= 6)
        assert w.morning_pain == (sum(mornings) / len(mornings) if mornings else None)
