"""Warning-sign triage: emergency, see a doctor, or self-manage (DESIGN section 3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from pydantic import BaseModel

from backstride.core.history import Checkin
from backstride.core.profile import Profile
from backstride.core.vocab import EMERGENCY_FLAGS, TriageLevel

FLAG_MESSAGES: dict[str, str] = {
    "saddle_numbness": "Numbness between the legs or around the seat area.",
    "bladder_or_bowel_change": "New trouble controlling or emptying the bladder or bowel.",
    "weakness_or_numbness_both_legs": "Weakness, numbness or pins and needles in both legs.",
    "chest_pain_or_breathlessness": "Chest pain or unusual shortness of breath with the back pain.",
    "serious_trauma": "The pain began with a fall, crash or other heavy blow.",
    "leg_pain_with_numbness_or_tingling": "Pain spreading into a leg with numbness or tingling.",
    "leg_weakness_one_side": "One leg feels weak or gives way.",
    "fever_or_unwell": "Fever, or feeling generally unwell, alongside the back pain.",
    "unexplained_weight_loss": "Weight loss you cannot explain.",
    "cancer_history": "A past or present cancer.",
    "night_pain": "Pain that is worse at night or wakes you up.",
    "osteoporosis_or_steroids": "Osteoporosis, or long-term use of steroid tablets.",
    "immunosuppression_or_iv_drugs": "A weakened immune system, or injecting drugs.",
    "back_lump_or_deformity": "A new lump or change in the shape of your back.",
}

DERIVED_MESSAGES: dict[str, str] = {
    "pain_not_easing_with_rest": "The pain does not ease when you rest.",
    "pain_getting_worse": "The pain has been getting worse.",
    "persistent_pain": "The pain has lasted 6 weeks or more and is not getting better.",
    "upper_back_pain_at_rest": "Upper-back pain that is there even at rest.",
}

CAUTION_MESSAGES: dict[str, str] = {
    "new_pain_over_50": (
        "New back pain after 50 deserves a check-up if it has not settled within a few weeks."
    ),
    "high_pain_running_paused": (
        "Pain of 6/10 or more: running is paused; walk or cross-train until it settles."
    ),
    "repeated_flare_ups": (
        "Two flare-ups within 14 days: have a physiotherapist or doctor look at your back."
    ),
}

HIGH_PAIN = 6
LEVEL_ORDER: dict[str, int] = {"self_manage": 0, "see_doctor": 1, "emergency": 2}


class Reason(BaseModel):
    code: str
    level: TriageLevel
    message: str


class Caution(BaseModel):
    code: str
    message: str


class Triage(BaseModel):
    level: TriageLevel
    reasons: list[Reason]
    cautions: list[Caution]

    @property
    def allows_plan(self) -> bool:
        return self.level == "self_manage"


def flag_level(flag: str) -> TriageLevel:
    return "emergency" if flag in EMERGENCY_FLAGS else "see_doctor"


def any_emergency(flags: Iterable[str]) -> bool:
    """True when any answer is an emergency sign: the check-in stops there, with no plan."""
    return any(flag_level(f) == "emergency" for f in flags)


def derived_codes(profile: Profile) -> list[str]:
    """See-doctor reasons that follow from the pain answers rather than a ticked flag."""
    pain = profile.pain
    codes: list[str] = []
    if not pain.eases_with_rest:
        codes.append("pain_not_easing_with_rest")
    if "at_night" in pain.timing:
        codes.append("night_pain")
    if pain.trend == "worse":
        codes.append("pain_getting_worse")
    if pain.weeks >= 6 and pain.trend != "better":
        codes.append("persistent_pain")
    if "upper_back" in pain.regions and "at_rest" in pain.timing:
        codes.append("upper_back_pain_at_rest")
    return codes


def profile_cautions(profile: Profile) -> list[Caution]:
    cautions: list[Caution] = []
    if profile.age >= 50 and profile.pain.weeks < 6:
        cautions.append(caution("new_pain_over_50"))
    if profile.pain.intensity >= HIGH_PAIN:
        cautions.append(caution("high_pain_running_paused"))
    return cautions


def caution(code: str) -> Caution:
    return Caution(code=code, message=CAUTION_MESSAGES[code])


def _message(code: str) -> str:
    return FLAG_MESSAGES.get(code) or DERIVED_MESSAGES[code]


def _unique_codes(codes: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(codes))


def _checkin_reasons(profile: Profile, checkins: Sequence[Checkin]) -> list[Reason]:
    """Flags from check-ins; a clearance covers only see-doctor signs the profile reported
    too, ticked or derived from its pain answers (timing at night is night pain)."""
    reasons: dict[str, Reason] = {}
    reported = {*profile.red_flags, *derived_codes(profile)}
    for checkin in checkins:
        for flag in checkin.red_flags:
            level = flag_level(flag)
            covered = (
                level == "see_doctor"
                and profile.cleared_by_clinician
                and flag in reported
                and (profile.cleared_on is None or checkin.date <= profile.cleared_on)
            )
            if not covered and flag not in reasons:
                message = f"{FLAG_MESSAGES[flag]} (reported in the check-in of {checkin.date})"
                reasons[flag] = Reason(code=flag, level=level, message=message)
    return list(reasons.values())


def triage(profile: Profile, checkins: Sequence[Checkin] = ()) -> Triage:
    """The highest level any rule gives wins; a clinician's clearance turns see-doctor
    reasons from the profile into cautions, never an emergency."""
    codes = _unique_codes([*profile.red_flags, *derived_codes(profile)])
    reasons = [Reason(code=c, level=flag_level(c), message=_message(c)) for c in codes]
    cautions = profile_cautions(profile)
    if profile.cleared_by_clinician:
        cleared = [r for r in reasons if r.level == "see_doctor"]
        reasons = [r for r in reasons if r.level == "emergency"]
        cautions = [Caution(code=r.code, message=r.message) for r in cleared] + cautions
    known = {r.code for r in reasons}
    reasons += [r for r in _checkin_reasons(profile, checkins) if r.code not in known]
    reasons.sort(key=lambda r: -LEVEL_ORDER[r.level])
    level = max((r.level for r in reasons), key=LEVEL_ORDER.__getitem__, default="self_manage")
    return Triage(level=level, reasons=reasons, cautions=cautions)


def clear(profile: Profile, checkins: Sequence[Checkin], today: dt.date) -> Profile:
    """A clinician has cleared the runner today: the see-doctor signs reported so far, in
    the profile or in check-ins, become what the clearance covers; a sign reported after
    today is not covered. Emergency signs are never cleared this way."""
    reported = [
        f for c in checkins if c.date <= today for f in c.red_flags if flag_level(f) == "see_doctor"
    ]
    flags = tuple(dict.fromkeys([*profile.red_flags, *reported]))
    update = {"red_flags": flags, "cleared_by_clinician": True, "cleared_on": today}
    return profile.model_copy(update=update)
