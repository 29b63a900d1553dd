"""'Find your four': which ladder exercise the runner should try next during calibration."""

from __future__ import annotations

from dataclasses import replace

from backstride.core.catalog import load_catalog
from backstride.core.eligibility import Context, exclusion, painful_moves, rank_candidates
from backstride.core.profile import Profile
from backstride.core.vocab import ACTIVE_STRENGTH, IMPACT_MAX_PAIN


def _context(profile: Profile) -> Context:
    # Answers are judged here one by one, so the abilities themselves rule nothing out.
    return Context(
        catalog=load_catalog(),
        kit=profile.kit,
        painful_moves=painful_moves(profile.pain.worse_with),
        outdoor=profile.setting == "outdoor",
        impact_ok=profile.pain.intensity <= IMPACT_MAX_PAIN,
        abilities={},
    )


def next_to_try(profile: Profile) -> str | None:
    """Walk the ladder from the top: the first exercise the runner may do and has not
    answered yet, or None once four are found (or the ladder is exhausted)."""
    ctx = _context(profile)
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


def found_so_far(profile: Profile) -> list[str]:
    """The exercises already answered 'ok', in ladder order."""
    ctx = replace(_context(profile), abilities=profile.abilities)
    return [
        c
        for main in ctx.catalog.ladder
        for c in rank_candidates(ctx.catalog, main, ctx.outdoor)
        if profile.abilities.get(c) == "ok" and exclusion(ctx.catalog[c], ctx) is None
    ][:ACTIVE_STRENGTH]
