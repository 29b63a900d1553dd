"""A guided strength session, set by set: what comes next, and what stops (pain above 5)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from backstride.core.catalog import load_catalog
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
