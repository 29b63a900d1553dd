"""The packaged exercise catalog: one TOML file per exercise, validated once per process
(the TOML parse is kept between processes, see parse_cache.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from pydantic import ValidationError

from backstride.core.catalog import parse_cache
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


def _sources(folder: Traversable) -> list[tuple[str, bytes]]:
    found = (r for r in folder.iterdir() if r.name.endswith(".toml"))
    return [(r.name, r.read_bytes()) for r in sorted(found, key=lambda r: r.name)]


def _parse(sources: Sequence[tuple[str, bytes]]) -> parse_cache.Parsed:
    # Imported here: a process that finds the parse in the cache never needs tomllib.
    import tomllib

    parsed: parse_cache.Parsed = {}
    for name, data in sources:
        try:
            # Newlines as text mode reads them, so a checkout with CRLF parses the same.
            text = data.decode("utf-8").replace("\r\n", "\n")
            parsed[name] = tomllib.loads(text)
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise CatalogError(f"catalog file {name}: {error}") from error
    return parsed


def _validate(parsed: parse_cache.Parsed) -> dict[str, Exercise]:
    exercises: dict[str, Exercise] = {}
    for name in sorted(parsed):
        stem = name.removesuffix(".toml")
        try:
            exercise = Exercise.model_validate(parsed[name])
        except ValidationError as error:
            raise CatalogError(f"catalog file {name}: {error}") from error
        if exercise.id != stem:
            raise CatalogError(f"catalog file {name} holds id {exercise.id!r}")
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


def _check_figures(exercises: dict[str, Exercise]) -> None:
    # Imported here: a catalog read from the parse cache was checked when it was stored.
    from backstride.core.figures import problems

    for exercise in exercises.values():
        if exercise.figure is None:
            continue
        found = problems(exercise.figure, exercise.equipment)
        if found:
            raise CatalogError(f"{exercise.id} figure: " + "; ".join(found))


def _build(parsed: parse_cache.Parsed, fresh: bool = True) -> Catalog:
    exercises = _validate(parsed)
    _check_links(exercises)
    if fresh:
        _check_figures(exercises)
    ladder = _index_ladder(exercises)
    variants: dict[tuple[str, str], str] = {}
    for e in exercises.values():
        if e.variant_of is not None and e.variant_role is not None:
            if exercises[e.variant_of].ladder_rank is None:
                raise CatalogError(f"{e.id} is a variant of non-ladder {e.variant_of}")
            variants[(e.variant_of, e.variant_role)] = e.id
    return Catalog(exercises=exercises, ladder=ladder, variants=variants)


def read_catalog(folder: Traversable, cache_folders: Sequence[Path] = ()) -> Catalog:
    """Validate the catalog files in folder, their parse taken from the first cache folder
    holding one under the same key (none given: parsed afresh, nothing stored)."""
    sources = _sources(folder)
    key = parse_cache.cache_key(sources)
    stored = parse_cache.read(cache_folders, key)
    if stored is not None and sorted(stored) == [name for name, _ in sources]:
        try:
            return _build(stored, fresh=False)
        except CatalogError:
            pass  # a stored parse that does not validate is not the catalog: parse the files
    parsed = _parse(sources)
    catalog = _build(parsed)  # only a catalog that validates is stored
    parse_cache.write(cache_folders, key, parsed)
    return catalog


@cache
def load_catalog() -> Catalog:
    """The packaged catalog, validated; cached, so each process pays once."""
    return read_catalog(files(__name__), parse_cache.default_folders())
