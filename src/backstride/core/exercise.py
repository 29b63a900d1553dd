"""The schema of one catalog exercise, checked when the catalog loads."""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from backstride.core.figures.model import Figure
from backstride.core.vocab import (
    BodyRegion,
    Equipment,
    Group,
    Kind,
    Movement,
    SourceId,
    VariantRole,
)

ExerciseId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Step = Annotated[str, StringConstraints(min_length=25, strip_whitespace=True)]
Cue = Annotated[str, StringConstraints(min_length=15, strip_whitespace=True)]


class Dosage(BaseModel):
    """Sets and either a rep range, a hold, or both (reps of a hold)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sets: int = Field(ge=1, le=5)
    reps_min: int | None = Field(default=None, ge=1, le=30)
    reps_max: int | None = Field(default=None, ge=1, le=30)
    hold_seconds: int | None = Field(default=None, ge=5, le=120)

    @model_validator(mode="after")
    def _reps_or_hold(self) -> Self:
        if (self.reps_min is None) != (self.reps_max is None):
            raise ValueError("reps_min and reps_max go together")
        if self.reps_min is None and self.hold_seconds is None:
            raise ValueError("a dosage needs reps or hold_seconds")
        if (
            self.reps_min is not None
            and self.reps_max is not None
            and (self.reps_min > self.reps_max)
        ):
            raise ValueError("reps_min is above reps_max")
        return self


class Exercise(BaseModel):
    """One exercise as the catalog holds it; the JSON field names are the API's."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: ExerciseId
    name: str = Field(min_length=3)
    aliases: tuple[str, ...] = ()
    summary: str = Field(min_length=20)
    source: SourceId
    kind: Kind
    group: Group
    ladder_rank: int | None = Field(default=None, ge=1, le=12)
    variant_of: ExerciseId | None = None
    variant_role: VariantRole | None = None
    easier: ExerciseId | None = None
    harder: ExerciseId | None = None
    per_side: bool
    impact: bool
    equipment: tuple[Equipment, ...] = ()
    optional_equipment: tuple[Equipment, ...] = ()
    avoid_when: tuple[Movement, ...] = ()
    regions: tuple[BodyRegion, ...] = Field(min_length=1)
    dosage: Dosage
    steps: tuple[Step, ...] = Field(min_length=3)
    cues: tuple[Cue, ...] = Field(min_length=2)
    mistakes: tuple[Cue, ...] = Field(min_length=1)
    # What to change when a movement that does not rule the exercise out still hurts
    # (a smaller range, one direction only); shown to the runners it concerns.
    movement_notes: dict[Movement, Cue] = Field(default_factory=dict)
    # How it moves, drawn by core.figures; the JSON gives the drawing's address instead.
    figure: Figure | None = None

    @model_validator(mode="after")
    def _structure(self) -> Self:
        if (self.variant_of is None) != (self.variant_role is None):
            raise ValueError("variant_of and variant_role go together")
        if (self.group == "ladder") != (self.ladder_rank is not None):
            raise ValueError("exactly the ladder group has a ladder_rank")
        if (self.group == "ladder_variant") != (self.variant_of is not None):
            raise ValueError("exactly the ladder variants have variant_of")
        if set(self.equipment) & set(self.optional_equipment):
            raise ValueError("an item is both required and optional equipment")
        if set(self.movement_notes) & set(self.avoid_when):
            raise ValueError("a movement note is for a movement that rules the exercise out")
        return self

    def needs(self, kit: frozenset[str]) -> bool:
        """True when every required item is in the runner's kit."""
        return set(self.equipment) <= kit

    def to_json(self) -> dict[str, object]:
        """The exercise in the API's field names (plus summary, group and variant links),
        with the address of its animated figure."""
        data = self.model_dump(mode="json", exclude={"figure"})
        data["figure"] = figure_url(self.id)
        return data


def figure_url(exercise_id: str) -> str:
    return f"/exercises/{exercise_id}/figure.svg"
