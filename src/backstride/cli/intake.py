"""`backstride intake`: the check-in as plain questions, each answer checked as it is given."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple, TypeVar

from backstride.core.assessment import assess
from backstride.core.clearance import clear, clearable_reasons, needs_clearance, revoke
from backstride.core.dates import parse_iso_date
from backstride.core.errors import InputError, Problem, validate
from backstride.core.history import History
from backstride.core.inputs import profile_from_json
from backstride.core.profile import Profile
from backstride.core.questions import (
    ABOUT_QUESTIONS,
    PAIN_QUESTIONS,
    WARNING_SIGNS,
    Question,
    follow_ups,
)
from backstride.core.triage import any_emergency, highest

T = TypeVar("T")


Ask = Callable[[str], str]
CLINICIAN_CHARS = 120  # core.profile.Clearance.by


def _ask(prompt: Ask, question: str, parse: Callable[[str], T]) -> T:
    """Ask until the answer parses; input running out is a mistake we name."""
    while True:
        try:
            raw = prompt(f"{question} ")
        except EOFError:
            ended = "input ended before every question was answered"
            raise InputError([Problem("intake", ended)]) from None
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


def decimal(low: int, high: int) -> Callable[[str], float]:
    def parse(raw: str) -> float:
        try:
            value = float(raw.replace(",", "."))
        except ValueError:
            value = -1.0
        if not low <= value <= high:
            raise ValueError(f"Please give a number from {low} to {high}.")
        return value

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


def _parser(q: Question) -> Callable[[str], object]:
    codes = [c for c, _ in q.choices]
    if q.kind == "yes_no":
        return yes_no
    if q.kind == "one":
        return one_of(codes)
    if q.kind == "many":
        return many_of(codes) if not q.required else _non_empty(many_of(codes))
    low, high = int(q.low or 0), int(q.high or 0)
    return number(low, high) if q.whole else decimal(low, high)


def _wording(q: Question) -> str:
    if q.kind == "yes_no":
        return f"{q.text} (y/n)"
    if q.kind == "one":
        return f"{q.text}: {menu([c for c, _ in q.choices])}"
    if q.kind == "many":
        blank = " (blank for none)" if not q.required else " (e.g. 1,2)"
        return f"{q.text} {menu([c for c, _ in q.choices])}{blank}"
    return f"{q.text} ({int(q.low or 0)}-{int(q.high or 0)})"


def ask_all(prompt: Ask, questions: Sequence[Question]) -> dict[str, object]:
    """Each core question in turn, the answers in the profile's shape."""
    out: dict[str, object] = {}
    for q in questions:
        value = _ask(prompt, _wording(q), _parser(q))
        head, _, tail = q.code.rpartition(".")
        target = out.setdefault(head, {}) if head else out
        assert isinstance(target, dict)
        target[tail] = value
    return out


class Stopped(NamedTuple):
    """The intake ended at an emergency sign: the signs answered yes so far."""

    flags: tuple[str, ...]


def warning_signs(prompt: Ask) -> list[str] | Stopped:
    """The yes/no warning-sign questions; they stop as soon as an emergency sign is
    answered yes."""
    print("First, some questions about warning signs. Answer y or n.")
    flags: list[str] = []
    for q in WARNING_SIGNS:
        if _ask(prompt, f"{q.text} (y/n)", yes_no):
            flags.append(q.code)
            if any_emergency([q.code]):
                return Stopped(tuple(flags))
    return flags


def _non_empty(parse: Callable[[str], list[str]]) -> Callable[[str], list[str]]:
    def wrapped(raw: str) -> list[str]:
        picked = parse(raw)
        if not picked:
            raise ValueError("Please pick at least one.")
        return picked

    return wrapped


def clinician(raw: str) -> str:
    if len(raw) > CLINICIAN_CHARS or not raw.isprintable():
        raise ValueError(f"Please give a name on one line, at most {CLINICIAN_CHARS} characters.")
    return raw


def past_date(today: dt.date) -> Callable[[str], dt.date]:
    def parse(raw: str) -> dt.date:
        day = parse_iso_date(raw)
        if day > today:
            raise ValueError("That is after today; give the day you were seen.")
        return day

    return parse


def clearance(prompt: Ask, profile: Profile, today: dt.date) -> Profile:
    """The same dated clearance as the web: the day seen, by whom, and each reason."""
    question = "Has a doctor or physiotherapist seen you about these reasons? (y/n)"
    if not _ask(prompt, question, yes_no):
        return profile
    on = _ask(prompt, "On which day were you seen? (YYYY-MM-DD)", past_date(today))
    by = _ask(prompt, "Who saw you? (optional, blank to skip)", clinician) or None
    reasons = clearable_reasons(profile, (), on)
    covers = [
        r.code
        for r in reasons
        if _ask(
            prompt, f"Did they look at this and say you may exercise? {r.message} (y/n)", yes_no
        )
    ]
    if not covers:
        print("  Nothing ticked: no clearance is recorded.")
        return profile
    return clear(profile, (), on=on, by=by, covers=covers, today=today)


def collect(prompt: Ask, today: dt.date) -> Profile | Stopped:
    flags = warning_signs(prompt)
    if isinstance(flags, Stopped):
        return flags
    if highest(flags) == "urgent":
        from backstride.cli import render

        render.urgent_first()
    answers: dict[str, object] = {"schema_version": 1, "red_flags": flags}
    answers.update(ask_all(prompt, PAIN_QUESTIONS))
    answers.update(ask_all(prompt, ABOUT_QUESTIONS))
    pain = answers["pain"]
    assert isinstance(pain, dict)
    extra = follow_ups(int(str(answers["age"])), int(pain["weeks"]))
    signs = ask_all(prompt, extra)
    answers["inflammatory_signs"] = [code for code, yes in signs.items() if yes]
    profile = validate(Profile, answers)
    if needs_clearance(profile, today):
        profile = clearance(prompt, profile, today)
    return profile


def _hold_old_profile(path: Path, flags: tuple[str, ...]) -> bool:
    """An emergency answer must not leave an earlier profile giving a plan: its warning
    signs are set to the emergency just reported and any clearance is dropped. True when
    an earlier profile was changed so."""
    if not path.is_file():
        return False
    try:
        old = profile_from_json(path.read_text("utf-8"), str(path))
    except (InputError, OSError, UnicodeDecodeError):
        return False  # not a profile we can read: nothing that gives a plan
    held = revoke(old).model_copy(update={"red_flags": flags})
    path.write_text(json.dumps(held.model_dump(mode="json"), indent=2) + "\n", "utf-8")
    return True


def run_intake(out: str, prompt: Ask = input) -> None:
    from backstride.cli import render

    today = dt.date.today()
    profile = collect(prompt, today)
    if isinstance(profile, Stopped):
        render.emergency_stop(_hold_old_profile(Path(out), profile.flags))
        return
    path = Path(out)
    try:
        path.write_text(json.dumps(profile.model_dump(mode="json"), indent=2) + "\n", "utf-8")
    except OSError as error:
        raise InputError([Problem("--out", f"cannot write {out} ({error.strerror})")]) from None
    render.console().print(f"Profile saved to {out}.")
    render.plan_result(assess(profile, History(), today).result, profile)
