"""A strict ISO calendar date for every date the runner gives us."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from backstride.core.errors import shown

# Date arithmetic near year 1 or 9999 overflows; no runner logs a run there.
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2100, 12, 31)


def parse_iso_date(value: Any) -> dt.date:
    """Accept a date or a 'YYYY-MM-DD' string; timestamps or 'next week' are errors."""
    if isinstance(value, dt.datetime):
        raise ValueError("must be a date (YYYY-MM-DD), not a date and time")
    if isinstance(value, dt.date):
        if not EARLIEST <= value <= LATEST:
            raise ValueError(f"{value.isoformat()!r} is outside {EARLIEST.year}-{LATEST.year}")
        return value
    if not isinstance(value, str) or len(value) != 10:
        raise ValueError(f"must be a date written YYYY-MM-DD, got {shown(value)}")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a real calendar date") from None
    if not EARLIEST <= day <= LATEST:
        raise ValueError(f"{value!r} is outside {EARLIEST.year}-{LATEST.year}")
    return day


def parse_start_time(value: Any) -> dt.datetime:
    """A date and time with its UTC offset ('2026-11-21T07:30:00Z'), kept in UTC; the same
    years as dates, so converting it can never overflow."""
    if isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(
                f"must be a date and time like 2026-11-21T07:30:00Z, got {shown(value)}"
            ) from None
    elif isinstance(value, dt.datetime):
        moment = value
    else:
        raise ValueError(f"must be a date and time like 2026-11-21T07:30:00Z, got {shown(value)}")
    if moment.utcoffset() is None:
        raise ValueError("needs its offset from UTC, e.g. 2026-11-21T07:30:00Z or ...+01:00")
    if not EARLIEST <= moment.date() <= LATEST:
        raise ValueError(f"{moment.isoformat()!r} is outside {EARLIEST.year}-{LATEST.year}")
    return moment.astimezone(dt.UTC)


# What the JSON schema says of them: the same bounds, for clients and for API fuzzers. A
# pattern is the one standard JSON Schema way to bound a date's year.
DATE_PATTERN = rf"^(19[0-9]{{2}}|20[0-9]{{2}}|{LATEST.year})-[0-9]{{2}}-[0-9]{{2}}$"
_DATE_SCHEMA = Field(
    description=f"A date, YYYY-MM-DD, from {EARLIEST.isoformat()} to {LATEST.isoformat()}.",
    json_schema_extra={"pattern": DATE_PATTERN, "examples": ["2026-11-20"]},
)
_START_SCHEMA = Field(
    description=(
        "A date and time with its offset from UTC (answered in UTC), in the years "
        f"{EARLIEST.year}-{LATEST.year} where it happened."
    ),
    json_schema_extra={"examples": ["2026-11-20T07:30:00Z"]},
)

IsoDate = Annotated[dt.date, BeforeValidator(parse_iso_date), _DATE_SCHEMA]
StartTime = Annotated[dt.datetime, BeforeValidator(parse_start_time), _START_SCHEMA]
