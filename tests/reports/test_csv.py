"""CSV exports: sessions one row per set, check-ins with their flags, runs with empty cells
for what was not given."""

from __future__ import annotations

import csv
import io

import pytest

from backstride.core.history import History
from backstride.reports.csv_export import KINDS, to_csv
from tests.factories import checkin, day, history, session, sets
from tests.reports.samples import week


def rows(kind: str, h: History) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(to_csv(kind, h))))


def test_sessions_give_one_row_per_set_oldest_first() -> None:
    h = history(
        [
            session(day(-1), sets("dead_bug", 10, pain=2)),
            session(day(-3), sets("superman", 8, form="poor", count=2)),
        ]
    )
    out = rows("sessions", h)
    assert len(out) == 5
    assert out[0] == {
        "date": "2026-11-18",
        "exercise": "superman",
        "reps": "8",
        "pain": "0",
        "form": "poor",
    }
    assert out[-1]["exercise"] == "dead_bug" and out[-1]["pain"] == "2"


def test_checkins_join_warning_signs_with_semicolons() -> None:
    h = history(
        checkins=[checkin(day(-1), 4, ("fever_or_unwell", "night_pain")), checkin(day(0), 2)]
    )
    assert rows("checkins", h) == [
        {"date": "2026-11-20", "morning_pain": "4", "red_flags": "fever_or_unwell;night_pain"},
        {"date": "2026-11-21", "morning_pain": "2", "red_flags": ""},
    ]


def test_runs_keep_the_start_time_and_leave_unrated_pain_empty() -> None:
    out = rows("runs", week()[1])
    assert out[-1] == {
        "date": "2026-11-20",
        "km": "8.2",
        "minutes": "47.5",
        "pain_during": "3",
        "pain_after": "",
        "started_at": "2026-11-20T07:05:00+00:00",
    }


def test_every_kind_has_a_header_even_without_data() -> None:
    for kind in KINDS:
        text = to_csv(kind, History())
        assert text.count("\r\n") == 1 and text.startswith("date,")


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown CSV kind"):
        to_csv("plans", History())
