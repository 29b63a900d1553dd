"""How the take-away formats (calendar, printable plan) put a plan item's dosage and a day's
activities into words."""

from __future__ import annotations

from backstride.core.plan import DoseItem, StrengthItem

ACTIVITY_TITLES = {
    "strength": "Strength: your exercises",
    "mobility": "Mobility and flexibility",
    "run": "Run",
    "walk_or_cross_train": "Walk or cross-train (running paused)",
}
# What the phone shows when a reminder goes off: short, it is read on a lock screen.
ALARM_TEXT = {
    "strength": "Time for your strength exercises",
    "mobility": "Time for your mobility drills",
    "run": "Time for your run",
    "walk_or_cross_train": "Time for a walk or some cross-training",
}
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def strength_dose(item: StrengthItem) -> str:
    """'3 x 10 reps each side (build from 8 to 12)', with a multiplication sign."""
    side = " each side" if item.per_side else ""
    return (
        f"{item.sets} \u00d7 {item.target_reps} reps{side} "
        f"(build from {item.reps_min} to {item.reps_max})"
    )


def dose(item: DoseItem) -> str:
    """'2 x 8-12 reps', '3 x 30 s hold each side', '2 x 5 reps, 10 s hold'."""
    side = " each side" if item.per_side else ""
    if item.reps_min is not None and item.reps_max is not None:
        reps = (
            f"{item.reps_min}"
            if item.reps_min == item.reps_max
            else (f"{item.reps_min}-{item.reps_max}")
        )
        hold = f", {item.hold_seconds} s hold" if item.hold_seconds else ""
        return f"{item.sets} \u00d7 {reps} reps{hold}{side}"
    return f"{item.sets} \u00d7 {item.hold_seconds} s hold{side}"
