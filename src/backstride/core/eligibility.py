"""Which exercises a runner may be given right now, and which exercise fills each ladder rank."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from backstride.core.catalog import Catalog
from backstride.core.exercise import Exercise
from backstride.core.vocab import ACTIVE_STRENGTH, MOVEMENTS

IMPACT_WAITS = (
    "jumping waits until your pain is 3/10 or less, both usually and this morning, with no "
    "flare-up and no run above 5/10 in the last 7 days"
)
EXTRA_GROUPS = ("stability", "core_trio")
LOADED_MOVES = frozenset({"bending_forward", "twisting"})


@dataclass(frozen=True)
class Exclusion:
    code: str
    reason: str


@dataclass(frozen=True)
class Context:
    """Everything that rules exercises in or out at one moment of the runner's history."""

    catalog: Catalog
    kit: frozenset[str]
    painful_moves: frozenset[str]
    outdoor: bool
    impact_ok: bool
    abilities: Mapping[str, str]
    blocked: Mapping[str, str] = field(default_factory=dict)
    form_cleared: frozenset[str] = frozenset()
    # The current pain (latest morning check-in, else the profile's) is 3 or less.
    loaded_flexion_ok: bool = True


def _words(code: str) -> str:
    return code.replace("_", " ")


def _with_article(thing: str) -> str:
    return f"{'an' if thing[:1] in 'aeiou' else 'a'} {thing}"


def exclusion(exercise: Exercise, ctx: Context) -> Exclusion | None:
    """Why this exercise must not be prescribed now, or None when it may be."""
    hurts = ctx.painful_moves.intersection(exercise.avoid_when)
    if hurts:
        return Exclusion("painful_movement", f"it involves {_words(min(hurts))}, which hurts you")
    missing = set(exercise.equipment).difference(ctx.kit)
    if missing:
        return Exclusion("missing_equipment", f"it needs {_with_article(_words(min(missing)))}")
    if exercise.impact and not ctx.impact_ok:
        return Exclusion("impact_while_sore", IMPACT_WAITS)
    if loads_flexion(exercise) and not ctx.loaded_flexion_ok:
        return Exclusion(
            "loaded_flexion_while_sore",
            "it loads your back in bending forward or twisting, which waits until your pain "
            "is 3/10 or less",
        )
    blocked = ctx.blocked.get(exercise.id)
    if blocked == "too_painful":
        return Exclusion("too_painful", "a set of it hurt more than 5/10")
    if blocked == "too_hard":
        lowest = exercise.dosage.reps_min
        return Exclusion("too_hard", f"form slipped at {lowest} reps two sessions running")
    ability = ctx.abilities.get(exercise.id)
    if ability == "painful":
        return Exclusion("calibration_painful", "it hurt when you tried it")
    if ability == "poor_form" and exercise.id not in ctx.form_cleared:
        return Exclusion("calibration_poor_form", "you could not keep good form in it")
    return None


def loads_flexion(exercise: Exercise) -> bool:
    """An optional extra that loads the spine in bending forward or twisting (DESIGN v2)."""
    return exercise.group in EXTRA_GROUPS and bool(LOADED_MOVES.intersection(exercise.avoid_when))


def movement_note(exercise: Exercise, ctx: Context) -> str | None:
    """How to adapt an exercise to the painful movements that do not rule it out."""
    notes = [
        exercise.movement_notes[m]
        for m in sorted(ctx.painful_moves)
        if m in exercise.movement_notes
    ]
    return " ".join(notes) or None


def painful_moves(worse_with: tuple[str, ...]) -> frozenset[str]:
    """Only bending and twisting rule exercises out; sitting and standing do not."""
    return frozenset(w for w in worse_with if w in MOVEMENTS)


def rank_candidates(catalog: Catalog, main: str, outdoor: bool) -> list[str]:
    """The exercises that may fill a rank, preferred first: outdoors the outdoor
    alternative replaces the main one; an easier variant stands in when needed."""
    outdoor_alt = catalog.variant(main, "outdoor")
    first = outdoor_alt if outdoor and outdoor_alt else main
    easier = catalog.variant(main, "easier")
    return [first, easier] if easier else [first]


def resolve_rank(main: str, ctx: Context) -> str | None:
    """The exercise that fills this ladder rank now, or None when none may."""
    for candidate in rank_candidates(ctx.catalog, main, ctx.outdoor):
        if exclusion(ctx.catalog[candidate], ctx) is None:
            return candidate
    return None


def ladder_parent(catalog: Catalog, exercise_id: str) -> str:
    exercise = catalog[exercise_id]
    return exercise.variant_of or exercise_id


def select_four(ctx: Context, mastered: frozenset[str]) -> list[str]:
    """The first four ranks that resolve to an exercise not yet mastered, in ladder order;
    with fewer left, the hardest mastered ones fill up the four (kept at the top reps)."""
    picks = [p for p in (resolve_rank(main, ctx) for main in ctx.catalog.ladder) if p]
    active = [p for p in picks if p not in mastered][:ACTIVE_STRENGTH]
    if len(active) < ACTIVE_STRENGTH:
        kept = [p for p in reversed(picks) if p in mastered]
        active += kept[: ACTIVE_STRENGTH - len(active)]
    rank = {p: i for i, p in enumerate(picks)}
    return sorted(active, key=rank.__getitem__)


def companion(ctx: Context, upper_back: bool) -> str | None:
    """With upper-back pain, the upper-back companion joins the four when it may."""
    if not upper_back:
        return None
    for main in ctx.catalog.ladder:
        candidate = ctx.catalog.variant(main, "upper_back_companion")
        if candidate and exclusion(ctx.catalog[candidate], ctx) is None:
            return candidate
    return None
