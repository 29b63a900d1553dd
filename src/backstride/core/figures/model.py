"""A figure as the catalog holds it: the view, the props and the keyframes (joint angles,
where the body rests), beside the exercise's text."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from backstride.core.figures.body import SCALABLE, View

Prop = Literal[
    "mat", "wall", "bench", "loop_band", "long_band", "dumbbell", "exercise_ball", "medicine_ball"
]
Support = Literal["floor", "bench", "ball", "wall"]
POINTS = (
    "pelvis",
    "waist",
    "neck_base",
    "head",
    "crown",
    "mid_back",  # the middle of the upper (thoracic) trunk
    "low_back",  # the middle of the lower (lumbar) trunk
    *(f"{p}_{s}" for p in ("arm", "forearm", "thigh", "shin") for s in "ab"),  # mid-segment
    *(f"{p}_{s}" for p in ("shoulder", "elbow", "wrist", "hand") for s in "ab"),
    *(f"{p}_{s}" for p in ("hip", "knee", "ankle", "heel", "toe") for s in "ab"),
)
# "point" rests on the floor; "point@support" on another surface.
Contact = Annotated[
    str,
    StringConstraints(pattern=rf"^({'|'.join(POINTS)})(@(floor|bench|ball|wall))?$"),
]
Pair = tuple[float, float]
Angle = Annotated[float, Field(ge=-360, le=360)]


class Key(BaseModel):
    """One keyframe. Limb angles are pairs: (a, b) is (near, far) in a side view and the
    body's (right, left) in a front or top view. `rest`: the first point is placed on its
    surface at `x`; a second turns the body about the first until it touches too; any
    more are checked. `lift` raises the whole body off its rests (a jump's flight)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z_]*$")]
    move: float = Field(default=3.0, ge=0.3, le=8.0)
    hold: float = Field(default=0.6, ge=0.0, le=6.0)
    turn: Angle = 0.0
    x: float = Field(default=0.0, ge=-2.0, le=2.0)
    lift: float = Field(default=0.0, ge=0.0, le=0.5)
    rest: tuple[Contact, ...] = Field(min_length=1)
    touch: tuple[Contact, ...] = ()
    lumbar: Angle = 0.0
    thoracic: Angle = 0.0
    neck: Angle = 0.0
    hip: Pair = (0.0, 0.0)
    knee: Pair = (0.0, 0.0)
    ankle: Pair = (0.0, 0.0)
    shoulder: Pair = (0.0, 0.0)
    elbow: Pair = (0.0, 0.0)
    wrist: Pair = (0.0, 0.0)
    scale: dict[str, Annotated[float, Field(ge=0.05, le=1.0)]] = Field(default_factory=dict)

    def angle(self, joint: str, side: str) -> float:
        pair: Pair = getattr(self, joint)
        return pair[0] if side == "a" else pair[1]

    def length(self, segment: str) -> float:
        return self.scale.get(segment, 1.0)


class Band(BaseModel):
    """A band between two points of the body, or from one point to a fixed anchor."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ends: tuple[Contact, ...] = Field(min_length=1, max_length=2)
    anchor: tuple[float, float] | None = None


class Figure(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    view: View = "side"
    says: str = Field(min_length=30)
    props: tuple[Prop, ...] = ()
    # Where the wall stands (x) and the bench's top spans (x from, x to), when drawn.
    wall_at: float | None = None
    bench: tuple[float, float] | None = None
    band: Band | None = None
    # Which hand holds a dumbbell or a medicine ball ("both": one ball between the hands).
    held_in: Literal["a", "b", "both"] = "a"
    # The keyframe shown as the end position beside the start (default: the second).
    end: str | None = None
    keys: tuple[Key, ...] = Field(min_length=2, max_length=8)

    def end_key(self) -> Key:
        named = [k for k in self.keys if k.name == self.end]
        return named[0] if named else self.keys[1]


__all__ = ["SCALABLE", "Band", "Contact", "Figure", "Key", "Prop", "Support"]
