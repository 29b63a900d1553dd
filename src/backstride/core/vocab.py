"""The fixed words of the domain: codes shared by the catalog, the profile, the plan and the API."""

from __future__ import annotations

from typing import Literal, get_args

Equipment = Literal[
    "mat", "wall", "loop_band", "long_band", "dumbbell", "exercise_ball", "medicine_ball"
]
Movement = Literal["bending_backward", "bending_forward", "twisting"]
WorseWith = Literal["bending_backward", "bending_forward", "twisting", "sitting", "standing"]
PainRegion = Literal["lower_back", "upper_back"]
BodyRegion = Literal[
    "lower_back",
    "upper_back",
    "core",
    "hips",
    "glutes",
    "hamstrings",
    "legs",
    "calves",
    "shoulders",
]
Timing = Literal["during_run", "after_run", "at_rest", "at_night", "morning"]
Trend = Literal["better", "same", "worse"]
Level = Literal["beginner", "intermediate", "advanced"]
Setting = Literal["indoor", "outdoor"]
Ability = Literal["ok", "painful", "poor_form"]
Form = Literal["good", "poor"]
Kind = Literal["strength", "mobility", "stretch"]
Group = Literal[
    "ladder", "ladder_variant", "flexibility", "mobility_trio", "stability", "core_trio", "stretch"
]
VariantRole = Literal["easier", "outdoor", "upper_back_companion"]
SourceId = Literal["000", "002", "003", "004"]

# Section 3 (v2): each flag's level is fixed by the group it sits in.
EmergencyFlag = Literal[
    "saddle_numbness",
    "bladder_or_bowel_change",
    "sexual_function_change",
    "weakness_or_numbness_both_legs",
    "legs_giving_way",
    "chest_pain_or_breathlessness",
    "sudden_tearing_pain",
    "serious_trauma",
]
UrgentFlag = Literal["fever_or_unwell", "leg_weakness_one_side"]
SeeDoctorFlag = Literal[
    "leg_pain_with_numbness_or_tingling",
    "unexplained_weight_loss",
    "cancer_history",
    "night_pain",
    "osteoporosis_or_steroids",
    "immunosuppression_or_iv_drugs",
    "back_lump_or_deformity",
]
# A fall, slip, lift or twist: no level alone; with fragile bones it becomes urgent.
ContextFlag = Literal["minor_fall_or_strain"]
RedFlag = Literal[EmergencyFlag, UrgentFlag, SeeDoctorFlag, ContextFlag]
# Reasons that follow from the answers rather than a ticked flag.
UrgentDerived = Literal["minor_fall_with_fragile_bones", "severe_unrelenting_pain"]
SeeDoctorDerived = Literal[
    "pain_not_easing_with_rest",
    "pain_getting_worse",
    "upper_back_pain_at_rest",
    "severe_pain",
    "adolescent_back_pain",
]
InflammatorySign = Literal[
    "started_before_35",
    "wakes_second_half_of_night",
    "buttock_pain",
    "better_with_movement",
    "better_with_anti_inflammatories",
    "family_history_spondyloarthritis",
    "arthritis_psoriasis_ibd_or_uveitis",
]
TriageLevel = Literal["self_manage", "see_doctor", "urgent", "emergency"]
# How soon to act on a reason: emergency now, urgent today, see-doctor soon.
Act = Literal["now", "today", "soon"]
RunningMode = Literal["normal", "easy_only", "paused"]
ChangeKind = Literal[
    "step_up",
    "mastered",
    "swapped_in",
    "too_painful",
    "too_hard",
    "regressed",
    "flare_up",
    "paused",
]

EMERGENCY_FLAGS: tuple[str, ...] = get_args(EmergencyFlag)
URGENT_FLAGS: tuple[str, ...] = get_args(UrgentFlag)
SEE_DOCTOR_FLAGS: tuple[str, ...] = get_args(SeeDoctorFlag)
CONTEXT_FLAGS: tuple[str, ...] = get_args(ContextFlag)
RED_FLAGS: tuple[str, ...] = EMERGENCY_FLAGS + URGENT_FLAGS + SEE_DOCTOR_FLAGS + CONTEXT_FLAGS
URGENT_DERIVED: tuple[str, ...] = get_args(UrgentDerived)
SEE_DOCTOR_DERIVED: tuple[str, ...] = get_args(SeeDoctorDerived)
INFLAMMATORY_SIGNS: tuple[str, ...] = get_args(InflammatorySign)
EQUIPMENT: tuple[str, ...] = get_args(Equipment)
MOVEMENTS: tuple[str, ...] = get_args(Movement)
BODY_REGIONS: tuple[str, ...] = get_args(BodyRegion)
WORSE_WITH: tuple[str, ...] = get_args(WorseWith)
TIMINGS: tuple[str, ...] = get_args(Timing)

SOURCES: dict[str, str] = {
    "000": "A running physiotherapist's three mobility drills (article translated from French)",
    "002": "A sports physical therapist's six band and weight stability exercises",
    "003": "The twelve-step bodyweight ladder for runners with back pain",
    "004": "A running coach's three core exercises and post-run stretches (translated from German)",
}

# Which article each exercise family comes from is data in the catalog; these are the
# thresholds the sources and the design fix, kept in one place so tests can name them.
REPS_MIN = 8
REPS_MAX = 12
REPS_STEP = 2
STRENGTH_SETS = 3
ACTIVE_STRENGTH = 4
MAX_STRENGTH_DAYS = 3
SAFE_PAIN = 3
ACCEPTABLE_PAIN = 5
IMPACT_MAX_PAIN = 3
EXTRAS_MIN_MINUTES = 30
# Jumps also wait this many days (today included) after a flare-up or a run above 5/10.
JUMP_CALM_DAYS = 7
# Extras that load bending forward or twisting wait until the current pain is this or less.
LOADED_FLEXION_MAX_PAIN = 3
