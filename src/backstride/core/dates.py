"""A strict ISO calendar date for every date the runner gives us."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BeforeValidator


def parse_iso_date(value: Any) -> dt.date:
    """Accept a date or a 'YYYY-MM-DD' string; timestamps or 'next week' are errors."""
    if isinstance(value, dt.datetime):
        raise ValueError("must be a date (YYYY-MM-DD), not a date and time")
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or len(value) != 10:
        raise ValueError(f"must be a date written YYYY-MM-DD, got {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a real calendar date") from None


IsoDate = Annotated[dt.date, BeforeValidator(parse_iso_date)]
