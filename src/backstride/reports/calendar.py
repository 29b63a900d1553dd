"""The coming four weeks of the plan as an iCalendar file: all-day events for strength days,
mobility and runs, each naming its exercises and dosage.

UIDs come from the runner's key, the date and the activity (never random), so importing the
file again, or subscribing to it, updates the events instead of adding copies.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from icalendar import Calendar, Event

from backstride.core.plan import Plan, PlanResult
from backstride.reports.wording import ACTIVITY_TITLES, dose, strength_dose

WEEKS = 4
PRODID = "-//backstride//plan calendar//EN"
FOOTER = (
    "Targets as of {today}; backstride adjusts them as you log sessions. "
    "Not a diagnosis: see a doctor if you feel unwell, if pain spreads into a leg with "
    "numbness or tingling, or if it does not ease with rest."
)


def plan_calendar(result: PlanResult, today: dt.date, user_key: str, weeks: int = WEEKS) -> bytes:
    """The ICS bytes for the `weeks` weeks starting today; no events while there is no plan."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "backstride plan")
    if result.plan is not None:
        for event in events(result.plan, today, user_key, weeks):
            calendar.add_component(event)
    return bytes(calendar.to_ical())


def uid(user_key: str, day: dt.date, activity: str) -> str:
    """Stable across calls; the runner's key is hashed so the file does not reveal it."""
    who = hashlib.sha256(user_key.encode()).hexdigest()[:16]
    return f"{day:%Y%m%d}-{activity}-{who}@backstride"


def events(plan: Plan, today: dt.date, user_key: str, weeks: int = WEEKS) -> list[Event]:
    by_day = {d.day: d.activities for d in plan.week}
    # The file's own timestamp is the day it describes: the same plan gives the same bytes.
    stamp = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    footer = FOOTER.format(today=today)
    out: list[Event] = []
    for offset in range(weeks * 7):
        day = today + dt.timedelta(days=offset)
        activities = by_day.get(day.isoweekday(), [])
        runs = activities.count("run")
        seen: dict[str, int] = {}
        for activity in activities:
            if activity not in ACTIVITY_TITLES:
                continue  # rest days and extras (folded into the strength event)
            seen[activity] = seen.get(activity, 0) + 1
            key = activity if seen[activity] == 1 else f"{activity}-{seen[activity]}"
            title = _title(plan, activity, seen[activity], runs)
            text = "\n".join([*_lines(plan, activity, "extras" in activities), "", footer])
            out.append(_event(uid(user_key, day, key), day, stamp, title, text))
    return out


def _event(key: str, day: dt.date, stamp: dt.datetime, title: str, text: str) -> Event:
    event = Event()
    event.add("uid", key)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", title)
    event.add("description", text)
    event.add("transp", "TRANSPARENT")
    return event


def _title(plan: Plan, activity: str, number: int, runs: int) -> str:
    title = ACTIVITY_TITLES[activity]
    if activity == "run":
        title = "Easy run" if plan.running.mode == "easy_only" else "Run"
        if runs > 1:
            title += f" ({number} of {runs})"
    return title


def _lines(plan: Plan, activity: str, with_extras: bool) -> list[str]:
    if activity == "strength":
        days = plan.strength.days_per_week
        lines = [f"Slow and controlled, good form, no pain; {days} days a week, 48 hours apart."]
        lines += [f"- {e.name}: {strength_dose(e)}" for e in plan.strength.exercises]
        if with_extras and plan.extras:
            lines += ["", "Optional extras, if you have the time:"]
            lines += [f"- {e.name}: {dose(e)}" for e in plan.extras]
        return lines
    if activity == "mobility":
        lines = [plan.mobility.when]
        lines += [f"- {e.name}: {dose(e)}" for e in plan.mobility.exercises]
        return lines
    lines = list(plan.running.advice)
    stretches = [e for e in plan.mobility.exercises if e.kind == "stretch"]
    if activity == "run" and stretches:
        lines += ["", "After the run:"]
        lines += [f"- {e.name}: {dose(e)}" for e in stretches]
    return lines
