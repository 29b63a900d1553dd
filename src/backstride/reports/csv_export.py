"""The history as CSV for spreadsheets: sessions (one row per set), check-ins and runs.
The JSON export stays the lossless backup; these are for looking at the numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable

from backstride.core.history import History

KINDS = ("sessions", "checkins", "runs")
COLUMNS: dict[str, tuple[str, ...]] = {
    "sessions": ("date", "exercise", "reps", "pain", "form"),
    "checkins": ("date", "morning_pain", "red_flags"),
    "runs": ("date", "km", "minutes", "pain_during", "pain_after", "started_at"),
}

Cell = str | int | float | None


def _sessions(history: History) -> Iterable[tuple[Cell, ...]]:
    for session in history.sessions:
        for s in session.sets:
            yield (session.date.isoformat(), s.exercise, s.reps, s.pain, s.form)


def _checkins(history: History) -> Iterable[tuple[Cell, ...]]:
    for c in history.checkins:
        yield (c.date.isoformat(), c.morning_pain, ";".join(c.red_flags))


def _runs(history: History) -> Iterable[tuple[Cell, ...]]:
    for r in history.runs:
        started = r.started_at.isoformat() if r.started_at else None
        minutes = round(r.minutes, 2) if r.minutes is not None else None
        yield (r.date.isoformat(), round(r.km, 3), minutes, r.pain_during, r.pain_after, started)


ROWS: dict[str, Callable[[History], Iterable[tuple[Cell, ...]]]] = {
    "sessions": _sessions,
    "checkins": _checkins,
    "runs": _runs,
}


def to_csv(kind: str, history: History) -> str:
    """One kind (`sessions`, `checkins` or `runs`) as CSV text with a header row, oldest first;
    an empty value stands for "not given"."""
    if kind not in ROWS:
        raise ValueError(f"unknown CSV kind {kind!r}; choose from {', '.join(KINDS)}")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS[kind])
    writer.writerows(ROWS[kind](history.until(dt.date.max)))
    return out.getvalue()
