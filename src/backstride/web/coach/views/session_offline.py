"""What the guided session page carries so that it can go on with no signal: the steps
still ahead in the order core gives them (each with what puts it behind the runner: its
sets, a painful set, done or skip), a copy of each step ahead as the page shows it, the
rest between sets and the closing question. The page keeps each tap in the phone's outbox
and moves on by itself; the server decides again when they arrive."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from backstride.core.session_flow import Guide, StepState, stop_note
from backstride.core.time_budget import STRENGTH_REST_SECONDS
from backstride.core.vocab import ACCEPTABLE_PAIN
from backstride.web.coach.forms_session import FeelingForm
from backstride.web.coach.views.session_steps import step_context

# The skip of a strength exercise once a set of it is saved (the step's own words then,
# held equal to them by a test).
SKIP_AFTER_SETS = (
    "Skip the sets left",
    "The sets you saved stay; no more are logged for it today.",
)


@dataclass(frozen=True)
class OfflineSession:
    """`data` for the page's script; `steps` the steps after the one on the page, each
    shown as it will be once it comes next; `rest` the seconds between two sets."""

    data: dict[str, Any]
    steps: list[dict[str, Any]]
    rest: int = STRENGTH_REST_SECONDS
    feeling_form: FeelingForm = field(default_factory=FeelingForm)


def offline_session(current: Guide) -> OfflineSession:
    ahead = current.ahead
    return OfflineSession(
        data={
            "stop_above": ACCEPTABLE_PAIN,
            "stop_note": stop_note("{pain}"),
            "skip_after_sets": SKIP_AFTER_SETS,
            "steps": [_step_data(s) for s in ahead],
        },
        steps=[step_context(current, s) for s in ahead[1:]],
    )


def _step_data(state: StepState) -> dict[str, Any]:
    step = state.step
    return {
        "id": step.id,
        "name": step.name,
        "strength": step.is_strength,
        "sets": step.sets,
        "saved": len(state.sets),
        "target_reps": getattr(step.item, "target_reps", None),
        "figure": reverse("coach:figure", args=[step.id]),
    }
