"""Section 3 (v2): every warning sign, every derived rule and boundary, the referrals,
the cautions and the dated clearance."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from backstride.core.clearance import clear, clearable_reasons, revoke
from backstride.core.errors import InputError
from backstride.core.history import Run
from backstride.core.profile import Profile
from backstride.core.triage import any_emergency, asks_inflammatory, triage
from backstride.core.vocab import (
    EMERGENCY_FLAGS,
    INFLAMMATORY_SIGNS,
    SEE_DOCTOR_FLAGS,
    URGENT_FLAGS,
)
from tests.factories import TODAY, checkin, day, make_profile


def codes(profile: Profile, reports: Any = ()) -> list[str]:
    return [r.code for r in triage(profile, reports).reasons]


def caution_codes(profile: Profile) -> list[str]:
    return [c.code for c in triage(profile).cautions]


def test_a_calm_profile_self_manages_without_reasons() -> None:
    result = triage(make_profile())
    assert result.level == "self_manage" and result.reasons == [] and result.allows_plan


@pytest.mark.parametrize("flag", EMERGENCY_FLAGS)
def test_each_emergency_flag_gives_emergency_act_now(flag: str) -> None:
    result = triage(make_profile(red_flags=[flag]))
    assert result.level == "emergency" and not result.allows_plan
    assert [(r.code, r.level, r.act) for r in result.reasons] == [(flag, "emergency", "now")]
    assert len(result.reasons[0].message) > 15


@pytest.mark.parametrize("flag", URGENT_FLAGS)
def test_each_urgent_flag_gives_urgent_act_today(flag: str) -> None:
    result = triage(make_profile(red_flags=[flag]))
    assert result.level == "urgent" and not result.allows_plan
    assert [(r.code, r.act) for r in result.reasons] == [(flag, "today")]


@pytest.mark.parametrize("flag", SEE_DOCTOR_FLAGS)
def test_each_see_doctor_flag_gives_see_doctor_act_soon(flag: str) -> None:
    result = triage(make_profile(red_flags=[flag]))
    assert result.level == "see_doctor"
    assert [(r.code, r.act) for r in result.reasons] == [(flag, "soon")]


def test_the_new_emergency_signs_are_emergencies() -> None:
    for flag in ("sexual_function_change", "legs_giving_way", "sudden_tearing_pain"):
        assert triage(make_profile(red_flags=[flag])).level == "emergency"


def test_fever_and_one_leg_weakness_moved_up_to_urgent() -> None:
    assert triage(make_profile(red_flags=["fever_or_unwell"])).level == "urgent"
    assert triage(make_profile(red_flags=["leg_weakness_one_side"])).level == "urgent"


@pytest.mark.parametrize(
    ("pain", "code"),
    [
        ({"eases_with_rest": False}, "pain_not_easing_with_rest"),
        ({"timing": ["at_night"]}, "night_pain"),
        ({"trend": "worse"}, "pain_getting_worse"),
        ({"regions": ["upper_back"], "timing": ["at_rest"]}, "upper_back_pain_at_rest"),
        ({"intensity": 8}, "severe_pain"),
    ],
)
def test_derived_rules_send_to_a_doctor(pain: dict[str, object], code: str) -> None:
    result = triage(make_profile(pain=pain))
    assert result.level == "see_doctor"
    assert codes(make_profile(pain=pain)) == [code]


@pytest.mark.parametrize(("intensity", "level"), [(7, "see_doctor"), (8, "urgent")])
def test_unrelenting_pain_is_urgent_from_eight(intensity: int, level: str) -> None:
    profile = make_profile(pain={"intensity": intensity, "eases_with_rest": False})
    assert triage(profile).level == level
    expected = "severe_unrelenting_pain" if level == "urgent" else "pain_not_easing_with_rest"
    assert codes(profile) == [expected]


@pytest.mark.parametrize(("intensity", "found"), [(7, False), (8, True)])
def test_severe_pain_starts_at_eight(intensity: int, found: bool) -> None:
    assert ("severe_pain" in codes(make_profile(pain={"intensity": intensity}))) is found


def test_lower_back_pain_at_rest_alone_is_not_a_reason() -> None:
    assert triage(make_profile(pain={"timing": ["at_rest"]})).level == "self_manage"


def test_night_timing_and_night_flag_give_one_reason() -> None:
    profile = make_profile(red_flags=["night_pain"], pain={"timing": ["at_night"]})
    assert codes(profile) == ["night_pain"]


# -- adolescents -----------------------------------------------------------------------


@pytest.mark.parametrize(("age", "level"), [(17, "see_doctor"), (18, "self_manage")])
def test_adolescent_pain_bending_backward_needs_a_doctor_until_eighteen(
    age: int, level: str
) -> None:
    profile = make_profile(age=age, pain={"worse_with": ["bending_backward"], "weeks": 1})
    assert triage(profile).level == level
    assert ("adolescent_back_pain" in codes(profile)) is (level == "see_doctor")


@pytest.mark.parametrize(("weeks", "found"), [(2, False), (3, True)])
def test_adolescent_pain_of_three_weeks_needs_a_doctor(weeks: int, found: bool) -> None:
    profile = make_profile(age=15, pain={"weeks": weeks})
    assert ("adolescent_back_pain" in codes(profile)) is found


# -- falls -----------------------------------------------------------------------------


def test_a_minor_fall_alone_is_ordinary_back_pain() -> None:
    assert triage(make_profile(red_flags=["minor_fall_or_strain"])).level == "self_manage"


@pytest.mark.parametrize(("age", "level"), [(64, "self_manage"), (65, "urgent")])
def test_a_minor_fall_at_sixty_five_is_urgent(age: int, level: str) -> None:
    profile = make_profile(age=age, red_flags=["minor_fall_or_strain"])
    assert triage(profile).level == level


def test_a_minor_fall_with_osteoporosis_is_urgent_at_any_age() -> None:
    profile = make_profile(age=40, red_flags=["minor_fall_or_strain", "osteoporosis_or_steroids"])
    result = triage(profile)
    assert result.level == "urgent"
    assert [r.code for r in result.reasons] == [
        "minor_fall_with_fragile_bones",
        "osteoporosis_or_steroids",
    ]


def test_a_fall_reported_in_a_check_in_at_seventy_is_urgent() -> None:
    profile = make_profile(age=70, pain={"weeks": 8, "trend": "better"})
    result = triage(profile, [checkin(day(-1), 4, ("minor_fall_or_strain",))])
    assert result.level == "urgent"
    assert result.reasons[0].code == "minor_fall_with_fragile_bones"


# -- referrals that keep the plan ------------------------------------------------------


@pytest.mark.parametrize(("weeks", "found"), [(5, False), (6, True)])
def test_persistent_pain_is_a_referral_that_keeps_the_plan(weeks: int, found: bool) -> None:
    result = triage(make_profile(pain={"weeks": weeks, "trend": "same"}))
    assert result.level == "self_manage"
    referrals = [c for c in result.cautions if c.code == "persistent_pain"]
    assert bool(referrals) is found
    assert all(c.referral for c in referrals)


def test_persistent_pain_getting_better_is_no_referral() -> None:
    assert "persistent_pain" not in caution_codes(
        make_profile(pain={"weeks": 10, "trend": "better"})
    )


def _inflammatory(age: int, weeks: int, signs: int) -> Profile:
    return make_profile(
        age=age,
        pain={"weeks": weeks, "trend": "better"},
        inflammatory_signs=list(INFLAMMATORY_SIGNS[:signs]),
    )


@pytest.mark.parametrize(
    ("age", "weeks", "signs", "found"),
    [
        (30, 12, 4, True),
        (30, 11, 4, False),  # under 12 weeks
        (30, 12, 3, False),  # 3 of the signs
        (45, 52, 4, True),  # began at about 44
        (46, 52, 4, False),  # began at about 45: not before 45
    ],
)
def test_possible_inflammatory_back_pain_is_a_rheumatology_referral(
    age: int, weeks: int, signs: int, found: bool
) -> None:
    result = triage(_inflammatory(age, weeks, signs))
    assert result.level == "self_manage"
    match = [c for c in result.cautions if c.code == "possible_inflammatory_back_pain"]
    assert bool(match) is found
    assert all(c.referral and "rheumatolog" in c.message for c in match)


@pytest.mark.parametrize(
    ("age", "weeks", "asked"), [(30, 11, False), (30, 12, True), (45, 52, True), (46, 52, False)]
)
def test_the_inflammatory_questions_are_asked_only_when_they_matter(
    age: int, weeks: int, asked: bool
) -> None:
    assert asks_inflammatory(age, weeks) is asked


def test_repeated_flare_ups_is_a_referral_and_the_others_are_not() -> None:
    from backstride.core.triage import caution

    assert caution("repeated_flare_ups").referral
    assert not caution("new_pain_over_50").referral
    assert not caution("high_pain_running_paused").referral


def test_age_fifty_with_new_pain_is_a_caution() -> None:
    result = triage(make_profile(age=50, pain={"weeks": 5}))
    assert result.level == "self_manage"
    assert [c.code for c in result.cautions] == ["new_pain_over_50"]


def test_age_forty_nine_gets_no_age_caution() -> None:
    assert triage(make_profile(age=49)).cautions == []


def test_pain_of_six_weeks_at_fifty_is_no_longer_new() -> None:
    result = triage(make_profile(age=50, pain={"weeks": 6, "trend": "better"}))
    assert "new_pain_over_50" not in [c.code for c in result.cautions]


@pytest.mark.parametrize(("intensity", "expected"), [(5, False), (6, True), (10, True)])
def test_pain_six_or_more_pauses_running(intensity: int, expected: bool) -> None:
    found = "high_pain_running_paused" in caution_codes(make_profile(pain={"intensity": intensity}))
    assert found is expected


# -- levels and reports ----------------------------------------------------------------


def test_the_highest_level_wins_and_reasons_come_highest_first() -> None:
    flags = ["cancer_history", "fever_or_unwell", "saddle_numbness"]
    result = triage(make_profile(red_flags=flags))
    assert result.level == "emergency"
    assert [r.level for r in result.reasons] == ["emergency", "urgent", "see_doctor"]
    assert [r.act for r in result.reasons] == ["now", "today", "soon"]


def test_an_emergency_sign_in_a_checkin_gives_emergency() -> None:
    result = triage(make_profile(), [checkin(day(-3), 1, ("bladder_or_bowel_change",))])
    assert result.level == "emergency"
    assert str(day(-3)) in result.reasons[0].message


def test_a_sign_reported_beside_a_run_counts_like_a_check_ins() -> None:
    beside = Run(date=day(-1), km=5, minutes=30, red_flags=("legs_giving_way",))
    assert triage(make_profile(), [beside]).level == "emergency"


def test_any_emergency_spots_only_emergency_signs() -> None:
    assert any_emergency(["fever_or_unwell", "saddle_numbness"])
    assert not any_emergency(["fever_or_unwell", "night_pain", "minor_fall_or_strain"])


def test_unknown_flags_and_signs_are_refused_by_name() -> None:
    with pytest.raises(ValueError, match="red_flags"):
        make_profile(red_flags=["feeling_odd"])
    with pytest.raises(ValueError, match="inflammatory_signs"):
        make_profile(inflammatory_signs=["stiff"])


# -- the dated clearance ---------------------------------------------------------------


def cleared(on: dt.date, covers: list[str], **overrides: Any) -> Profile:
    return make_profile(clearance={"on": on.isoformat(), "covers": covers}, **overrides)


def test_a_clearance_covers_exactly_the_codes_it_lists() -> None:
    profile = cleared(day(-1), ["cancer_history"], red_flags=["cancer_history", "night_pain"])
    result = triage(profile)
    assert result.level == "see_doctor"
    assert [r.code for r in result.reasons] == ["night_pain"]
    assert "cancer_history" in [c.code for c in result.cautions]


def test_a_clearance_lifts_urgent_reasons_it_lists() -> None:
    profile = cleared(day(-1), ["fever_or_unwell"], red_flags=["fever_or_unwell"])
    assert triage(profile).level == "self_manage"


def test_a_clearance_may_not_cover_an_emergency_sign() -> None:
    with pytest.raises(ValueError, match="emergency sign"):
        cleared(day(-1), ["saddle_numbness"])


def test_a_clearance_may_not_cover_an_unknown_code() -> None:
    with pytest.raises(ValueError, match="unknown reason code"):
        cleared(day(-1), ["made_up"])


def test_a_clearance_dated_after_today_is_refused() -> None:
    profile = cleared(day(1), ["cancer_history"], red_flags=["cancer_history"])
    with pytest.raises(InputError, match=r"clearance\.on"):
        triage(profile, (), TODAY)
    assert triage(profile, (), day(1)).level == "self_manage"


def test_a_sign_in_a_check_in_after_the_clearance_triages_again() -> None:
    profile = cleared(day(-3), ["fever_or_unwell"], red_flags=["fever_or_unwell"])
    assert triage(profile, [checkin(day(-3), 2, ("fever_or_unwell",))]).level == "self_manage"
    result = triage(profile, [checkin(day(-2), 2, ("fever_or_unwell",))])
    assert result.level == "urgent" and str(day(-2)) in result.reasons[0].message


def test_a_sign_the_clearance_does_not_list_triages() -> None:
    profile = cleared(day(-1), ["night_pain"], pain={"timing": ["at_night"]})
    assert triage(profile, [checkin(day(-2), 2, ("unexplained_weight_loss",))]).level == (
        "see_doctor"
    )


def test_version_one_clearance_covers_the_profiles_see_doctor_reasons_only() -> None:
    old = make_profile(
        red_flags=["cancer_history"], pain={"trend": "worse"}, cleared_by_clinician=True
    )
    assert triage(old).level == "self_manage"
    assert {"cancer_history", "pain_getting_worse"} <= {c.code for c in triage(old).cautions}
    urgent = make_profile(red_flags=["fever_or_unwell"], cleared_by_clinician=True)
    assert triage(urgent).level == "urgent"
    assert triage(make_profile(red_flags=["serious_trauma"], cleared_by_clinician=True)).level == (
        "emergency"
    )


def test_version_one_clearance_with_a_date_covers_the_same_signs_in_check_ins_until_then() -> None:
    profile = make_profile(
        pain={"timing": ["at_night"]}, cleared_by_clinician=True, cleared_on=str(day(-3))
    )
    assert triage(profile, [checkin(day(-4), 2, ("night_pain",))]).level == "self_manage"
    assert triage(profile, [checkin(day(-1), 2, ("night_pain",))]).level == "see_doctor"


def test_version_one_clearance_without_a_date_never_covers_a_check_in() -> None:
    profile = make_profile(red_flags=["night_pain"], cleared_by_clinician=True)
    assert triage(profile, [checkin(day(-1), 2, ("night_pain",))]).level == "see_doctor"


def test_clear_records_the_day_who_and_what_and_opens_the_plan() -> None:
    reports = [checkin(day(-2), 3, ("fever_or_unwell",))]
    profile = make_profile(pain={"trend": "worse"})
    done = clear(
        profile,
        reports,
        on=day(-1),
        by="Dr Rao",
        covers=["fever_or_unwell", "pain_getting_worse"],
        today=TODAY,
    )
    assert done.clearance is not None and done.clearance.by == "Dr Rao"
    assert done.clearance.on == day(-1)
    assert triage(done, reports).level == "self_manage"
    later = [*reports, checkin(day(0), 2, ("fever_or_unwell",))]
    assert triage(done, later).level == "urgent"


@pytest.mark.parametrize(
    ("on", "covers", "problem"),
    [
        (day(1), ["cancer_history"], "after today"),
        (day(-1), [], "tick each reason"),
        (day(-1), ["saddle_numbness"], "emergency sign"),
        (day(-1), ["night_pain"], "not one of your reasons"),
    ],
)
def test_clear_refuses_bad_clearances(on: dt.date, covers: list[str], problem: str) -> None:
    profile = make_profile(red_flags=["cancer_history", "saddle_numbness"])
    with pytest.raises(InputError, match=problem):
        clear(profile, (), on=on, by=None, covers=covers, today=TODAY)


def test_clear_cannot_cover_a_sign_reported_after_the_day_seen() -> None:
    reports = [checkin(day(-1), 3, ("fever_or_unwell",))]
    assert clearable_reasons(make_profile(), reports, day(-2)) == []
    with pytest.raises(InputError, match="not one of your reasons"):
        clear(make_profile(), reports, on=day(-2), by=None, covers=["fever_or_unwell"], today=TODAY)


def test_clear_never_lifts_an_emergency_beside_the_reasons_it_covers() -> None:
    profile = make_profile(red_flags=["sudden_tearing_pain", "cancer_history"])
    done = clear(profile, (), on=TODAY, by=None, covers=["cancer_history"], today=TODAY)
    assert triage(done).level == "emergency"


def test_revoke_drops_both_versions_of_the_clearance() -> None:
    profile = cleared(day(-1), ["cancer_history"], red_flags=["cancer_history"])
    assert triage(revoke(profile)).level == "see_doctor"
    old = make_profile(red_flags=["cancer_history"], cleared_by_clinician=True)
    assert triage(revoke(old)).level == "see_doctor"


def test_every_reason_and_caution_has_a_plain_message() -> None:
    profile = make_profile(
        age=60,
        red_flags=[*EMERGENCY_FLAGS, *URGENT_FLAGS, *SEE_DOCTOR_FLAGS, "minor_fall_or_strain"],
        pain={"intensity": 9, "trend": "worse", "eases_with_rest": False, "weeks": 1},
    )
    result = triage(profile)
    for item in [*result.reasons, *result.cautions]:
        assert item.code and len(item.message) > 15


def test_a_fall_and_fragile_bones_reported_in_different_entries_are_urgent() -> None:
    fell = make_profile(red_flags=["minor_fall_or_strain"])
    later = [checkin(day(-2), 3, ("osteoporosis_or_steroids",))]
    assert triage(fell, later).level == "urgent"
    apart = [
        checkin(day(-5), 3, ("minor_fall_or_strain",)),
        checkin(day(-2), 3, ("osteoporosis_or_steroids",)),
    ]
    result = triage(make_profile(), apart)
    assert result.level == "urgent"
    fracture = next(r for r in result.reasons if r.code == "minor_fall_with_fragile_bones")
    assert str(day(-2)) in fracture.message


def test_a_version_one_clearance_dated_after_today_is_refused() -> None:
    profile = make_profile(
        red_flags=["night_pain"], cleared_by_clinician=True, cleared_on=str(day(1))
    )
    with pytest.raises(InputError, match="cleared_on"):
        triage(profile, (), TODAY)


@pytest.mark.parametrize(
    ("flags", "age", "level"),
    [
        (["minor_fall_or_strain"], None, "self_manage"),
        (["minor_fall_or_strain"], 70, "urgent"),
        (["minor_fall_or_strain", "osteoporosis_or_steroids"], None, "urgent"),
        (["fever_or_unwell", "saddle_numbness"], None, "emergency"),
    ],
)
def test_the_first_answers_level_knows_a_fall_at_sixty_five(
    flags: list[str], age: int | None, level: str
) -> None:
    from backstride.core.triage import highest

    assert highest(flags, age) == level


def test_the_check_in_asks_for_a_clearance_only_where_one_may_lift_the_hold() -> None:
    from backstride.core.clearance import needs_clearance

    assert not needs_clearance(make_profile(), TODAY)
    assert needs_clearance(make_profile(red_flags=["night_pain"]), TODAY)
    assert needs_clearance(make_profile(red_flags=["fever_or_unwell"]), TODAY)
    assert not needs_clearance(make_profile(red_flags=["saddle_numbness"]), TODAY)
