"""When the jumps may go ahead (DESIGN section 2, v2): both the usual pain and the latest
morning's at 3 or less, and no flare-up and no run above 5/10 in the last 7 days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from backstride.core.setbacks import on_day
from backstride.core.vocab import IMPACT_MAX_PAIN, JUMP_CALM_DAYS


@dataclass(frozen=True)
class JumpFacts:
    """What the gate looks at, as the replay stands on one day."""

    usual: float  # the median of the last 7 check-ins, else the profile's pain
    latest: int  # the latest morning check-in, else the profile's pain
    checked_in: bool
    last_flare: dt.date | None
    last_painful_run: tuple[dt.date, int] | None  # a run above 5/10 and its worst pain


def recent(day: dt.date, now: dt.date) -> bool:
    """`day` is in the last 7 days as seen on `now`: from now - 6 to now, today included."""
    return 0 <= (now - day).days < JUMP_CALM_DAYS


def jump_wait(facts: JumpFacts, now: dt.date) -> str | None:
    """Why jumps wait on `now`, in the runner's terms, or None when they may go ahead."""
    if max(facts.usual, facts.latest) > IMPACT_MAX_PAIN:
        told = f"usually {facts.usual:g}/10, {facts.latest}/10 at the latest check-in"
        pain = f"above 3/10 ({told})" if facts.checked_in else f"{facts.latest}/10"
        return f"your pain is {pain}, and jumping waits until it is 3 or less"
    if facts.last_flare is not None and recent(facts.last_flare, now):
        when = on_day(facts.last_flare, now)
        return f"you had a flare-up on {when}, and jumping waits 7 days after one"
    if facts.last_painful_run is not None and recent(facts.last_painful_run[0], now):
        day, worst = facts.last_painful_run
        return (
            f"a run on {on_day(day, now)} hurt {worst}/10, and jumping waits "
            "7 days after a run above 5/10"
        )
    return None


def reopens(last_flare: dt.date | None, last_painful_run: dt.date | None) -> dt.date | None:
    """The first day on which neither the last flare-up nor the last run above 5/10 is in
    the last 7 days; None when there has been neither."""
    days = [d for d in (last_flare, last_painful_run) if d is not None]
    return max(days) + dt.timedelta(days=JUMP_CALM_DAYS) if days else None
