"""A guided strength session, set by set: what comes next, and what stops (pain above 5)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from backstride.core.catalog import load_catalog
from backstride.core.errors import Problem
from backstride.core.history import SetLog
from backstride.core.plan import StrengthItem
from backstride.core.vocab import ACCEPTABLE_PAIN


@dataclass(frozen=True)
class NextSet:
    exercise: StrengthItem
    number: int
    hold_seconds: int | None


@dataclass(frozen=True)
class Stopped:
    exercise: StrengthItem
    reason: str


@dataclass(frozen=True)
class SessionFlow:
    next: NextSet | None
    done: list[tuple[StrengthItem, list[SetLog]]]
    stopped: list[Stopped]

    @property
    def finished(self) -> bool:
        return self.next is None


def stops_exercise(set_log: SetLog) -> bool:
    """A set above 5/10 pain ends that exercise for the day."""
    return set_log.pain > ACCEPTABLE_PAIN


def in_session(items: Sequence[StrengthItem], exercise: str) -> bool:
    """Only the exercises of today's session take sets in the guided session."""
    return any(item.id == exercise for item in items)


@dataclass(frozen=True)
class SetDecision:
    """What to do with one set sent from the guided session: store it, recognise it as a
    resend of a set already stored (store nothing, answer as before), or refuse it, with
    the problems to show. `stops`: its pain ends the exercise for today."""

    outcome: Literal["store", "resend", "refused"]
    stops: bool = False
    problems: tuple[Problem, ...] = ()

    def note(self, set_log: SetLog) -> str | None:
        """What the runner is told when the set ends the exercise."""
        if not self.stops:
            return None
        return f"Pain {set_log.pain}/10 is above {ACCEPTABLE_PAIN}: that exercise stops here."


NOT_TODAY = Problem("exercise", "is not in today's session, so the set was not saved")
STOPPED = Problem("exercise", "has stopped for today after a set above 5/10 pain; not saved")
BAD_NUMBER = Problem("set_number", "must be 1 or more")


def decide_set(
    items: Sequence[StrengthItem],
    logged: Sequence[SetLog],
    set_log: SetLog,
    set_number: int | None,
) -> SetDecision:
    """The whole rule for one set: only today's exercises take sets; a set number already
    stored is a resend; an exercise stopped by a painful set takes no more today."""
    if set_number is not None and set_number < 1:
        return SetDecision("refused", problems=(BAD_NUMBER,))
    if not in_session(items, set_log.exercise):
        return SetDecision("refused", problems=(NOT_TODAY,))
    if not is_new_set(set_log, set_number, logged):
        # Answered as the first copy was, so a retry after a lost answer reads the same.
        return SetDecision("resend", stops=stops_exercise(set_log))
    if any(s.exercise == set_log.exercise and stops_exercise(s) for s in logged):
        return SetDecision("refused", problems=(STOPPED,))
    return SetDecision("store", stops=stops_exercise(set_log))


def is_new_set(set_log: SetLog, set_number: int | None, logged: Sequence[SetLog]) -> bool:
    """A set number already saved for this exercise today is the same set sent again (a
    retry after a lost connection), not a new one; a set without a number is always new."""
    already = sum(1 for s in logged if s.exercise == set_log.exercise)
    return set_number is None or set_number > already


def session_flow(items: Sequence[StrengthItem], logged: Sequence[SetLog]) -> SessionFlow:
    """Exercises in plan order; each runs its planned sets unless one set hurts above 5,
    which stops that exercise for the day (and removes it from the plan)."""
    catalog = load_catalog()
    done: list[tuple[StrengthItem, list[SetLog]]] = []
    stopped: list[Stopped] = []
    upcoming: NextSet | None = None
    for item in items:
        sets = [s for s in logged if s.exercise == item.id]
        worst = max((s.pain for s in sets), default=0)
        if any(stops_exercise(s) for s in sets):
            stopped.append(
                Stopped(
                    item,
                    f"A set hurt {worst}/10, above 5: stop {item.name} "
                    "for today. It leaves your plan and an easier or "
                    "different exercise takes its place next time.",
                )
            )
            done.append((item, sets))
        elif len(sets) >= item.sets:
            done.append((item, sets))
        elif upcoming is None:
            upcoming = NextSet(item, len(sets) + 1, catalog[item.id].dosage.hold_seconds)
            done.append((item, sets))
    return SessionFlow(next=upcoming, done=[d for d in done if d[1]], stopped=stopped)
