"""What tends to cause the pain, and what to watch while running (source 003 and 004)."""

from __future__ import annotations

from backstride.core.plan import FormTip

UPPER_BACK_TIPS: tuple[FormTip, ...] = (
    FormTip(
        code="head_position",
        text=(
            "Keep your head stacked over your shoulders and look ahead, not down; a chin "
            "poking forward makes the upper back hold the weight of your head."
        ),
    ),
    FormTip(
        code="arm_carriage",
        text=(
            "Let your arms swing loosely at about hip to chest height with elbows near 90 "
            "degrees; arms carried high or clenched tight load the upper back."
        ),
    ),
    FormTip(
        code="shoulder_tension",
        text=(
            "Every few minutes, and above all when tired, drop your shoulders away from your "
            "ears and shake out your hands."
        ),
    ),
)

LOWER_BACK_TIPS: tuple[FormTip, ...] = (
    FormTip(
        code="core_and_hip_strength",
        text=(
            "Your core, hips, glutes and hamstrings keep you steady on every stride; the "
            "strength block is there to build them so your lower back does not take over."
        ),
    ),
    FormTip(
        code="late_run_fatigue",
        text=(
            "Pain that creeps in late in a run often means tired muscles: shorten the run "
            "rather than pushing on with a sagging posture."
        ),
    ),
    FormTip(
        code="running_technique",
        text=(
            "Run tall, with a slight forward lean from the ankles and short, quick steps "
            "landing under your body instead of far in front of it."
        ),
    ),
)


def form_tips(regions: tuple[str, ...]) -> list[FormTip]:
    tips: list[FormTip] = []
    if "lower_back" in regions:
        tips += LOWER_BACK_TIPS
    if "upper_back" in regions:
        tips += UPPER_BACK_TIPS
    return tips
