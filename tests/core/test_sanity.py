"""Entries that cannot be right (issue 12, item 4): the refusals, the run that is already
stored, the day's second check-in, and how distances and paces are written."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backstride.core.duplicates import needs_confirming, replacement, same_logged_run
from backstride.core.errors import InputError
from backstride.core.history import Checkin, History, Run, Session, SetLog
from backstride.core.run_text import distance_text, pace_of
from backstride.core.sanity import (
    FASTEST_MIN_PER_KM,
    LONGEST_KM,
    SLOWEST_MIN_PER_KM,
    checkin_problems,
    history_problems,
    latest_today,
    refuse,
    run_problems,
    session_problems,
)
from backstride.core.units import to_km

TODAY = dt.date(2026, 11, 21)
YESTERDAY = TODAY - dt.timedelta(days=1)


def a_run(km: float, minutes: float | None, when: dt.date = YESTERDAY, **more: object) -> Run:
    return Run.model_validate({"date": when, "km": km, "minutes": minutes, **more})


def test_a_marathon_in_ten_minutes_is_refused_saying_the_pace_and_the_limit() -> None:
    [problem] = run_problems(a_run(42, 10), TODAY)
    assert problem.field == "minutes"
    assert problem.message == (
        "42 km in 10 min is a pace of 0:14 min/km, faster than any runner "
        "(2:00 min/km is the limit); check the distance and the time"
    )


def test_the_pace_is_named_in_miles_for_a_runner_in_miles() -> None:
    [problem] = run_problems(a_run(to_km(3, "mi"), 60 * 3.5), TODAY, "mi")
    assert "3 mi in 210 min is a pace of 70:00 min/mi, slower than a slow walk" in problem.message
    assert "(32:11 min/mi is the limit)" in problem.message


def test_a_run_over_250_km_is_refused_on_its_distance() -> None:
    [problem] = run_problems(a_run(251, 251 * 6), TODAY)
    assert problem.field == "km"
    assert problem.message == (
        "251 km is more than one run can be (250 km is the limit); check the distance"
    )
    assert run_problems(a_run(LONGEST_KM, LONGEST_KM * 6), TODAY) == []


def test_a_run_without_minutes_is_judged_on_its_date_and_distance_only() -> None:
    assert run_problems(a_run(5, None), TODAY) == []
    assert [p.field for p in run_problems(a_run(300, None), TODAY)] == ["km"]


def test_entries_dated_after_today_are_refused_and_today_is_not() -> None:
    tomorrow = TODAY + dt.timedelta(days=1)
    sets = (SetLog(exercise="superman", reps=8, pain=0, form="good"),)
    assert run_problems(a_run(5, 30, TODAY), TODAY) == []
    [late_run] = run_problems(a_run(5, 30, tomorrow), TODAY)
    assert late_run.message == "2026-11-22 is after today; give the day you ran"
    [late_checkin] = checkin_problems(Checkin(date=tomorrow, morning_pain=2), TODAY)
    assert late_checkin.message == "2026-11-22 is after today; give the day of the check-in"
    [late_session] = session_problems(Session(date=tomorrow, sets=sets), TODAY)
    assert late_session.field == "date"
    assert session_problems(Session(date=TODAY, sets=sets), TODAY) == []


def test_a_history_names_each_refused_entry_by_its_place() -> None:
    history = History(
        checkins=(
            Checkin(date=YESTERDAY, morning_pain=1),
            Checkin(date=dt.date(2027, 6, 1), morning_pain=1),
        ),
        runs=(a_run(5, 30), a_run(42, 10)),
    )
    fields = [p.field for p in history_problems(history, TODAY, prefix="history")]
    assert fields == ["history.checkins[1].date", "history.runs[1].minutes"]
    with pytest.raises(InputError):
        refuse(history_problems(history, TODAY))
    refuse([])


def test_the_latest_today_is_the_date_where_the_day_begins_first() -> None:
    assert latest_today(dt.datetime(2026, 11, 21, 9, 59, tzinfo=dt.UTC)) == TODAY
    assert latest_today(dt.datetime(2026, 11, 21, 10, 0, tzinfo=dt.UTC)) == TODAY + dt.timedelta(
        days=1
    )


paces = st.floats(min_value=FASTEST_MIN_PER_KM, max_value=SLOWEST_MIN_PER_KM)
distances = st.floats(min_value=0.1, max_value=LONGEST_KM)


@given(km=distances, per_km=paces, unit=st.sampled_from(["km", "mi"]))
def test_every_pace_from_two_to_twenty_minutes_a_km_is_accepted(
    km: float, per_km: float, unit: str
) -> None:
    assert run_problems(a_run(km, km * per_km), TODAY, unit) == []  # type: ignore[arg-type]


@given(km=distances, per_km=st.floats(min_value=0.05, max_value=FASTEST_MIN_PER_KM * 0.999))
def test_every_pace_under_two_minutes_a_km_is_refused(km: float, per_km: float) -> None:
    [problem] = run_problems(a_run(km, km * per_km), TODAY)
    assert "faster than any runner" in problem.message


@given(km=st.floats(min_value=0.1, max_value=100), per_km=st.floats(min_value=20.02, max_value=59))
def test_every_pace_over_twenty_minutes_a_km_is_refused(km: float, per_km: float) -> None:
    [problem] = run_problems(a_run(km, km * per_km), TODAY)
    assert "slower than a slow walk" in problem.message


def test_the_limits_typed_in_miles_are_still_the_limits() -> None:
    mile = to_km(1, "mi")
    assert run_problems(a_run(mile, mile * FASTEST_MIN_PER_KM), TODAY, "mi") == []
    assert run_problems(a_run(mile, mile * SLOWEST_MIN_PER_KM), TODAY, "mi") == []


# The same run given twice.


def test_a_run_typed_twice_is_the_same_run_within_one_percent() -> None:
    stored = a_run(10, 50)
    assert same_logged_run(a_run(10.09, 50.4), stored)
    assert not same_logged_run(a_run(10.2, 50), stored)
    assert not same_logged_run(a_run(10, 51), stored)
    assert not same_logged_run(a_run(10, 50, YESTERDAY - dt.timedelta(days=1)), stored)


def test_runs_without_minutes_match_only_each_other() -> None:
    assert same_logged_run(a_run(10, None), a_run(10, None))
    assert not same_logged_run(a_run(10, None), a_run(10, 50))


def test_two_runs_with_start_times_follow_the_file_rule() -> None:
    start = "2026-11-20T07:30:00Z"
    stored = a_run(10, 50, started_at=start)
    assert same_logged_run(a_run(10, 55, started_at="2026-11-20T07:30:40Z"), stored)
    assert not same_logged_run(a_run(10, 50, started_at="2026-11-20T17:30:00Z"), stored)
    # Typed by hand (no start), it is matched on its date with a run from a file.
    assert same_logged_run(a_run(10, 50), stored)


# The day's second check-in.


def test_a_second_check_in_asks_first_unless_it_brings_a_new_warning_sign() -> None:
    first = Checkin(date=YESTERDAY, morning_pain=3, red_flags=("night_pain",))
    assert not needs_confirming([], Checkin(date=YESTERDAY, morning_pain=5))
    assert needs_confirming([first], Checkin(date=YESTERDAY, morning_pain=5))
    assert needs_confirming(
        [first], Checkin(date=YESTERDAY, morning_pain=5, red_flags=("night_pain",))
    )
    assert not needs_confirming(
        [first], Checkin(date=YESTERDAY, morning_pain=5, red_flags=("fever_or_unwell",))
    )


def test_the_replacement_keeps_the_new_pain_and_every_warning_sign_of_the_day() -> None:
    first = Checkin(date=YESTERDAY, morning_pain=3, red_flags=("night_pain",))
    new = Checkin(date=YESTERDAY, morning_pain=5, red_flags=("fever_or_unwell",))
    assert replacement([first], new) == Checkin(
        date=YESTERDAY, morning_pain=5, red_flags=("fever_or_unwell", "night_pain")
    )


# Words.


def test_distances_and_paces_read_in_the_runners_unit() -> None:
    assert distance_text(5.0, "km") == "5 km"
    assert distance_text(5.5, "km") == "5.5 km"
    assert distance_text(5.0, "mi") == "3.11 mi"
    assert pace_of(30, 5, "km") == "6:00 min/km"
    assert pace_of(30, 5, "mi") == "9:39 min/mi"
