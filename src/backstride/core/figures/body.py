"""The drawn body: segment lengths, thicknesses and joint ranges (../shared/FIGURES.md).

Lengths are fractions of standing height (Winter, after Drillis and Contini). Angles are
degrees in the drawing's plane: in a side view flexion and extension, in a front or top view
abduction and adduction (sideways bending for the spine), positive as named below.
"""

from __future__ import annotations

from typing import Literal

View = Literal["side", "front", "top"]
Side = Literal["a", "b"]

# The spine split about 3:2 between the thoracic (upper) and lumbar (lower) trunk.
TRUNK = 0.288
LENGTH: dict[str, float] = {
    "lower_trunk": TRUNK * 0.4,
    "upper_trunk": TRUNK * 0.6,
    "neck": 0.052,
    "head": 0.130,
    "arm": 0.188,
    "forearm": 0.145,
    "hand": 0.075,  # to the middle of the palm, where a hand rests or grips
    "thigh": 0.245,
    "shin": 0.246,
    "ankle_height": 0.039,
    "foot": 0.152,
}
HEEL_SHARE = 0.25  # the ankle sits about a quarter of the foot's length from the heel
# Joint centres sit inside the outline: a little less than half the shoulder and hip widths.
SHOULDER_HALF_WIDTH = 0.1
HIP_HALF_WIDTH = 0.07

# Drawn thickness of each part; a part rests on a surface when its centre line is half its
# thickness away from it.
THICKNESS: dict[str, float] = {
    "lower_trunk": 0.095,
    "upper_trunk": 0.105,
    "neck": 0.045,
    "arm": 0.048,
    "forearm": 0.04,
    "hand": 0.036,
    "thigh": 0.066,
    "shin": 0.05,
    "foot": 0.034,
}
# Seen from the front or above, the trunk is as wide as the shoulders and hips.
WIDE_THICKNESS: dict[str, float] = {"lower_trunk": 0.17, "upper_trunk": 0.2, "neck": 0.05}
HEAD_RADIUS = 0.062

# Joint ranges (AAOS norms, FIGURES.md) with a margin of 5 degrees for drawing.
MARGIN = 5.0
SIDE_RANGES: dict[str, tuple[float, float]] = {
    "hip": (-30, 125),  # extension .. flexion
    "knee": (-5, 140),  # flexion only; no bending the wrong way
    "ankle": (-50, 25),  # plantar flexion .. dorsiflexion
    "shoulder": (-60, 180),  # extension .. flexion
    "elbow": (-5, 150),
    # Drawn forwards (towards the figure's front) positive: a palm flat on the floor in an
    # all-fours or plank position bends the hand about 90 degrees from the forearm.
    "wrist": (-90, 90),
    "lumbar": (-25, 60),  # extension (arching) .. flexion (rounding)
    "thoracic": (-20, 40),
    "neck": (-45, 45),
}
# Front and top views: sideways movements, positive away from the midline. A knee or elbow
# bent towards or away from the viewer shows as a shortened segment, so their drawn bend
# is kept small unless the segment is drawn shortened.
FRONT_RANGES: dict[str, tuple[float, float]] = {
    "hip": (-30, 50),  # adduction .. abduction
    "knee": (-15, 15),
    "ankle": (-30, 30),
    # Adduction as drawn: an arm across the body, or one kept under a trunk that leans.
    "shoulder": (-45, 180),
    "elbow": (-5, 150),
    "wrist": (-90, 90),
    "lumbar": (-25, 25),  # bending to either side
    "thoracic": (-20, 20),
    "neck": (-40, 40),
}
# A segment drawn at under this share of its length lies along the line of sight, where
# any bend of the joint below it reads as the projection, not the anatomy.
FORESHORTENED = 0.75
PROJECTED_BEND = (-140.0, 140.0)

LIMB_JOINTS = ("hip", "knee", "ankle", "shoulder", "elbow", "wrist")
SPINE_JOINTS = ("lumbar", "thoracic", "neck")
SCALABLE = (
    "lower_trunk",
    "upper_trunk",
    "arm_a",
    "arm_b",
    "forearm_a",
    "forearm_b",
    "thigh_a",
    "thigh_b",
    "shin_a",
    "shin_b",
    "foot_a",
    "foot_b",
    "shoulders",
    "hips",
)
# The segment whose shortening frees the bend of each limb joint below it.
PARENT_SEGMENT = {"knee": "thigh", "ankle": "shin", "elbow": "arm", "wrist": "forearm"}


def thickness(view: View, part: str) -> float:
    if view != "side" and part in WIDE_THICKNESS:
        return WIDE_THICKNESS[part]
    return THICKNESS[part]


def joint_range(view: View, joint: str) -> tuple[float, float]:
    low, high = (SIDE_RANGES if view == "side" else FRONT_RANGES)[joint]
    return low - MARGIN, high + MARGIN
