"""Editing a profile outside the check-in: validated whole, and new pain answers take the
clearance back from the reasons that follow from them."""

from __future__ import annotations

import pytest

from backstride.core.errors import InputError
from backstride.core.profile_edits import edited
from tests.factories import make_profile

CLEARED = {"on": "2026-01-10", "covers": ["cancer_history", "severe_pain"]}


def test_a_bad_edit_names_the_field() -> None:
    with pytest.raises(InputError) as caught:
        edited(make_profile(), {"minutes_per_session": 200})
    assert [p.field for p in caught.value.problems] == ["minutes_per_session"]


def test_only_the_settings_fields_may_be_edited() -> None:
    with pytest.raises(ValueError, match="not editable here: age"):
        edited(make_profile(), {"age": 20})


def test_the_same_pain_keeps_the_clearance_whole() -> None:
    profile = make_profile(red_flags=["cancer_history"], pain={"intensity": 8}, clearance=CLEARED)
    assert edited(profile, {"setting": "outdoor"}).clearance == profile.clearance


def test_changed_pain_leaves_the_ticked_signs_cleared_and_drops_the_answers_reasons() -> None:
    profile = make_profile(red_flags=["cancer_history"], pain={"intensity": 8}, clearance=CLEARED)
    pain = {**profile.pain.model_dump(mode="json"), "intensity": 9}
    new = edited(profile, {"pain": pain})
    assert new.clearance is not None and new.clearance.covers == ("cancer_history",)


def test_a_clearance_left_with_nothing_to_cover_is_taken_back() -> None:
    profile = make_profile(
        pain={"trend": "worse"}, clearance={**CLEARED, "covers": ["pain_getting_worse"]}
    )
    pain = {**profile.pain.model_dump(mode="json"), "trend": "same"}
    assert edited(profile, {"pain": pain}).clearance is None
