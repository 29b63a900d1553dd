"""The profile and history contracts: defaults, strictness and friendly errors."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from backstride.core.errors import InputError, Problem
from backstride.core.inputs import history_from_json, parse_today, profile_from_json
from backstride.core.profile import Profile
from tests.factories import profile_data


def test_trend_defaults_to_same_and_lists_to_empty() -> None:
    profile = Profile.model_validate(
        {
            "age": 30,
            "running": {"level": "beginner", "weekly_km": 0, "runs_per_week": 0},
            "pain": {
                "regions": ["upper_back"],
                "intensity": 2,
                "weeks": 1,
                "eases_with_rest": True,
            },
            "setting": "outdoor",
            "minutes_per_session": 10,
            "strength_days_per_week": 2,
        }
    )
    assert profile.pain.trend == "same"
    assert profile.pain.timing == () and profile.pain.worse_with == ()
    assert profile.red_flags == () and profile.equipment == () and profile.abilities == {}
    assert profile.cleared_by_clinician is False and profile.schema_version == 1


def test_repeated_list_items_are_kept_once() -> None:
    text = (
        '{"age": 30, "running": {"level": "beginner", "weekly_km": 0, "runs_per_week": 0},'
        '"pain": {"regions": ["lower_back", "lower_back"], "intensity": 2, "weeks": 1,'
        '"eases_with_rest": true}, "equipment": ["mat", "mat"], "setting": "indoor",'
        '"minutes_per_session": 10, "strength_days_per_week": 2}'
    )
    profile = profile_from_json(text)
    assert profile.pain.regions == ("lower_back",) and profile.equipment == ("mat",)


def test_several_problems_are_each_named() -> None:
    with pytest.raises(InputError) as caught:
        profile_from_json('{"age": 200}')
    assert Problem("age", "must be at most 100, got 200") in caught.value.problems
    assert Problem("running", "is required") in caught.value.problems


def test_a_date_and_time_is_not_a_date() -> None:
    with pytest.raises(InputError, match="must be a date written YYYY-MM-DD"):
        history_from_json('{"checkins": [{"date": "2026-01-02T07:00", "morning_pain": 1}]}')


def test_unrated_run_pain_is_null() -> None:
    history = history_from_json(
        '{"runs": [{"date": "2026-01-02", "km": 5, "minutes": 30, "pain_during": null}]}'
    )
    assert history.runs[0].worst_pain is None


def test_today_must_be_a_real_date() -> None:
    with pytest.raises(InputError, match="--today"):
        parse_today("2026-02-29")


def test_absurd_json_is_refused_not_a_crash() -> None:
    with pytest.raises(InputError, match="too deeply nested"):
        profile_from_json("[" * 100_000 + "]" * 100_000)
    with pytest.raises(InputError, match="number too long"):
        profile_from_json('{"age": ' + "9" * 5000 + "}")


def _run_problems(started_at: object) -> tuple[Problem, ...]:
    run = {"date": "2026-11-21", "km": 5, "minutes": 30, "started_at": started_at}
    with pytest.raises(InputError) as caught:
        history_from_json(json.dumps({"runs": [run]}))
    return caught.value.problems


def test_a_run_start_is_kept_in_utc() -> None:
    text = (
        '{"date": "2026-11-21", "km": 5, "minutes": 30, "started_at": "2026-11-21T08:30:00+01:00"}'
    )
    [run] = history_from_json('{"runs": [' + text + "]}").runs
    assert run.started_at == dt.datetime(2026, 11, 21, 7, 30, tzinfo=dt.UTC)
    assert run.started_at is not None and run.started_at.utcoffset() == dt.timedelta(0)


@pytest.mark.parametrize(
    ("started_at", "problem"),
    [
        # Converting these to UTC once overflowed into a server error.
        ("0001-01-01T00:00:00+01:00", "is outside 1900-2100"),
        ("9999-12-31T23:59:59-01:00", "is outside 1900-2100"),
        ("2026-11-21T07:30:00", "needs its offset from UTC"),
        ("soon", "must be a date and time like 2026-11-21T07:30:00Z, got 'soon'"),
        (-1, "must be a date and time like 2026-11-21T07:30:00Z, got -1"),
        ("2026-11-25T07:30:00Z", "is more than a day away from the run's date 2026-11-21"),
    ],
)
def test_a_run_start_must_be_a_real_moment_on_the_runs_day(
    started_at: object, problem: str
) -> None:
    [found] = _run_problems(started_at)
    assert found.field == "runs[0].started_at" and problem in found.message


def test_a_start_a_time_zone_away_from_the_date_is_fine() -> None:
    text = '{"date": "2026-11-21", "km": 5, "minutes": 30, "started_at": "2026-11-20T23:30:00Z"}'
    assert history_from_json('{"runs": [' + text + "]}").runs[0].date == dt.date(2026, 11, 21)


def test_a_long_bad_value_is_cut_short_in_the_message() -> None:
    with pytest.raises(InputError) as caught:
        profile_from_json(json.dumps({"setting": "x" * 100_000}))
    [message] = [p.message for p in caught.value.problems if p.field == "setting"]
    assert len(message) < 200 and message.endswith("...")


@pytest.mark.parametrize("version", [True, 1.0, "1"])
def test_the_schema_version_is_the_whole_number_one(version: object) -> None:
    with pytest.raises(InputError) as caught:
        profile_from_json(json.dumps({**profile_data(), "schema_version": version}))
    assert caught.value.problems == (
        Problem("schema_version", f"must be the whole number 1, got {version!r}"),
    )
