"""Every warning sign, derived reason and caution of the triage (DESIGN section 3, v2):
its level and what it means, in the runner's words. The questions that ask for them
live in `core.questions`; the rules that combine them in `core.triage`."""

from __future__ import annotations

from backstride.core.vocab import (
    EMERGENCY_FLAGS,
    SEE_DOCTOR_DERIVED,
    SEE_DOCTOR_FLAGS,
    URGENT_DERIVED,
    URGENT_FLAGS,
    Act,
    TriageLevel,
)

REASON_MESSAGES: dict[str, str] = {
    # emergency
    "saddle_numbness": (
        "Numbness, tingling or a changed feeling around the genitals, buttocks, back "
        "passage or inner thighs."
    ),
    "bladder_or_bowel_change": (
        "A new change in how your bladder or bowel works: trouble starting or stopping, "
        "leaking, not feeling when you are full, or losing control."
    ),
    "sexual_function_change": (
        "A new loss of feeling in the genitals, or new trouble with erections or ejaculating."
    ),
    "weakness_or_numbness_both_legs": "Pain, tingling, weakness or numbness in both legs.",
    "legs_giving_way": (
        "New trouble walking: legs that feel heavy, give way or do not go where you want."
    ),
    "chest_pain_or_breathlessness": (
        "Chest pain, pain spreading to an arm, the neck or jaw, sweating or sickness with the "
        "pain, unusual breathlessness, or upper-back pain that comes with effort."
    ),
    "sudden_tearing_pain": "A sudden, severe tearing or ripping pain in the back.",
    "serious_trauma": "The pain began with a car crash, a fall from a height or a heavy blow.",
    # urgent
    "fever_or_unwell": "A high temperature, shivers, or feeling very unwell with the pain.",
    "leg_weakness_one_side": "One leg or foot is weak, drags or gives way.",
    "minor_fall_with_fragile_bones": (
        "The pain began with a fall, slip, lift or twist, and your bones may be fragile "
        "(65 or older, osteoporosis or steroid tablets): a fracture has to be ruled out."
    ),
    "severe_unrelenting_pain": "Severe pain (8/10 or more) that does not ease when you rest.",
    # see a doctor
    "leg_pain_with_numbness_or_tingling": "Pain spreading into one leg with numbness or tingling.",
    "unexplained_weight_loss": "Weight loss you cannot explain.",
    "cancer_history": "A past or present cancer.",
    "night_pain": "Pain that is worse at night or wakes you up.",
    "osteoporosis_or_steroids": "Osteoporosis, or steroid tablets taken for a long time.",
    "immunosuppression_or_iv_drugs": "A weakened immune system, or injecting drugs.",
    "back_lump_or_deformity": "A new lump or change in the shape of your back.",
    "pain_not_easing_with_rest": "The pain does not ease when you rest.",
    "pain_getting_worse": "The pain has been getting worse.",
    "upper_back_pain_at_rest": "Upper-back pain that is there even at rest.",
    "severe_pain": "The pain is severe: 8/10 or more.",
    "adolescent_back_pain": (
        "Back pain at 17 or younger that hurts bending backward or has lasted 3 weeks or "
        "more: a stress fracture of the spine has to be ruled out."
    ),
}

CAUTION_MESSAGES: dict[str, str] = {
    "persistent_pain": (
        "The pain has lasted 6 weeks or more without getting better: book a review with a "
        "physiotherapist or GP. Meanwhile this exercise plan is the first treatment to follow."
    ),
    "possible_inflammatory_back_pain": (
        "Long-lasting pain that began before 45, with several signs of inflammatory back "
        "pain: ask your GP about a referral to a rheumatologist. Keep exercising; it helps."
    ),
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
REFERRALS = frozenset({"persistent_pain", "possible_inflammatory_back_pain", "repeated_flare_ups"})

LEVEL_OF: dict[str, TriageLevel] = {
    **dict.fromkeys(EMERGENCY_FLAGS, "emergency"),
    **dict.fromkeys((*URGENT_FLAGS, *URGENT_DERIVED), "urgent"),
    **dict.fromkeys((*SEE_DOCTOR_FLAGS, *SEE_DOCTOR_DERIVED), "see_doctor"),
}
ACT_OF: dict[TriageLevel, Act] = {"emergency": "now", "urgent": "today", "see_doctor": "soon"}
LEVEL_ORDER: dict[str, int] = {"self_manage": 0, "see_doctor": 1, "urgent": 2, "emergency": 3}

# What a clinician may clear: everything but the emergency signs.
CLEARABLE: tuple[str, ...] = (
    *URGENT_FLAGS,
    *URGENT_DERIVED,
    *SEE_DOCTOR_FLAGS,
    *(c for c in SEE_DOCTOR_DERIVED if c not in SEE_DOCTOR_FLAGS),
)

# What to do, in order, at each level that holds the plan: the same steps wherever the
# sign was reported.
STEPS: dict[str, tuple[str, ...]] = {
    "emergency": (
        "Call the emergency number now, or go to the nearest emergency department (A&E). "
        "With chest pain or a sudden tearing pain, call: do not drive yourself.",
        "Tell them you have back pain and which of these signs you have.",
        "Do not run, train or do back exercises until a doctor has seen you.",
    ),
    "urgent": (
        "Get medical advice today: ask your GP practice for an urgent same-day appointment, "
        "or call the urgent-care line (NHS 111 in England).",
        "Tell them you have back pain and which of these signs you have.",
        "If it gets worse before you are seen, or you notice numbness where you would sit on "
        "a saddle, new bladder or bowel trouble, or both legs weak, call the emergency number.",
        "Do not run or train until you have been seen.",
    ),
    "see_doctor": (
        "Book an appointment with a GP or physiotherapist before you go on with the programme.",
        "Tell them about your back pain and the reasons listed here.",
        "Easy walking is fine meanwhile; avoid hard running and the exercises until you have "
        "been seen.",
    ),
}


def level_of(code: str) -> TriageLevel:
    """The level a flag or derived reason gives on its own; a context flag gives none."""
    return LEVEL_OF.get(code, "self_manage")


def is_emergency(code: str) -> bool:
    return level_of(code) == "emergency"
