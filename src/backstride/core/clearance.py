"""A clinician's clearance as a dated record (DESIGN section 3): what it may cover, how it
is made and how it is taken back. The CLI and the web both call these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from backstride.core.errors import InputError, Problem, validate
from backstride.core.profile import Clearance, Profile
from backstride.core.signs import is_emergency
from backstride.core.triage import Reason, Report, triage

CLEARABLE_LEVELS = ("urgent", "see_doctor")


def revoke(profile: Profile) -> Profile:
    """No clearance at all, in either version's fields."""
    update = {"clearance": None, "cleared_by_clinician": False, "cleared_on": None}
    return profile.model_copy(update=update)


def needs_clearance(profile: Profile, today: dt.date) -> bool:
    """The profile alone holds the plan for reasons a clinician who saw the runner may
    lift (urgent or see-a-doctor, never an emergency): then the check-in asks for it."""
    return triage(profile, (), today).level in CLEARABLE_LEVELS


def clearable_reasons(profile: Profile, reports: Sequence[Report], on: dt.date) -> list[Reason]:
    """The urgent and see-doctor reasons reported on or before `on`, which a clinician
    who saw the runner that day can clear; any earlier clearance is set aside."""
    seen = [r for r in reports if r.date <= on]
    return [r for r in triage(revoke(profile), seen).reasons if r.level in CLEARABLE_LEVELS]


def clear(
    profile: Profile,
    reports: Sequence[Report],
    *,
    on: dt.date,
    by: str | None,
    covers: Sequence[str],
    today: dt.date,
) -> Profile:
    """The profile with a new clearance covering exactly `covers`; refused as bad input
    when dated after today, covering an emergency sign, or a code that is not a reason."""
    day = on.isoformat()
    if on > today:
        raise InputError(
            [Problem("clearance.on", f"{day} is after today; give the day you were seen")]
        )
    if not covers:
        raise InputError([Problem("clearance.covers", "tick each reason the clinician looked at")])
    problems = [
        Problem("clearance.covers", f"{c} is an emergency sign and cannot be cleared")
        for c in covers
        if is_emergency(c)
    ]
    allowed = {r.code for r in clearable_reasons(profile, reports, on)}
    problems += [
        Problem("clearance.covers", f"{c} is not one of your reasons to see a doctor by {day}")
        for c in covers
        if not is_emergency(c) and c not in allowed
    ]
    if problems:
        raise InputError(problems)
    data = {"on": on.isoformat(), "by": by or None, "covers": list(covers)}
    record = validate(Clearance, data, prefix="clearance")
    return revoke(profile).model_copy(update={"clearance": record})
