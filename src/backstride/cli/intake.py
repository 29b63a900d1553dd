"""`backstride intake`: the check-in as plain questions, each answer checked as it is given."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from backstride.core.errors import InputError, validate
from backstride.core.history import History
from backstride.core.profile import Profile
from backstride.core.programme import build_programme
from backstride.core.questions import QUESTIONS
from backstride.core.triage import any_emergency, triage
from backstride.core.vocab import EMERGENCY_FLAGS, SEE_DOCTOR_FLAGS

T = TypeVar("T")


Ask = Callable[[str], str]


def _ask(prompt: Ask, question: str, parse: Callable[[str], T]) -> T:
    """Ask until the answer parses; input running out is a mistake we name."""
    while True:
        try:
            raw = prompt(f"{question} ")
        except EOFError:
            raise InputError(["intake: input ended before every question was answered"]) from None
        try:
            return parse(raw.strip())
        except ValueError as error:
            print(f"  {error}")


def yes_no(raw: str) -> bool:
    if raw.lower() in ("y", "yes"):
        return True
    if raw.lower() in ("n", "no"):
        return False
    raise ValueError("Please answer y or n.")


def number(low: int, high: int) -> Callable[[str], int]:
    def parse(raw: str) -> int:
        if not raw.isdigit() or not low <= int(raw) <= high:
            raise ValueError(f"Please give a whole number from {low} to {high}.")
        return int(raw)

    return parse


def one_of(options: Sequence[str]) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        picked = many_of(options)(raw)
        if len(picked) != 1:
            raise ValueError("Please pick exactly one option.")
        return picked[0]

    return parse


def many_of(options: Sequence[str]) -> Callable[[str], list[str]]:
    """Numbers or names, separated by commas; blank or 'none' for none."""

    def parse(raw: str) -> list[str]:
        if raw.lower() in ("", "none", "0"):
            return []
        picked: list[str] = []
        for part in (p.strip().lower() for p in raw.split(",")):
            if part.isdigit() and 1 <= int(part) <= len(options):
                picked.append(options[int(part) - 1])
            elif part.replace(" ", "_") in options:
                picked.append(part.replace(" ", "_"))
            else:
                raise ValueError(f"{part!r} is not one of the options; use their numbers.")
        return list(dict.fromkeys(picked))

    return parse


def menu(options: Sequence[str]) -> str:
    return "  ".join(f"{i}) {o.replace('_', ' ')}" for i, o in enumerate(options, 1))


def warning_signs(prompt: Ask) -> list[str] | None:
    """The yes/no warning-sign questions; None as soon as an emergency sign is answered yes."""
    print("First, some questions about warning signs. Answer y or n.")
    flags: list[str] = []
    for flag in (*EMERGENCY_FLAGS, *SEE_DOCTOR_FLAGS):
        if _ask(prompt, QUESTIONS[flag], yes_no):
            if any_emergency([flag]):
                return None
            flags.append(flag)
    return flags


def pain_answers(prompt: Ask) -> dict[str, object]:
    regions = ["lower_back", "upper_back"]
    timings = ["during_run", "after_run", "at_rest", "at_night", "morning"]
    moves = ["bending_backward", "bending_forward", "twisting", "sitting", "standing"]
    return {
        "regions": _ask(
            prompt, f"Where does it hurt? {menu(regions)} (e.g. 1,2)", _non_empty(many_of(regions))
        ),
        "intensity": _ask(
            prompt, "How bad is it usually, from 0 (none) to 10 (worst)?", number(0, 10)
        ),
        "weeks": _ask(prompt, "For how many weeks has it hurt?", number(0, 1040)),
        "trend": _ask(
            prompt,
            f"Lately it is getting: {menu(['better', 'same', 'worse'])}",
            one_of(["better", "same", "worse"]),
        ),
        "timing": _ask(
            prompt, f"When does it hurt? {menu(timings)} (blank for none)", many_of(timings)
        ),
        "worse_with": _ask(
            prompt, f"What makes it worse? {menu(moves)} (blank for none)", many_of(moves)
        ),
        "eases_with_rest": _ask(prompt, "Does it ease when you rest? (y/n)", yes_no),
    }


def _non_empty(parse: Callable[[str], list[str]]) -> Callable[[str], list[str]]:
    def wrapped(raw: str) -> list[str]:
        picked = parse(raw)
        if not picked:
            raise ValueError("Please pick at least one.")
        return picked

    return wrapped


def life_answers(prompt: Ask) -> dict[str, object]:
    kit = ["mat", "wall", "loop_band", "long_band", "dumbbell", "exercise_ball", "medicine_ball"]
    levels = ["beginner", "intermediate", "advanced"]
    return {
        "age": _ask(prompt, "How old are you?", number(12, 100)),
        "running": {
            "level": _ask(prompt, f"Your running: {menu(levels)}", one_of(levels)),
            "weekly_km": _ask(prompt, "About how many km a week do you run?", number(0, 500)),
            "runs_per_week": _ask(prompt, "How many runs a week?", number(0, 14)),
        },
        "equipment": _ask(
            prompt, f"What kit do you have? {menu(kit)} (blank for none)", many_of(kit)
        ),
        "setting": _ask(
            prompt,
            f"Where will you train? {menu(['indoor', 'outdoor'])}",
            one_of(["indoor", "outdoor"]),
        ),
        "minutes_per_session": _ask(prompt, "Minutes per session (5-120)?", number(5, 120)),
        "strength_days_per_week": _ask(prompt, "Strength days a week (1-4)?", number(1, 4)),
    }


def collect(prompt: Ask) -> dict[str, object] | None:
    flags = warning_signs(prompt)
    if flags is None:
        return None
    answers: dict[str, object] = {
        "schema_version": 1,
        "red_flags": flags,
        "pain": pain_answers(prompt),
    }
    answers.update(life_answers(prompt))
    draft = validate(Profile, answers)
    if triage(draft).level == "see_doctor":
        answers["cleared_by_clinician"] = _ask(
            prompt,
            "Has a doctor or physiotherapist checked your back and cleared you to exercise? (y/n)",
            yes_no,
        )
    return answers


def run_intake(out: str, prompt: Ask = input) -> None:
    from backstride.cli import render

    answers = collect(prompt)
    if answers is None:
        render.emergency_stop()
        return
    profile = validate(Profile, answers)
    path = Path(out)
    try:
        path.write_text(json.dumps(profile.model_dump(mode="json"), indent=2) + "\n", "utf-8")
    except OSError as error:
        raise InputError([f"--out: cannot write {out} ({error.strerror})"]) from None
    render.console().print(f"Profile saved to {out}.")
    render.plan_result(build_programme(profile, History(), dt.date.today()), profile)
