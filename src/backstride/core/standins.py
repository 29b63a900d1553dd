"""Why each exercise of the strength block is there, in the runner's own terms (DESIGN v2):
a stand-in names what it stands in for and why; nothing claims a calibration never done."""

from __future__ import annotations

import datetime as dt

from backstride.core.eligibility import ladder_parent, rank_candidates
from backstride.core.progression import Progress
from backstride.core.setbacks import the, why_not
from backstride.core.vocab import ACTIVE_STRENGTH

MASTERED = "Mastered; kept in your four because nothing harder is left for you."
COMPANION = "Added beside the four for your upper back."


def stand_ins(progress: Progress) -> dict[str, str]:
    """Which ladder rank each pick beyond the first four stands in for. Without anything
    ruled out or mastered the block is ranks 1-4; each of those the block lacks gives its
    place to the next pick beyond them, in ladder order."""
    catalog = progress.ctx.catalog
    by_rank = {ladder_parent(catalog, e): e for e in progress.four}
    lacking = [main for main in catalog.ladder[:ACTIVE_STRENGTH] if main not in by_rank]
    beyond = [
        by_rank[main]
        for main in catalog.ladder[ACTIVE_STRENGTH:]
        if main in by_rank and by_rank[main] not in progress.mastered
    ]
    return dict(zip(beyond, lacking, strict=False))


def strength_why(exercise_id: str, progress: Progress, today: dt.date) -> str:
    """One or two sentences: the rank, and what the exercise stands in for, if anything."""
    catalog = progress.ctx.catalog
    exercise = catalog[exercise_id]
    if exercise_id in progress.mastered:
        return MASTERED
    if exercise.variant_role == "upper_back_companion":
        return COMPANION
    parent = catalog[ladder_parent(catalog, exercise_id)]
    rank = parent.ladder_rank
    rank_for = stand_ins(progress).get(exercise_id)
    taken = _taken_from(rank_for, progress, today) if rank_for else None
    if exercise.variant_role is None:
        if taken is not None:
            mastered, name, why = taken
            if mastered:
                return f"Rank {rank} of the ladder: next in line now that you have mastered {name}."
            return f"Rank {rank} of the ladder, in place of {name}{why}."
        if progress.ctx.abilities.get(exercise_id) == "ok":
            return f"Rank {rank} of the ladder: among the first four you can do well and pain-free."
        return f"Rank {rank} of the ladder: next in line for you."
    if exercise.variant_role == "easier":
        head = f"Rank {rank}: the easier version of {the(parent.name)}"
        head += _comma(_clause(parent.id, progress, today))
    else:
        head = f"Rank {rank}: the outdoor version of {the(parent.name)}"
    if taken is None:
        return f"{head}."
    mastered, name, why = taken
    if mastered:
        return f"{head}. It is also next in line now that you have mastered {name}."
    return f"{head}. It also takes the place of {name}{why}."


def _taken_from(main: str, progress: Progress, today: dt.date) -> tuple[bool, str, str]:
    """(mastered, 'the dead bug', ', which hurt at 6/10 on 1 Dec') for the exercise that
    would fill this rank of the first four."""
    ctx = progress.ctx
    first = rank_candidates(ctx.catalog, main, ctx.outdoor)[0]
    name = the(ctx.catalog[first].name)
    if first in progress.mastered:
        return True, name, ""
    return False, name, _comma(_clause(first, progress, today))


def _comma(clause: str) -> str:
    return f", {clause}" if clause else ""


def _clause(exercise_id: str, progress: Progress, today: dt.date) -> str:
    return why_not(exercise_id, progress.ctx, progress.setbacks, progress.mastered, today)
