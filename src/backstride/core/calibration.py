"""'Find your four': which ladder exercise the runner should try next during calibration."""

from __future__ import annotations

from dataclasses import replace

from backstride.core.eligibility import Context, exclusion, rank_candidates
from backstride.core.profile import Profile
from backstride.core.vocab import ACTIVE_STRENGTH


def _context(today: Context) -> Context:
    """What rules exercises out today (painful movements, kit, jumping with pain, sets that
    hurt above 5 in the history); the answers themselves are judged one by one here."""
    return replace(today, abilities={})


def next_to_try(profile: Profile, today: Context) -> str | None:
    """Walk the ladder from the top: the first exercise the runner may do and has not
    answered yet, or None once four are found (or the ladder is exhausted). `today` is
    the context of the runner's replayed history (core.assessment)."""
    ctx = _context(today)
    found = 0
    for main in ctx.catalog.ladder:
        for candidate in rank_candidates(ctx.catalog, main, ctx.outdoor):
            if exclusion(ctx.catalog[candidate], ctx) is not None:
                continue
            answer = profile.abilities.get(candidate)
            if answer is None:
                return candidate
            if answer == "ok":
                found += 1
                break
        if found == ACTIVE_STRENGTH:
            return None
    return None


def found_so_far(profile: Profile, today: Context) -> list[str]:
    """The exercises already answered 'ok' and still allowed, in ladder order."""
    ctx = _context(today)
    return [
        c
        for main in ctx.catalog.ladder
        for c in rank_candidates(ctx.catalog, main, ctx.outdoor)
        if profile.abilities.get(c) == "ok" and exclusion(ctx.catalog[c], ctx) is None
    ][:ACTIVE_STRENGTH]
