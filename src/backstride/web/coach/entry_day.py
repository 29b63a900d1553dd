"""The last date an entry may carry, for every edge that stores one (forms, API, imports)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from backstride.core.sanity import latest_today


def last_day() -> dt.date:
    """Today wherever on Earth it is latest: the server knows no runner's time zone, and a
    runner ahead of UTC logs this morning's check-in under their own date."""
    return latest_today(timezone.now())
