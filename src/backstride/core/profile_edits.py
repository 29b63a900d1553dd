"""Changing a stored profile without redoing the check-in: kit, setting, time, strength days
and the pain answers. Core validates the result, and decides what a clinician's clearance
still covers once the pain answers change."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from backstride.core.clearance import revoke
from backstride.core.errors import validate
from backstride.core.profile import Profile
from backstride.core.triage import derived_codes

EDITABLE = ("equipment", "setting", "minutes_per_session", "strength_days_per_week", "pain")


def edited(profile: Profile, changes: Mapping[str, Any]) -> Profile:
    """The profile with these answers in place of the stored ones (only the EDITABLE
    fields), validated as a whole: InputError names each field that is wrong."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise ValueError(f"not editable here: {', '.join(unknown)}")
    data = {**profile.model_dump(mode="json"), **changes}
    new = validate(Profile, data)
    return with_clearance_for(profile, new) if new.pain != profile.pain else new


def with_clearance_for(old: Profile, new: Profile) -> Profile:
    """New pain answers go through triage again: a clinician cleared what they heard then.

    The reasons that follow from the pain answers (severe pain, pain not easing with rest,
    night pain, pain getting worse...) leave the clearance, before and after the change
    alike, so each one the new answers give needs a fresh look; the ticked signs it covers
    (a past cancer, say) are untouched by these answers and stay cleared. A version-1
    clearance covers whatever see-doctor reasons the profile gives, new ones included, so
    it is taken back whole."""
    record = new.clearance
    if record is None:
        return revoke(new) if new.cleared_by_clinician else new
    from_answers = set(derived_codes(old)) | set(derived_codes(new))
    kept = tuple(code for code in record.covers if code not in from_answers)
    if not kept:
        return revoke(new)
    narrowed = record.model_copy(update={"covers": kept})
    return new.model_copy(update={"clearance": narrowed, "cleared_by_clinician": False})
