"""The runner's take-away files from what is stored: the plan calendar and the CSV exports.
The web pages and the API both call these, so both give the same file."""

from __future__ import annotations

import datetime as dt

from backstride.reports.calendar import plan_calendar
from backstride.reports.csv_export import to_csv
from backstride.web.accounts.models import User
from backstride.web.coach import derived, selectors


def calendar_key(user: User) -> str:
    """What the calendar's UIDs derive from: the account, which outlives email changes."""
    return f"user-{user.pk}"


def calendar_for(user: User, today: dt.date) -> bytes | None:
    """The coming four weeks as ICS, timed at the runner's reminder times; None before the
    runner has a profile."""
    found = derived.assessment_of(user, today)
    if found is None:
        return None
    reminders = selectors.preferences_of(user).reminders
    return plan_calendar(found.result, today, calendar_key(user), reminders)


def csv_for(user: User, kind: str) -> str:
    return to_csv(kind, selectors.history_of(user))
