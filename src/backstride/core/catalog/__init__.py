"""The packaged exercise catalog: one TOML file per exercise, validated once per process."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from pydantic import ValidationError

from backstride.core.exercise import Exercise


class CatalogError(Exception):
    """The packaged catalog is inconsistent: a bug in the data, never a user mistake."""


@dataclass(frozen=True)
class Catalog:
    """All exercises by id, with the ladder and its variants indexed for the planner."""

    exercises: dict[str, Exercise]
    ladder: tuple[str, ...] = field(default=())
    variants: dict[tuple[str, str], str] = field(default_factory=dict)

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self.exercises

    def __getitem__(self, exercise_id: str) -> Exercise:
        return self.exercises[exercise_id]

    def variant(self, parent: str, role: str) -> str | None:
        """The variant of a ladder exercise with this role (easier, outdoor, companion)."""
        return self.variants.get((parent, role))

    def in_group(self, group: str) -> list[Exercise]:
        return sorted((e for e in self.exercises.values() if e.group == group), key=lambda e: e.id)

    def search(self, text: str) -> list[Exercise]:
        """Exercises whose id, name, alias, region, equipment or kind contains every word."""
        words = text.lower().replace("-", " ").split()
        found = [e for e in self.exercises.values() if all(w in _haystack(e) for w in words)]
        return sorted(found, key=_display_order)


def _haystack(exercise: Exercise) -> str:
    parts = [exercise.id.replace("_", " "), exercise.name, exercise.kind, exercise.group]
    parts += list(exercise.aliases) + list(exercise.regions) + list(exercise.equipment)
    parts += list(exercise.optional_equipment)
    parts += [p.replace("_", " ") for p in parts]
    return " | ".join(parts).lower()


def _display_order(exercise: Exercise) -> tuple[int, str]:
    return (exercise.ladder_rank or 99, exercise.id)


def ordered(exercises: list[Exercise]) -> list[Exercise]:
    """Ladder first in rank order, then the rest by id."""
    return sorted(exercises, key=_display_order)


def _read_all() -> dict[str, Exercise]:
    exercises: dict[str, Exercise] = {}
    for resource in sorted(files(__name__).iterdir(), key=lambda r: r.name):
        if not resource.name.endswith(".toml"):
            continue
        stem = resource.name.removesuffix(".toml")
        try:
            exercise = Exercise.model_validate(tomllib.loads(resource.read_text("utf-8")))
        except (tomllib.TOMLDecodeError, ValidationError) as error:
            raise CatalogError(f"catalog file {resource.name}: {error}") from error
        if exercise.id != stem:
            raise CatalogError(f"catalog file {resource.name} holds id {exercise.id!r}")
        exercises[exercise.id] = exercise
    return exercises


def _check_links(exercises: dict[str, Exercise]) -> None:
    for exercise in exercises.values():
        for link in (exercise.easier, exercise.harder, exercise.variant_of):
            if link is not None and link not in exercises:
                raise CatalogError(f"{exercise.id} links to unknown exercise {link!r}")
        # easier and harder name one chain of regressions and progressions, so each link
        # is answered by the one coming back.
        if exercise.easier is not None and exercises[exercise.easier].harder != exercise.id:
            raise CatalogError(f"{exercise.easier} is easier than {exercise.id} but not back")
        if exercise.harder is not None and exercises[exercise.harder].easier != exercise.id:
            raise CatalogError(f"{exercise.harder} is harder than {exercise.id} but not back")


def _index_ladder(exercises: dict[str, Exercise]) -> tuple[str, ...]:
    ranked = sorted(
        (e for e in exercises.values() if e.ladder_rank is not None),
        key=lambda e: e.ladder_rank or 0,
    )
    ranks = [e.ladder_rank for e in ranked]
    if ranks != list(range(1, len(ranked) + 1)):
        raise CatalogError(f"ladder ranks must run 1..n without gaps, got {ranks}")
    return tuple(e.id for e in ranked)


@cache
def load_catalog() -> Catalog:
    """Read and validate every catalog file; cached, so each process pays once."""
    exercises = _read_all()
    _check_links(exercises)
    ladder = _index_ladder(exercises)
    variants: dict[tuple[str, str], str] = {}
    for e in exercises.values():
        if e.variant_of is not None and e.variant_role is not None:
            if exercises[e.variant_of].ladder_rank is None:
                raise CatalogError(f"{e.id} is a variant of non-ladder {e.variant_of}")
            variants[(e.variant_of, e.variant_role)] = e.id
    return Catalog(exercises=exercises, ladder=ladder, variants=variants)
