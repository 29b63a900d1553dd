"""Reading the profile and history the runner gives as JSON text (files, stdin, the API)."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from backstride.core.dates import parse_iso_date
from backstride.core.errors import InputError, Problem, parse_json, validate
from backstride.core.history import History
from backstride.core.profile import Profile

M = TypeVar("M", bound=Profile | History)


def profile_from_json(text: str, what: str = "profile") -> Profile:
    return _validate_named(Profile, parse_json(text, what), what)


def history_from_json(text: str, what: str = "history") -> History:
    return _validate_named(History, parse_json(text, what), what)


def _validate_named(model: type[M], data: object, what: str) -> M:
    """A problem with the input as a whole (a list where an object belongs) names the input,
    as a problem reading it does: '--profile: must be a JSON object'."""
    try:
        return validate(model, data)
    except InputError as error:
        named = [p if p.field else Problem(what, p.message) for p in error.problems]
        raise InputError(named) from None


def parse_today(value: str) -> dt.date:
    try:
        return parse_iso_date(value)
    except ValueError as error:
        raise InputError([Problem("--today", str(error))]) from None
