"""How long an exercise takes (DESIGN section 2, 'Time'): reps at the tempo, holds, sides,
rests between sets and a changeover. Estimates are seconds; plans show tenths of a minute."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from backstride.core.exercise import Exercise
from backstride.core.plan import Block

# Slow and controlled: about 3 s down and 3 s up (source 003).
REP_SECONDS = 6
# Turning over or swapping legs once in each set of a one-sided exercise.
SIDE_SWITCH_SECONDS = 10
# Getting into position for each exercise: reading the cue, setting up the kit; for the
# first one, laying out the mat. Counted once per exercise so blocks add up.
CHANGEOVER_SECONDS = 30
# Rest between sets of strength work (DESIGN section 2; extras included, they are
# strength work too). Mobility drills and stretches are light: a breath between rounds.
STRENGTH_REST_SECONDS = 75
LIGHT_REST_SECONDS = 20
# Estimates are shown and added in tenths of a minute.
SECONDS_PER_TENTH = 6


@dataclass(frozen=True)
class Dose:
    """What one exercise asks: `reps` per side where one-sided (None: one hold per set)."""

    sets: int
    reps: int | None
    hold_seconds: int | None
    per_side: bool
    strength: bool


def dose_for(exercise: Exercise, sets: int | None = None, reps: int | None = None) -> Dose:
    """The exercise at its catalog dosage, at the top of its range of reps unless told
    otherwise (an estimate should not promise less time than the work takes)."""
    dosage = exercise.dosage
    return Dose(
        sets=dosage.sets if sets is None else sets,
        reps=dosage.reps_max if reps is None else reps,
        hold_seconds=dosage.hold_seconds,
        per_side=exercise.per_side,
        strength=exercise.kind == "strength",
    )


def set_seconds(dose: Dose) -> int:
    """One set: each rep at the tempo plus its hold, or the hold alone; both sides."""
    hold = dose.hold_seconds or 0
    one_side = hold if dose.reps is None else dose.reps * (REP_SECONDS + hold)
    return 2 * one_side + SIDE_SWITCH_SECONDS if dose.per_side else one_side


def dose_seconds(dose: Dose, sets: int | None = None) -> int:
    """The whole exercise: its changeover, the sets and the rests between them."""
    count = dose.sets if sets is None else sets
    rest = STRENGTH_REST_SECONDS if dose.strength else LIGHT_REST_SECONDS
    return CHANGEOVER_SECONDS + count * set_seconds(dose) + (count - 1) * rest


def tenths(seconds: int) -> int:
    """Tenths of a minute, rounded up, so the figures shown never add up to less than the
    time the work takes."""
    return -(-seconds // SECONDS_PER_TENTH)


def minutes_of(doses: Sequence[Dose]) -> float:
    """Minutes to a tenth: one dose's estimate, or a block's as the sum of its items'."""
    return sum(tenths(dose_seconds(d)) for d in doses) / 10


@dataclass(frozen=True)
class Offer:
    """An exercise the plan prescribes for today, in its session block."""

    id: str
    name: str
    block: Block
    dose: Dose

    def cost(self, sets: int | None = None) -> int:
        """In tenths of a minute."""
        return tenths(dose_seconds(self.dose, sets))


def sets_that_fit(exercise: Exercise, reps: int, minutes: int) -> int:
    """The exercise's sets at `reps`, or fewer when its whole dose cannot fit in `minutes`
    (never below one): what a session that short offers of it."""
    sets = exercise.dosage.sets
    while sets > 1 and tenths(dose_seconds(dose_for(exercise, sets, reps))) > minutes * 10:
        sets -= 1
    return sets
