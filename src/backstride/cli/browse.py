"""`backstride exercises list|show|search`."""

from __future__ import annotations

import difflib

from backstride.cli.output import print_json
from backstride.core.catalog import load_catalog, ordered
from backstride.core.errors import InputError, Problem


def list_all(as_json: bool) -> None:
    exercises = ordered(list(load_catalog().exercises.values()))
    if as_json:
        print_json([e.to_json() for e in exercises])
        return
    from backstride.cli import render

    render.exercise_table(exercises, "The 34 exercises")


def show(exercise_id: str, as_json: bool) -> None:
    catalog = load_catalog()
    if exercise_id not in catalog:
        near = difflib.get_close_matches(exercise_id, list(catalog.exercises), n=3)
        hint = f"; did you mean {', '.join(near)}?" if near else "; see `backstride exercises list`"
        raise InputError([Problem("ID", f"unknown exercise {exercise_id!r}{hint}")])
    exercise = catalog[exercise_id]
    if as_json:
        print_json(exercise.to_json())
        return
    from backstride.cli import render

    render.exercise_card(exercise)


def search(text: str, as_json: bool) -> None:
    found = load_catalog().search(text)
    if as_json:
        print_json([e.to_json() for e in found])
        return
    from backstride.cli import render

    if not found:
        render.console().print(f"No exercise matches {text!r}.")
        return
    render.exercise_table(found, f"Exercises matching {text!r}")
