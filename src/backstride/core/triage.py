"""Warning-sign triage, version 2 (DESIGN section 3): emergency, urgent, see a doctor or
self-manage; the highest level any rule gives wins, and a dated clearance lifts exactly
the urgent and see-doctor reasons it lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from pydantic import BaseModel

from backstride.core.errors import InputError, Problem
from backstride.core.profile import Profile
from backstride.core.signs import (
    ACT_OF,
    CAUTION_MESSAGES,
    LEVEL_ORDER,
    REASON_MESSAGES,
    REFERRALS,
    level_of,
)
from backstride.core.vocab import Act, TriageLevel

HIGH_PAIN = 6
SEVERE_PAIN = 8
FRAGILE_AGE = 65
ADOLESCENT_AGE = 17
ADOLESCENT_WEEKS = 3
PERSISTENT_WEEKS = 6
NEW_PAIN_AGE = 50
# NICE NG65: back pain for 3 months or more that began before 45, with 4 or more signs.
INFLAMMATORY_WEEKS = 12
INFLAMMATORY_ONSET_AGE = 45
INFLAMMATORY_SIGNS_NEEDED = 4
DAYS_PER_YEAR = 365.25


class Reason(BaseModel):
    code: str
    level: TriageLevel
    message: str
    act: Act


class Caution(BaseModel):
    code: str
    message: str
    referral: bool = False


class Triage(BaseModel):
    level: TriageLevel
    reasons: list[Reason]
    cautions: list[Caution]

    @property
    def allows_plan(self) -> bool:
        return self.level == "self_manage"


class Report(Protocol):
    """A dated entry that may carry warning signs: a morning check-in or a run."""

    @property
    def date(self) -> dt.date: ...

    @property
    def red_flags(self) -> tuple[str, ...]: ...


def any_emergency(flags: Iterable[str]) -> bool:
    """True when any answer is an emergency sign: the check-in stops there, with no plan."""
    return any(level_of(f) == "emergency" for f in flags)


def _answer_codes(flags: Iterable[str], age: int | None) -> list[str]:
    """The reasons that answers alone give, with the age when it is known."""
    ticked = list(flags)
    codes = [f for f in ticked if level_of(f) != "self_manage"]
    fragile = "osteoporosis_or_steroids" in ticked or (age is not None and age >= FRAGILE_AGE)
    if "minor_fall_or_strain" in ticked and fragile:
        codes.append("minor_fall_with_fragile_bones")
    return codes


def highest(flags: Iterable[str], age: int | None = None) -> TriageLevel:
    """The highest level the ticked flags give on their own, and with the age when it is
    known (a fall at 65 or over is urgent)."""
    levels = [level_of(c) for c in _answer_codes(flags, age)]
    return max(levels, key=LEVEL_ORDER.__getitem__, default="self_manage")


def sign_alone(code: str, profile: Profile | None) -> TriageLevel:
    """What ticking this one sign would say for this runner, before the server sees it (the
    offline page): a fall or strain is urgent for a runner whose profile already shows
    fragile bones (65 or over, osteoporosis or long-term steroids)."""
    if profile is None:
        return highest([code])
    known = [f for f in profile.red_flags if f == "osteoporosis_or_steroids"]
    if code == "minor_fall_or_strain" and known:
        return highest([code, *known], profile.age)
    return highest([code], profile.age)


def answers_triage(flags: Iterable[str]) -> Triage:
    """The triage of warning-sign answers before any profile exists (a new runner's first
    answers, or a sign ticked on Today before the check-in)."""
    reasons = sorted(
        (reason(c) for c in _answer_codes(flags, None)), key=lambda r: -LEVEL_ORDER[r.level]
    )
    level = reasons[0].level if reasons else "self_manage"
    return Triage(level=level, reasons=reasons, cautions=[])


def _flag_codes(flags: Iterable[str]) -> list[str]:
    return [f for f in flags if level_of(f) != "self_manage"]


def _fall_with_fragile_bones(
    profile: Profile, reports: Sequence[Report]
) -> list[tuple[str, dt.date | None]]:
    """A fall and fragile bones (65 or over, osteoporosis or steroids), in the same entry
    or in different ones, make a possible fracture. Each report of either counts as a
    report of it, dated when both were known, so a clearance covers only what it saw."""

    def days(flag: str) -> list[dt.date | None]:
        found: list[dt.date | None] = [None] if flag in profile.red_flags else []
        return found + sorted(r.date for r in reports if flag in r.red_flags)

    falls = days("minor_fall_or_strain")
    fragile = [None] if profile.age >= FRAGILE_AGE else days("osteoporosis_or_steroids")
    if not (falls and fragile):
        return []

    def later(a: dt.date | None, b: dt.date | None) -> dt.date | None:
        return max(a, b) if a is not None and b is not None else (a or b)

    dates = [later(f, fragile[0]) for f in falls] + [later(o, falls[0]) for o in fragile]
    return [("minor_fall_with_fragile_bones", d) for d in dict.fromkeys(dates)]


def derived_codes(profile: Profile) -> list[str]:
    """Reasons that follow from the pain answers and age rather than a ticked flag."""
    pain = profile.pain
    severe = pain.intensity >= SEVERE_PAIN
    codes: list[str] = []
    if severe and not pain.eases_with_rest:
        codes.append("severe_unrelenting_pain")  # it stands for both parts below
    else:
        codes += ["pain_not_easing_with_rest"] if not pain.eases_with_rest else []
        codes += ["severe_pain"] if severe else []
    if "at_night" in pain.timing:
        codes.append("night_pain")
    if pain.trend == "worse":
        codes.append("pain_getting_worse")
    if "upper_back" in pain.regions and "at_rest" in pain.timing:
        codes.append("upper_back_pain_at_rest")
    if is_adolescent_pain(profile):
        codes.append("adolescent_back_pain")
    return codes


def is_adolescent_pain(profile: Profile) -> bool:
    """A young runner's stress fracture of the spine (spondylolysis) must be ruled out."""
    pain = profile.pain
    hurts_back = "bending_backward" in pain.worse_with
    return profile.age <= ADOLESCENT_AGE and (hurts_back or pain.weeks >= ADOLESCENT_WEEKS)


def profile_codes(profile: Profile) -> list[str]:
    """Every reason the profile itself gives, ticked or derived, each once."""
    fracture = [c for c, on in _fall_with_fragile_bones(profile, ()) if on is None]
    return list(
        dict.fromkeys([*_flag_codes(profile.red_flags), *fracture, *derived_codes(profile)])
    )


def onset_age(age: int, weeks: int) -> float:
    return age - weeks * 7 / DAYS_PER_YEAR


def asks_inflammatory(age: int, weeks: int) -> bool:
    """The inflammatory-back-pain questions matter only for pain of 12 weeks or more that
    began before 45."""
    return weeks >= INFLAMMATORY_WEEKS and onset_age(age, weeks) < INFLAMMATORY_ONSET_AGE


def profile_cautions(profile: Profile) -> list[Caution]:
    pain = profile.pain
    codes: list[str] = []
    if pain.weeks >= PERSISTENT_WEEKS and pain.trend != "better":
        codes.append("persistent_pain")
    signs = len(profile.inflammatory_signs)
    if asks_inflammatory(profile.age, pain.weeks) and signs >= INFLAMMATORY_SIGNS_NEEDED:
        codes.append("possible_inflammatory_back_pain")
    if profile.age >= NEW_PAIN_AGE and pain.weeks < PERSISTENT_WEEKS:
        codes.append("new_pain_over_50")
    if pain.intensity >= HIGH_PAIN:
        codes.append("high_pain_running_paused")
    return [caution(c) for c in codes]


def caution(code: str) -> Caution:
    return Caution(code=code, message=CAUTION_MESSAGES[code], referral=code in REFERRALS)


def reason(code: str, reported: dt.date | None = None) -> Reason:
    level = level_of(code)
    message = REASON_MESSAGES[code]
    if reported is not None:
        message = f"{message} (reported on {reported.isoformat()})"
    return Reason(code=code, level=level, message=message, act=ACT_OF[level])


@dataclass(frozen=True)
class Cover:
    """What a clearance lifts: these codes, from the profile, and from entries dated on or
    before `on` (none when a version-1 clearance has no date)."""

    codes: frozenset[str]
    on: dt.date | None
    by: str | None

    def covers(self, code: str, reported: dt.date | None) -> bool:
        if level_of(code) == "emergency" or code not in self.codes:
            return False
        return reported is None or (self.on is not None and reported <= self.on)

    def note(self, code: str) -> Caution:
        who = f" by {self.by}" if self.by else ""
        when = f" on {self.on.isoformat()}" if self.on else ""
        message = f"Cleared{who}{when}: {REASON_MESSAGES[code]}"
        return Caution(code=code, message=message, referral=False)


def cover_of(profile: Profile) -> Cover | None:
    record = profile.clearance
    if record is not None:
        return Cover(codes=frozenset(record.covers), on=record.on, by=record.by)
    if profile.cleared_by_clinician:
        # Version 1: the profile's own see-doctor reasons, never urgent ones.
        own = {c for c in profile_codes(profile) if level_of(c) == "see_doctor"}
        return Cover(codes=frozenset(own), on=profile.cleared_on, by=None)
    return None


def check_clearance_date(profile: Profile, today: dt.date) -> None:
    record = profile.clearance
    if record is not None and record.on > today:
        seen = record.on.isoformat()
        raise InputError(
            [Problem("clearance.on", f"{seen} is after today; give the day you were seen")]
        )
    if profile.cleared_on is not None and profile.cleared_on > today:
        seen = profile.cleared_on.isoformat()
        raise InputError([Problem("cleared_on", f"{seen} is after today; give the day seen")])


def triage(
    profile: Profile, reports: Sequence[Report] = (), today: dt.date | None = None
) -> Triage:
    """The profile's reasons, then each report's that are new; a clearance turns what it
    covers into cautions. With `today`, a clearance dated after it is bad input."""
    if today is not None:
        check_clearance_date(profile, today)
    cover = cover_of(profile)
    reasons: dict[str, Reason] = {}
    cleared: dict[str, Caution] = {}
    found: list[tuple[str, dt.date | None]] = [(c, None) for c in profile_codes(profile)]
    found += [(c, r.date) for r in reports for c in _flag_codes(r.red_flags)]
    found += _fall_with_fragile_bones(profile, reports)
    for code, reported in found:
        if code in reasons:
            continue
        if cover is not None and cover.covers(code, reported):
            cleared.setdefault(code, cover.note(code))
        else:
            reasons[code] = reason(code, reported)
            cleared.pop(code, None)
    ordered = sorted(reasons.values(), key=lambda r: -LEVEL_ORDER[r.level])
    level = ordered[0].level if ordered else "self_manage"
    return Triage(
        level=level, reasons=ordered, cautions=[*cleared.values(), *profile_cautions(profile)]
    )
