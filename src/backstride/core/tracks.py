"""Where one prescribed exercise stands: its own range of reps and the target within it."""

from __future__ import annotations

from dataclasses import dataclass

from backstride.core.exercise import Exercise
from backstride.core.vocab import REPS_MAX, REPS_MIN, REPS_STEP


@dataclass
class Track:
    """Where one prescribed exercise stands, within its own range of reps."""

    target: int = REPS_MIN
    low: int = REPS_MIN
    high: int = REPS_MAX
    at_max: int = 0
    poor_streak: int = 0

    def lower(self) -> None:
        self.target = max(self.low, self.target - REPS_STEP)
        if self.target < self.high:
            self.at_max = 0


def rep_range(exercise: Exercise) -> tuple[int, int]:
    """The exercise's own range: 8-12 for the ladder, 5-8 for the jumps (DESIGN v2). The
    target starts at the bottom, rises by the usual step of 2 (capped at the top: 5, 7, 8
    for the jumps) and two clean sessions at the top master it."""
    return (exercise.dosage.reps_min or REPS_MIN, exercise.dosage.reps_max or REPS_MAX)


def track_for(exercise: Exercise, mastered: bool) -> Track:
    low, high = rep_range(exercise)
    return Track(target=high if mastered else low, low=low, high=high)
