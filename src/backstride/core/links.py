"""Easier and harder links as one runner may follow them (DESIGN section 2, v2): a link to
an exercise the runner is ruled out of is dropped, or moves to the nearest allowed one."""

from __future__ import annotations

from typing import NamedTuple

from backstride.core.eligibility import Context, exclusion, movement_note
from backstride.core.exercise import Exercise


class Links(NamedTuple):
    easier: str | None
    harder: str | None


def easier_for(exercise: Exercise, ctx: Context) -> str | None:
    """The nearest regression the runner may do, walking down the chain past the ones they
    are ruled out of; None when there is none."""
    seen = {exercise.id}
    link = exercise.easier
    while link is not None and link not in seen:
        candidate = ctx.catalog[link]
        if exclusion(candidate, ctx) is None:
            return link
        seen.add(link)
        link = candidate.easier
    return None


def harder_for(exercise: Exercise, ctx: Context) -> str | None:
    """The next progression when the runner may do it, else None. It never skips ahead:
    a harder version of an exercise that hurts them, or that they cannot yet do well, is
    no next step."""
    link = exercise.harder
    if link is None or exclusion(ctx.catalog[link], ctx) is not None:
        return None
    return link


def links_for(exercise: Exercise, ctx: Context) -> Links:
    return Links(easier_for(exercise, ctx), harder_for(exercise, ctx))


class RunnerView(NamedTuple):
    """An exercise page as one runner sees it: the links they may follow, how to adapt the
    exercise to a movement that hurts them, and why it is not for them now (or None)."""

    links: Links
    note: str | None
    ruled_out: str | None


def runner_view(exercise: Exercise, ctx: Context) -> RunnerView:
    """`ctx` is the context of the runner's plan of today (core.assessment)."""
    ruled_out = exclusion(exercise, ctx)
    return RunnerView(
        links_for(exercise, ctx),
        movement_note(exercise, ctx),
        ruled_out.reason if ruled_out else None,
    )


def catalog_links(exercise: Exercise) -> Links:
    """The links as the catalog gives them, for a visitor who is not logged in."""
    return Links(exercise.easier, exercise.harder)
