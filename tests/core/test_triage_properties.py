"""Triage v2's safety invariants over random profiles, reports and clearances (hypothesis)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from backstride.core.assessment import build_programme
from backstride.core.history import Checkin, History
from backstride.core.profile import Profile
from backstride.core.signs import CLEARABLE, level_of
from backstride.core.triage import cover_of, triage
from backstride.core.vocab import INFLAMMATORY_SIGNS, RED_FLAGS
from tests.core.test_properties import profiles, subset
from tests.factories import TODAY

DAYS = st.integers(-40, 5).map(lambda n: TODAY + dt.timedelta(days=n))


@st.composite
def clearances(draw: Any) -> dict[str, Any] | None:
    if not draw(st.booleans()):
        return None
    on = draw(st.integers(-30, 0).map(lambda n: TODAY + dt.timedelta(days=n)))
    covers = draw(st.lists(st.sampled_from(CLEARABLE), min_size=1, max_size=6, unique=True))
    return {"on": on.isoformat(), "covers": covers}


@st.composite
def cases(draw: Any) -> tuple[Profile, History]:
    base = draw(profiles(flags=subset(RED_FLAGS, 3)))
    extra = {
        "clearance": draw(clearances()),
        "inflammatory_signs": draw(subset(INFLAMMATORY_SIGNS)),
    }
    profile = Profile.model_validate({**base.model_dump(mode="json"), **extra})
    checkins = draw(
        st.lists(
            st.builds(
                Checkin,
                date=DAYS,
                morning_pain=st.integers(0, 10),
                red_flags=st.lists(st.sampled_from(RED_FLAGS), unique=True, max_size=2).map(tuple),
            ),
            max_size=4,
        )
    )
    return profile, History(checkins=tuple(checkins))


@given(cases())
def test_an_emergency_never_gets_a_plan(case: tuple[Profile, History]) -> None:
    profile, history = case
    result = build_programme(profile, history, TODAY)
    if result.triage.level == "emergency":
        assert result.plan is None


@given(cases())
def test_a_plan_only_at_self_manage_and_every_lifted_reason_is_covered(
    case: tuple[Profile, History],
) -> None:
    """With the clearance set aside, every urgent or see-doctor reason the plan went ahead
    despite must be one the clearance lists."""
    profile, history = case
    result = build_programme(profile, history, TODAY)
    assert (result.plan is not None) is (result.triage.level == "self_manage")
    if result.plan is None:
        return
    bare = profile.model_copy(
        update={"clearance": None, "cleared_by_clinician": False, "cleared_on": None}
    )
    held = triage(bare, history.reports())
    cover = cover_of(profile)
    for reason in held.reasons:
        assert reason.level != "emergency"
        assert cover is not None and reason.code in cover.codes


@given(cases())
def test_no_reason_is_lowered_by_a_clearance_dated_before_it_was_reported(
    case: tuple[Profile, History],
) -> None:
    profile, history = case
    record = profile.clearance
    if record is None:
        return
    later = [c for c in history.checkins if c.date > record.on]
    found = {r.code for r in triage(profile, later).reasons}
    for checkin in later:
        for flag in checkin.red_flags:
            if level_of(flag) != "self_manage":
                assert flag in found
