"""Today's session from the plan's blocks (for now the strength-day session, whatever the
weekday): the strength block, mobility, the post-run stretches on a run day, the extras."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from backstride.core.catalog import Catalog
from backstride.core.history import History
from backstride.core.plan import Block, DoseItem, Mobility, Strength, TodaySession
from backstride.core.session_fit import fit_session
from backstride.core.time_budget import Offer, dose_for
from backstride.core.week import Day


def todays_session(
    *,
    strength: Strength,
    mobility: Mobility,
    extras: Sequence[DoseItem],
    week: Sequence[Day],
    minutes: int,
    past: History,
    today: dt.date,
    catalog: Catalog,
) -> TodaySession:
    """The session fitted to `minutes`; the stretches join it only on a day the week has a
    run, since they follow runs."""
    run_today = "run" in week[today.isoweekday() - 1].activities
    offers = [
        Offer(i.id, i.name, "strength", dose_for(catalog[i.id], i.sets, i.target_reps))
        for i in strength.exercises
    ]
    for item in mobility.exercises:
        stretch = catalog[item.id].group == "stretch"
        if run_today or not stretch:
            block: Block = "stretches" if stretch else "mobility"
            offers.append(Offer(item.id, item.name, block, dose_for(catalog[item.id])))
    offers += [Offer(i.id, i.name, "extras", dose_for(catalog[i.id])) for i in extras]
    return fit_session(offers, minutes, strength_turn(past, today, catalog))


def strength_turn(past: History, today: dt.date, catalog: Catalog) -> int:
    """Days with strength sets logged before today: it moves on by one with each session
    and stays put through today, whatever today's sets."""
    return len(
        {
            s.date
            for s in past.sessions
            if s.date < today and any(catalog[x.exercise].kind == "strength" for x in s.sets)
        }
    )
