"""The coming four weeks of the plan as an iCalendar file: an event for each strength day,
mobility and run of the plan's week (its first seven days) and of the weeks that follow at
the same cadence, each naming its exercises and dosage.

An activity with a reminder time is a timed event in floating local time (no time zone, so
the phone's own applies, wherever the runner is) with an alarm at its start; one without is
an all-day event without an alarm. UIDs come from the runner's key, the date and the
activity (never random), so importing the file again, or subscribing to it, updates the
events instead of adding copies.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from icalendar import Alarm, Calendar, Event

from backstride.core.plan import Plan, PlanResult
from backstride.core.reminders import Reminders
from backstride.core.week import continued
from backstride.reports.wording import ACTIVITY_TITLES, ALARM_TEXT, dose, strength_dose

WEEKS = 4
# No timed event shorter than this: a calendar shows a sliver of a few minutes poorly.
MIN_EVENT_MINUTES = 5
PRODID = "-//backstride//plan calendar//EN"
FOOTER = (
    "Targets as of {today}; backstride adjusts them as you log sessions. "
    "Not a diagnosis: see a doctor if you feel unwell, if pain spreads into a leg with "
    "numbness or tingling, or if it does not ease with rest."
)


def plan_calendar(
    result: PlanResult,
    today: dt.date,
    user_key: str,
    reminders: Reminders | None = None,
    weeks: int = WEEKS,
) -> bytes:
    """The ICS bytes for the `weeks` weeks starting today, timed at the runner's `reminders`
    (the defaults when None); no events while there is no plan."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "backstride plan")
    if result.plan is not None:
        for event in events(result.plan, today, user_key, reminders or Reminders(), weeks):
            calendar.add_component(event)
    return bytes(calendar.to_ical())


def uid(user_key: str, day: dt.date, activity: str) -> str:
    """Stable across calls; the runner's key is hashed so the file does not reveal it."""
    who = hashlib.sha256(user_key.encode()).hexdigest()[:16]
    return f"{day:%Y%m%d}-{activity}-{who}@backstride"


def events(
    plan: Plan, today: dt.date, user_key: str, reminders: Reminders, weeks: int = WEEKS
) -> list[Event]:
    """The plan's week and the weeks after it, day by day, as events."""
    # The file's own timestamp is the day it describes: the same plan gives the same bytes.
    stamp = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    footer = FOOTER.format(today=today)
    out: list[Event] = []
    for day in continued(plan.week, plan.strength.days_per_week, weeks):
        runs = day.activities.count("run")
        seen: dict[str, int] = {}
        for activity in day.activities:
            if activity not in ACTIVITY_TITLES:
                continue  # rest days and extras (folded into the strength event)
            seen[activity] = seen.get(activity, 0) + 1
            number = seen[activity]
            key = activity if number == 1 else f"{activity}-{number}"
            text = "\n".join([*_lines(plan, activity, "extras" in day.activities), "", footer])
            # One reminder per activity a day: a second run that day is the runner's to time.
            at = reminders.at(activity) if number == 1 else None
            event = _event(
                uid(user_key, day.date, key), stamp, _title(plan, activity, number, runs)
            )
            event.add("description", text)
            if at is None:
                _all_day(event, day.date)
            else:
                _timed(event, dt.datetime.combine(day.date, at), _minutes(plan, activity))
                event.add_component(_alarm(plan, activity))
            out.append(event)
    return out


def _event(key: str, stamp: dt.datetime, title: str) -> Event:
    event = Event()
    event.add("uid", key)
    event.add("dtstamp", stamp)
    event.add("summary", title)
    event.add("transp", "TRANSPARENT")
    return event


def _all_day(event: Event, day: dt.date) -> None:
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))


def _timed(event: Event, start: dt.datetime, minutes: int) -> None:
    """A naive start is written without a time zone: floating time, the phone's own."""
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(minutes=minutes))
    # A reminder is a slot the runner keeps: shown busy, unlike the all-day notes.
    event["transp"] = "OPAQUE"


def _alarm(plan: Plan, activity: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    text = ALARM_TEXT[activity]
    if activity == "run" and plan.running.mode == "easy_only":
        text = "Time for your easy run"
    alarm.add("description", text)
    alarm.add("trigger", dt.timedelta(0))  # at the event's start
    return alarm


def _minutes(plan: Plan, activity: str) -> int:
    """How long the event lasts: the strength session's estimate, the runner's usual run,
    or the mobility drills (the stretches go with the runs)."""
    if activity == "strength":
        minutes = plan.strength_today.minutes
    elif activity == "mobility":
        tenths = sum(round(e.minutes * 10) for e in plan.mobility.exercises if e.kind != "stretch")
        minutes = (tenths + 5) // 10
    else:
        minutes = plan.run_minutes
    return max(MIN_EVENT_MINUTES, minutes)


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
