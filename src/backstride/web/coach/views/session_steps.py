"""What the session page shows for one step of the guided session: its exercise, dose, hold
timer and place in its block. The step on the page and the copies of the steps ahead that
the page carries for use with no signal are shown from the same words."""

from __future__ import annotations

from typing import Any

from backstride.core.catalog import load_catalog
from backstride.core.session_dose import dose_words, holds
from backstride.core.session_flow import Guide, StepState
from backstride.core.session_summary import BLOCK_TITLES


def step_context(current: Guide, state: StepState) -> dict[str, Any]:
    """The step as it is shown once it comes next (every step before it behind the runner)."""
    step = state.step
    place, size = current.in_block(state)
    return {
        "state": state,
        "step": step,
        "exercise": load_catalog()[step.id],
        "dose": dose_words(step),
        "holds": holds(step),
        "block_title": BLOCK_TITLES[step.block],
        "place": place,
        "block_size": size,
        "optional_left": current.optional_left(state),
    }
