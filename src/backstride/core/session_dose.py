"""One step of the guided session in words: its dose as offered today, and the holds its
timer runs through (each side in turn where the item is done per side)."""

from __future__ import annotations

from dataclasses import dataclass

from backstride.core.plan import StrengthItem
from backstride.core.session_flow import Step

TIMES = "\u00d7"


@dataclass(frozen=True)
class Hold:
    label: str
    seconds: int
    round: int
    rounds: int

    @property
    def title(self) -> str:
        """'Left side', or 'Round 2, left side' when there is more than one round."""
        return f"Round {self.round}, {self.label.lower()}" if self.rounds > 1 else self.label

    @property
    def words(self) -> str:
        return f"{self.title}: {self.seconds} s"


def dose_words(step: Step) -> str:
    """'8 reps each side, slow and controlled' for a set; '2 x 8-10 reps, holding each for
    5 s', '2 x 30 s each side' for the other items, with today's sets (a multiplication
    sign on the page)."""
    item = step.item
    side = " each side" if item.per_side else ""
    if isinstance(item, StrengthItem):
        return f"{item.target_reps} reps{side}, slow and controlled"
    if item.reps_min is None or item.reps_max is None:
        return f"{step.sets} {TIMES} {item.hold_seconds} s hold{side}"
    reps = (
        str(item.reps_min) if item.reps_min == item.reps_max else f"{item.reps_min}-{item.reps_max}"
    )
    hold = f", holding each for {item.hold_seconds} s" if item.hold_seconds else ""
    return f"{step.sets} {TIMES} {reps} reps{side}{hold}"


def holds(step: Step) -> list[Hold]:
    """The holds of a timed item in order: per side, the left then the right side each
    round; none for an item dosed in reps."""
    seconds = step.hold_seconds
    if seconds is None:
        return []
    sides = ("Left side", "Right side") if step.item.per_side else ("Hold",)
    return [Hold(label, seconds, r, step.sets) for r in range(1, step.sets + 1) for label in sides]
