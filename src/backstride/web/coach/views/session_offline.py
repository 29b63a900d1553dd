"""What the guided session page carries so that it can go on with no signal: today's
strength exercises still ahead, with their words, dose and figure, and the pain above
which a set ends an exercise. The page then logs set after set into the phone's outbox
and moves on by itself; the server decides again when the sets arrive."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from backstride.core.catalog import load_catalog
from backstride.core.plan import StrengthItem
from backstride.core.session_dose import dose_words
from backstride.core.session_flow import Guide
from backstride.core.vocab import ACCEPTABLE_PAIN


def offline_session(current: Guide) -> dict[str, Any]:
    catalog = load_catalog()
    ahead = []
    for state in current.states:
        item = state.step.item
        if not isinstance(item, StrengthItem) or state.finished:
            continue
        exercise = catalog[item.id]
        ahead.append(
            {
                "id": item.id,
                "place": current.in_block(state)[0],
                "name": item.name,
                "sets": state.step.sets,
                "saved": len(state.sets),
                "dose": dose_words(state.step),
                "target_reps": item.target_reps,
                "per_side": item.per_side,
                "note": item.note or "",
                "figure": reverse("coach:figure", args=[item.id]),
                "steps": list(exercise.steps),
                "cues": list(exercise.cues),
            }
        )
    return {"stop_above": ACCEPTABLE_PAIN, "ahead": ahead}
