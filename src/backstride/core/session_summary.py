"""The end of the guided session: what was done and skipped, block by block, and how long
it took from the first thing saved today to the last."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from backstride.core.plan import Block
from backstride.core.session_flow import Guide, StepState

BLOCK_TITLES: dict[Block, str] = {
    "strength": "Strength",
    "mobility": "Mobility",
    "stretches": "Stretches after your run",
    "extras": "Optional extras",
}
Status = Literal["to_do", "done", "skipped", "stopped"]


@dataclass(frozen=True)
class Line:
    name: str
    status: Status
    words: str


@dataclass(frozen=True)
class Summary:
    blocks: list[tuple[str, list[Line]]]
    done: int
    skipped: int
    stopped: int
    minutes: int | None

    @property
    def time_words(self) -> str | None:
        return None if self.minutes is None else duration_words(self.minutes)


def summarise(current: Guide, first: dt.datetime | None, last: dt.datetime | None) -> Summary:
    """Each step as one line under its block's title, the counts, and the minutes taken."""
    blocks: dict[str, list[Line]] = {}
    for state in current.states:
        blocks.setdefault(BLOCK_TITLES[state.step.block], []).append(line_of(state))
    statuses = [s.status for s in current.states]
    return Summary(
        blocks=list(blocks.items()),
        done=statuses.count("done"),
        skipped=statuses.count("skipped"),
        stopped=statuses.count("stopped"),
        minutes=minutes_taken(first, last),
    )


def line_of(state: StepState) -> Line:
    name, status = state.step.name, state.status
    if not state.step.is_strength:
        return Line(name, status, {"done": "done", "skipped": "skipped"}.get(status, "not done"))
    sets = _sets_words(state)
    if status == "stopped":
        worst = max(s.pain for s in state.sets)
        return Line(name, status, f"{sets}, then stopped: pain {worst}/10")
    if status == "skipped":
        words = f"{sets}, then skipped" if state.sets else "skipped: nothing logged"
        return Line(name, status, words)
    return Line(name, status, sets if state.sets else "not done")


def _sets_words(state: StepState) -> str:
    count = len(state.sets)
    reps = ", ".join(str(s.reps) for s in state.sets)
    return f"{count} set{'s' if count != 1 else ''} ({reps} reps)"


def minutes_taken(first: dt.datetime | None, last: dt.datetime | None) -> int | None:
    """Whole minutes from the first thing saved to the last, at least 1 once anything is."""
    if first is None or last is None:
        return None
    return max(1, round((last - first).total_seconds() / 60))


def duration_words(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if hours == 0:
        return f"about {minutes} min"
    return f"about {hours} h {rest} min" if rest else f"about {hours} h"
