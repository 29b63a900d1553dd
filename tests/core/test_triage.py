"""Section 3: every warning sign, every derived rule, the clearance and the cautions."""

from __future__ import annotations

import pytest

from backstride.core.triage import triage
from backstride.core.vocab import EMERGENCY_FLAGS, SEE_DOCTOR_FLAGS
from tests.factories import checkin, day, make_profile


def test_a_calm_profile_self_manages_without_reasons() -> None:
    result = triage(make_profile())
    assert result.level == "self_manage"
    assert result.reasons == []


@pytest.mark.parametrize("flag", EMERGENCY_FLAGS)
def test_each_emergency_flag_gives_emergency(flag: str) -> None:
    result = triage(make_profile(red_flags=[flag]))
    assert result.level == "emergency"
    assert [r.code for r in result.reasons] == [flag]
    assert result.reasons[0].message


@pytest.mark.parametrize("flag", SEE_DOCTOR_FLAGS)
def test_each_see_doctor_flag_gives_see_doctor(flag: str) -> None:
    result = triage(make_profile(red_flags=[flag]))
    assert result.level == "see_doctor"
    assert [r.code for r in result.reasons] == [flag]


@pytest.mark.parametrize(
    ("pain", "code"),
    [
        ({"eases_with_rest": False}, "pain_not_easing_with_rest"),
        ({"timing": ["at_night"]}, "night_pain"),
        ({"trend": "worse"}, "pain_getting_worse"),
        ({"weeks": 6, "trend": "same"}, "persistent_pain"),
        ({"regions": ["upper_back"], "timing": ["at_rest"]}, "upper_back_pain_at_rest"),
    ],
)
def test_derived_rules_send_to_a_doctor(pain: dict[str, object], code: str) -> None:
    result = triage(make_profile(pain=pain))
    assert result.level == "see_doctor"
    assert code in [r.code for r in result.reasons]


def test_six_weeks_and_getting_better_is_not_persistent() -> None:
    assert triage(make_profile(pain={"weeks": 10, "trend": "better"})).level == "self_manage"


def test_five_weeks_not_better_is_not_yet_persistent() -> None:
    assert triage(make_profile(pain={"weeks": 5, "trend": "same"})).level == "self_manage"


def test_lower_back_pain_at_rest_alone_is_not_a_reason() -> None:
    assert triage(make_profile(pain={"timing": ["at_rest"]})).level == "self_manage"


def test_night_timing_and_night_flag_give_one_reason() -> None:
    result = triage(make_profile(red_flags=["night_pain"], pain={"timing": ["at_night"]}))
    assert [r.code for r in result.reasons] == ["night_pain"]


def test_emergency_beats_see_doctor_and_lists_both() -> None:
    result = triage(make_profile(red_flags=["fever_or_unwell", "saddle_numbness"]))
    assert result.level == "emergency"
    assert [r.level for r in result.reasons] == ["emergency", "see_doctor"]


def test_clearance_turns_see_doctor_reasons_into_cautions() -> None:
    result = triage(
        make_profile(
            red_flags=["cancer_history"], pain={"trend": "worse"}, cleared_by_clinician=True
        )
    )
    assert result.level == "self_manage"
    assert result.reasons == []
    assert {"cancer_history", "pain_getting_worse"} <= {c.code for c in result.cautions}


def test_clearance_never_covers_an_emergency() -> None:
    result = triage(make_profile(red_flags=["serious_trauma"], cleared_by_clinician=True))
    assert result.level == "emergency"


def test_new_warning_sign_in_a_checkin_is_not_covered_by_clearance() -> None:
    profile = make_profile(red_flags=["cancer_history"], cleared_by_clinician=True)
    result = triage(profile, [checkin(day(-1), 2, ("fever_or_unwell",))])
    assert result.level == "see_doctor"
    assert result.reasons[0].code == "fever_or_unwell"
    assert str(day(-1)) in result.reasons[0].message


def test_checkin_flag_the_cleared_profile_lists_is_covered() -> None:
    profile = make_profile(red_flags=["fever_or_unwell"], cleared_by_clinician=True)
    assert triage(profile, [checkin(day(-1), 2, ("fever_or_unwell",))]).level == "self_manage"


def test_emergency_sign_in_a_checkin_gives_emergency() -> None:
    result = triage(make_profile(), [checkin(day(-3), 1, ("bladder_or_bowel_change",))])
    assert result.level == "emergency"


def test_age_fifty_with_new_pain_is_a_caution() -> None:
    result = triage(make_profile(age=50, pain={"weeks": 5}))
    assert result.level == "self_manage"
    assert [c.code for c in result.cautions] == ["new_pain_over_50"]


def test_age_fifty_with_older_pain_gets_no_age_caution() -> None:
    result = triage(make_profile(age=50, pain={"weeks": 8, "trend": "better"}))
    assert "new_pain_over_50" not in [c.code for c in result.cautions]


def test_age_forty_nine_gets_no_age_caution() -> None:
    assert triage(make_profile(age=49)).cautions == []


@pytest.mark.parametrize(("intensity", "expected"), [(5, False), (6, True), (10, True)])
def test_pain_six_or_more_pauses_running(intensity: int, expected: bool) -> None:
    codes = [c.code for c in triage(make_profile(pain={"intensity": intensity})).cautions]
    assert ("high_pain_running_paused" in codes) is expected


def test_every_reason_and_caution_has_a_plain_message() -> None:
    profile = make_profile(
        age=60,
        red_flags=list(SEE_DOCTOR_FLAGS),
        pain={"intensity": 7, "trend": "worse", "eases_with_rest": False, "weeks": 1},
        cleared_by_clinician=True,
    )
    result = triage(profile)
    for item in [*result.reasons, *result.cautions]:
        assert item.code and len(item.message) > 15


def test_clearing_covers_the_see_doctor_signs_reported_so_far() -> None:
    from backstride.core.triage import clear

    checkins = [checkin(day(-2), 3, ("fever_or_unwell",))]
    cleared = clear(make_profile(pain={"trend": "worse"}), checkins, day(-1))
    assert cleared.cleared_by_clinician is True and cleared.cleared_on == day(-1)
    assert triage(cleared, checkins).level == "self_manage"
    later = [*checkins, checkin(day(0), 2, ("night_pain",))]
    assert triage(cleared, later).level == "see_doctor"


def test_the_same_sign_reported_again_after_the_clearance_is_not_covered() -> None:
    from backstride.core.triage import clear

    first = [checkin(day(-5), 3, ("fever_or_unwell",))]
    cleared = clear(make_profile(), first, day(-4))
    again = [*first, checkin(day(-1), 3, ("fever_or_unwell",))]
    result = triage(cleared, again)
    assert result.level == "see_doctor"
    assert str(day(-1)) in result.reasons[0].message


def test_clearing_never_covers_an_emergency_sign_from_a_checkin() -> None:
    from backstride.core.triage import clear

    checkins = [checkin(day(-2), 3, ("saddle_numbness",))]
    assert triage(clear(make_profile(), checkins, day(-1)), checkins).level == "emergency"


def test_any_emergency_spots_only_emergency_signs() -> None:
    from backstride.core.triage import any_emergency

    assert any_emergency(["fever_or_unwell", "saddle_numbness"])
    assert not any_emergency(["fever_or_unwell", "night_pain"])


def test_pain_of_six_weeks_at_fifty_is_no_longer_new() -> None:
    result = triage(make_profile(age=50, pain={"weeks": 6, "trend": "better"}))
    assert "new_pain_over_50" not in [c.code for c in result.cautions]


def test_clearing_leaves_out_a_sign_from_a_check_in_dated_after_the_clearance() -> None:
    from backstride.core.triage import clear

    ahead = [checkin(day(5), 3, ("fever_or_unwell",))]
    cleared = clear(make_profile(), ahead, day(0))
    assert "fever_or_unwell" not in cleared.red_flags
    assert triage(cleared, ahead).level == "see_doctor"


def test_a_sign_reported_on_the_day_of_the_clearance_is_covered() -> None:
    from backstride.core.triage import clear

    same_day = [checkin(day(0), 3, ("fever_or_unwell",))]
    assert triage(clear(make_profile(), same_day, day(0)), same_day).level == "self_manage"


def test_a_clearance_covers_night_pain_the_profile_reported_as_its_timing() -> None:
    profile = make_profile(
        pain={"timing": ["at_night"]}, cleared_by_clinician=True, cleared_on=str(day(-3))
    )
    assert triage(profile).level == "self_manage"
    before = [checkin(day(-4), 2, ("night_pain",))]
    assert triage(profile, before).level == "self_manage"
    after = [checkin(day(-1), 2, ("night_pain",))]
    assert triage(profile, after).level == "see_doctor"
