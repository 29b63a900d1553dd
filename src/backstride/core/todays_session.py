"""Today's session from the plan's blocks and the week: the strength session (strength,
mobility, the post-run stretches on a run day, the extras) on a strength day; on another
day mobility and, on a run day, the stretches, with the strength session offered instead
once 48 hours have passed since the last one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from backstride.core.catalog import Catalog
from backstride.core.history import History, ItemLog, SetLog
from backstride.core.plan import (
    Block,
    DoseItem,
    Mobility,
    Plan,
    Strength,
    StrengthStatus,
    StrengthToday,
    TodaySession,
)
from backstride.core.session_fit import fit_session
from backstride.core.time_budget import Offer, dose_for
from backstride.core.week import MIN_GAP_DAYS, Day

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def todays_offer(
    *,
    strength: Strength,
    mobility: Mobility,
    extras: Sequence[DoseItem],
    week: Sequence[Day],
    minutes: int,
    past: History,
    today: dt.date,
    catalog: Catalog,
) -> tuple[TodaySession, StrengthToday]:
    """Today's session as the week has it, and what today offers for strength; `week[0]` is
    today. Each session is fitted to `minutes`."""
    day = week[0]
    run_today = "run" in day.activities

    def session(with_strength: bool) -> TodaySession:
        return todays_session(
            strength=strength if with_strength else None,
            mobility=mobility,
            extras=extras if with_strength else (),
            run_today=run_today,
            minutes=minutes,
            turn=strength_turn(past, today, catalog),
            catalog=catalog,
        )

    before = [d for d in strength_days(past, catalog) if d < today]
    last = max(before, default=None)
    status = strength_status("strength" in day.activities, last, today)
    upcoming = [d.date for d in week if "strength" in d.activities]
    strength_session = session(True)
    offer = StrengthToday(
        status=status,
        last=last,
        next=upcoming[0] if upcoming else None,
        message=strength_message(status, day.activities, last, upcoming, today),
        minutes=strength_minutes(strength_session),
        anyway=strength_session if status == "may_choose" else None,
    )
    today_session = strength_session if status == "strength_day" else session(False)
    return today_session, offer


def strength_minutes(session: TodaySession) -> int:
    """The strength and extras items of a strength session, in whole minutes (half up)."""
    tenths = sum(round(i.minutes * 10) for i in session.items if i.block in ("strength", "extras"))
    return (tenths + 5) // 10


def strength_status(strength_day: bool, last: dt.date | None, today: dt.date) -> StrengthStatus:
    """The whole rule for strength today: on a strength day, the strength session; on any
    other, the runner's choice once 48 hours have passed since the last strength session
    (`last`, before today), and none within them, when the muscles need the rest."""
    if strength_day:
        return "strength_day"
    if last is None or (today - last).days >= MIN_GAP_DAYS:
        return "may_choose"
    return "resting"


def todays_session(
    *,
    strength: Strength | None,
    mobility: Mobility,
    extras: Sequence[DoseItem],
    run_today: bool,
    minutes: int,
    turn: int,
    catalog: Catalog,
) -> TodaySession:
    """The session fitted to `minutes`; the stretches join it only on a day the week has a
    run, since they follow runs."""
    offers = [
        Offer(i.id, i.name, "strength", dose_for(catalog[i.id], i.sets, i.target_reps))
        for i in (strength.exercises if strength else ())
    ]
    for item in mobility.exercises:
        stretch = catalog[item.id].group == "stretch"
        if run_today or not stretch:
            block: Block = "stretches" if stretch else "mobility"
            offers.append(Offer(item.id, item.name, block, dose_for(catalog[item.id])))
    offers += [Offer(i.id, i.name, "extras", dose_for(catalog[i.id])) for i in extras]
    return fit_session(offers, minutes, turn)


def with_choice(
    plan: Plan, chose_strength: bool, sets: Sequence[SetLog], items: Sequence[ItemLog]
) -> Plan:
    """The plan with today's session as the runner has it: the strength session instead of
    today's when they may choose it and chose it, or already began it today (a set saved,
    or a strength exercise skipped); otherwise the plan as it is."""
    anyway = plan.strength_today.anyway
    if anyway is None:
        return plan
    ids = {e.id for e in plan.strength.exercises}
    began = any(s.exercise in ids for s in sets) or any(i.exercise in ids for i in items)
    if not (chose_strength or began):
        return plan
    return plan.model_copy(update={"session": anyway})


def strength_days(past: History, catalog: Catalog) -> list[dt.date]:
    """The days with strength sets logged, in date order."""
    return sorted(
        {
            s.date
            for s in past.sessions
            if any(catalog[x.exercise].kind == "strength" for x in s.sets)
        }
    )


def strength_turn(past: History, today: dt.date, catalog: Catalog) -> int:
    """Days with strength sets logged before today: it moves on by one with each session
    and stays put through today, whatever today's sets."""
    return len([d for d in strength_days(past, catalog) if d < today])


def strength_message(
    status: StrengthStatus,
    activities: Sequence[str],
    last: dt.date | None,
    upcoming: Sequence[dt.date],
    today: dt.date,
) -> str:
    """What today is and why, in the runner's words."""
    if status == "strength_day":
        return "Today is a strength day in your plan."
    if "walk_or_cross_train" in activities:
        kind = "a day to walk or cross-train"
    else:
        kind = "a run day" if "run" in activities else "a rest day"
    text = f"Today is {kind} in your plan"
    if upcoming:
        text += f"; your next strength session is {day_words(upcoming[0], today)}"
    if last is None:
        return text + "."
    since = f"Your last one was {day_words(last, today)}"
    if status == "may_choose":
        return (
            f"{text}. {since}, so your muscles have had their 48 hours of rest: you may "
            "do it today instead if you like, and your week then moves on from today."
        )
    return (
        f"{text}. {since}: your muscles need 48 hours to recover and get stronger, so "
        "strength waits until then."
    )


def day_words(day: dt.date, today: dt.date) -> str:
    """'tomorrow', 'on Thursday' within the coming week, 'yesterday', '3 days ago, on
    Wednesday 18 November': a weekday alone would be ambiguous for a day gone by."""
    offset = (day - today).days
    if offset in (-1, 0, 1):
        return ("yesterday", "today", "tomorrow")[offset + 1]
    year = "" if day.year == today.year else f" {day.year}"
    full = f"{DAY_NAMES[day.weekday()]} {day.day} {day:%B}{year}"
    if offset < 0:
        return f"{-offset} days ago, on {full}"
    return f"on {DAY_NAMES[day.weekday()]}" if offset < 7 else f"on {full}"
