"""Reading the profile and history the runner gives as JSON text (files, stdin, the API)."""

from __future__ import annotations

import datetime as dt

from backstride.core.dates import parse_iso_date
from backstride.core.errors import InputError, parse_json, validate
from backstride.core.history import History
from backstride.core.profile import Profile


def profile_from_json(text: str, what: str = "profile") -> Profile:
    return validate(Profile, parse_json(text, what))


def history_from_json(text: str, what: str = "history") -> History:
    return validate(History, parse_json(text, what))


def parse_today(value: str) -> dt.date:
    try:
        return parse_iso_date(value)
    except ValueError as error:
        raise InputError([f"--today: {error}"]) from None
