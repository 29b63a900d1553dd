"""The check-in's questions, defined once: their codes, wording, kind, choices and bounds.
The web check-in, the morning check-in and `backstride intake` all render these; the
bounds are read from the core models, so no form retypes them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from annotated_types import Ge, Gt, Le
from pydantic import BaseModel

from backstride.core.profile import Pain, Profile, Running
from backstride.core.signs import level_of
from backstride.core.triage import asks_inflammatory
from backstride.core.vocab import (
    CONTEXT_FLAGS,
    EMERGENCY_FLAGS,
    EQUIPMENT,
    INFLAMMATORY_SIGNS,
    SEE_DOCTOR_FLAGS,
    TIMINGS,
    URGENT_FLAGS,
    WORSE_WITH,
    Level,
    PainRegion,
    Setting,
    Trend,
    TriageLevel,
)

Kind = Literal["yes_no", "one", "many", "number"]


@dataclass(frozen=True)
class Question:
    """One question; `code` is a flag or sign code, or the profile field it fills."""

    code: str
    text: str
    kind: Kind
    choices: tuple[tuple[str, str], ...] = ()
    low: float | None = None
    high: float | None = None
    whole: bool = True
    required: bool = True

    @property
    def level(self) -> TriageLevel:
        return level_of(self.code)


# Each asks about the sign so that the safe reading is the one asked about (section 3).
SIGN_WORDING: dict[str, str] = {
    "saddle_numbness": (
        "Is there any numbness, tingling or odd feeling around your genitals, bottom, back "
        "passage or inner thighs (where you would sit on a saddle), or does it feel odd "
        "when you wipe?"
    ),
    "bladder_or_bowel_change": (
        "Since the back pain, is it harder to start or stop peeing, have you leaked urine or "
        "stool, lost the feeling of a full bladder or bowel, or lost control of either?"
    ),
    "sexual_function_change": (
        "Have you newly lost feeling in your genitals, or had new trouble getting or "
        "keeping an erection or ejaculating?"
    ),
    "weakness_or_numbness_both_legs": (
        "Do you have pain, tingling, weakness or numbness in BOTH legs?"
    ),
    "legs_giving_way": (
        "Is walking newly difficult: do your legs feel heavy, give way or not go where you want?"
    ),
    "chest_pain_or_breathlessness": (
        "Do you have chest pain, pain spreading to an arm, your neck or jaw, sweating or "
        "feeling sick with the pain, unusual breathlessness, or upper-back pain that comes "
        "on with effort and eases with rest?"
    ),
    "sudden_tearing_pain": (
        "Did a sudden, severe tearing or ripping pain start in your back or between your "
        "shoulder blades?"
    ),
    "serious_trauma": (
        "Did the pain begin with a car crash, a fall from a height or a heavy blow?"
    ),
    "fever_or_unwell": (
        "Do you have a high temperature or shivers, or feel very unwell, with the pain?"
    ),
    "leg_weakness_one_side": "Is one leg or foot weak, does it drag or give way?",
    "leg_pain_with_numbness_or_tingling": (
        "Does pain spread down one leg with numbness or pins and needles?"
    ),
    "unexplained_weight_loss": "Have you lost weight without trying?",
    "cancer_history": "Have you ever had cancer?",
    "night_pain": "Is the pain worse at night, or does it wake you?",
    "osteoporosis_or_steroids": (
        "Do you have osteoporosis (thin bones), or have you taken steroid tablets for "
        "3 months or more?"
    ),
    "immunosuppression_or_iv_drugs": (
        "Is your immune system weakened (by illness or medicine), or do you inject drugs?"
    ),
    "back_lump_or_deformity": "Have you noticed a new lump or change in the shape of your back?",
    "minor_fall_or_strain": (
        "Did this pain begin with a fall, a slip, lifting something or a twist?"
    ),
}

INFLAMMATORY_WORDING: dict[str, str] = {
    "started_before_35": "Did this back pain first start before you were 35?",
    "wakes_second_half_of_night": ("Does the pain wake you in the second half of the night?"),
    "buttock_pain": "Do you also have pain deep in one or both buttocks?",
    "better_with_movement": "Does the pain get better when you move and not when you rest?",
    "better_with_anti_inflammatories": (
        "Does it get much better within two days of taking anti-inflammatory tablets "
        "(such as ibuprofen)?"
    ),
    "family_history_spondyloarthritis": (
        "Does a parent, brother, sister or child have spondyloarthritis (such as ankylosing "
        "spondylitis)?"
    ),
    "arthritis_psoriasis_ibd_or_uveitis": (
        "Have you had arthritis in other joints, psoriasis, Crohn's disease or colitis, or "
        "a painful red eye diagnosed as uveitis?"
    ),
}

LABELS: dict[str, str] = {
    "lower_back": "Lower back",
    "upper_back": "Upper back",
    "during_run": "During runs",
    "after_run": "After runs",
    "at_rest": "At rest",
    "at_night": "At night",
    "morning": "In the morning",
    "bending_backward": "Bending backward",
    "bending_forward": "Bending forward",
    "twisting": "Twisting",
    "sitting": "Sitting",
    "standing": "Standing",
    "better": "Better",
    "same": "About the same",
    "worse": "Worse",
    "beginner": "Beginner",
    "intermediate": "Intermediate",
    "advanced": "Advanced",
    "indoor": "Indoors",
    "outdoor": "Outdoors",
    "mat": "Mat",
    "wall": "Wall",
    "loop_band": "Loop band",
    "long_band": "Long band",
    "dumbbell": "Dumbbell",
    "exercise_ball": "Exercise ball",
    "medicine_ball": "Medicine ball",
}


def choices(codes: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((c, LABELS[c]) for c in codes)


def bounds(model: type[BaseModel], name: str) -> tuple[float | None, float | None]:
    """The numeric bounds a core model sets on one field."""
    low: float | None = None
    high: float | None = None
    for rule in model.model_fields[name].metadata:
        if isinstance(rule, Ge):
            low = float(rule.ge)  # type: ignore[arg-type]
        elif isinstance(rule, Gt):
            low = float(rule.gt)  # type: ignore[arg-type]
        elif isinstance(rule, Le):
            high = float(rule.le)  # type: ignore[arg-type]
    return low, high


def _number(code: str, text: str, model: type[BaseModel], whole: bool = True) -> Question:
    low, high = bounds(model, code.rpartition(".")[2])
    return Question(code=code, text=text, kind="number", low=low, high=high, whole=whole)


def _yes_no(code: str, text: str) -> Question:
    return Question(code=code, text=text, kind="yes_no")


# Emergency signs first, then urgent, then see-a-doctor, then the fall that matters
# only with fragile bones.
WARNING_SIGNS: tuple[Question, ...] = tuple(
    _yes_no(flag, SIGN_WORDING[flag])
    for flag in (*EMERGENCY_FLAGS, *URGENT_FLAGS, *SEE_DOCTOR_FLAGS, *CONTEXT_FLAGS)
)

PAIN_QUESTIONS: tuple[Question, ...] = (
    Question("pain.regions", "Where does it hurt?", "many", choices(get_args(PainRegion))),
    _number(
        "pain.intensity", "How bad is it usually? 0 is none, 10 the worst you can imagine.", Pain
    ),
    _number("pain.weeks", "For how many weeks has it hurt?", Pain),
    Question("pain.trend", "Lately it is getting", "one", choices(get_args(Trend))),
    Question("pain.timing", "When does it hurt?", "many", choices(TIMINGS), required=False),
    Question(
        "pain.worse_with",
        "Which movements make it worse?",
        "many",
        choices(WORSE_WITH),
        required=False,
    ),
    _yes_no("pain.eases_with_rest", "Does it ease when you rest?"),
)

ABOUT_QUESTIONS: tuple[Question, ...] = (
    _number("age", "Your age", Profile),
    Question(
        "running.level",
        "Your running",
        "one",
        choices(get_args(Level)),
    ),
    _number("running.weekly_km", "About how many km a week?", Running, whole=False),
    _number("running.runs_per_week", "Runs a week", Running),
    Question("equipment", "Kit you have", "many", choices(EQUIPMENT), required=False),
    Question("setting", "Where will you train?", "one", choices(get_args(Setting))),
    _number("minutes_per_session", "Minutes per session", Profile),
    _number("strength_days_per_week", "Strength days a week", Profile),
)

INFLAMMATORY_QUESTIONS: tuple[Question, ...] = tuple(
    _yes_no(sign, INFLAMMATORY_WORDING[sign]) for sign in INFLAMMATORY_SIGNS
)


def follow_ups(age: int, weeks: int) -> tuple[Question, ...]:
    """The questions asked only when they matter: the inflammatory ones for pain of 12
    weeks or more that began before 45 (NICE NG65)."""
    return INFLAMMATORY_QUESTIONS if asks_inflammatory(age, weeks) else ()


QUESTIONS: dict[str, str] = {q.code: q.text for q in WARNING_SIGNS}
