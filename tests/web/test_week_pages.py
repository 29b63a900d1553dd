"""The week follows what was done, on the pages: the plan marks today and shows dates; the
guided session offers strength only on a strength day, lets the runner choose it once 48
hours have passed, and refuses it within them; the calendar rings at the runner's times."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import pytest
from django.test import Client
from icalendar import Calendar

from backstride.core.history import Session
from backstride.core.preferences import Preferences
from backstride.core.reminders import Reminders
from backstride.web.accounts.models import User
from backstride.web.coach import derived, services
from backstride.web.coach import models as m
from backstride.web.coach.views.common import today
from tests.factories import sets
from tests.web.helpers import runner

pytestmark = pytest.mark.django_db


def runner_after(days_ago: int, **profile: Any) -> tuple[Client, User]:
    """A runner whose last strength session was `days_ago` days before today."""
    client, user = runner(**profile)
    when = today() - dt.timedelta(days=days_ago)
    services.add_session(user=user, session=Session(date=when, sets=tuple(sets("superman", 8))))
    return client, user


def page(client: Client, path: str) -> str:
    answer = client.get(path)
    assert answer.status_code == 200
    return html.unescape(answer.content.decode())


def first_strength(user: User) -> str:
    found = derived.assessment_of(user, today())
    assert found is not None and found.plan is not None
    return found.plan.strength.exercises[0].id


def post_set(client: Client, exercise: str, **extra: str) -> Any:
    data = {"exercise": exercise, "set_number": "1", "reps": "8", "pain": "0", "form_ok": "yes"}
    return client.post("/session/set/", {**data, **extra})


def stored_today(user: User) -> int:
    return m.SetEntry.objects.filter(session__user=user, session__date=today()).count()


def test_the_plan_page_marks_today_and_dates_the_week() -> None:
    client, _ = runner()
    shown = page(client, "/plan/")
    assert "Your week, from today" in shown
    assert shown.count('aria-current="date"') == 1
    assert f'aria-current="date"><strong>Today <span class="muted">{today().day} ' in shown
    last = today() + dt.timedelta(days=6)
    assert f"{last.day} {last:%b}" in shown


def test_within_48_hours_the_session_page_offers_no_strength_and_says_why() -> None:
    client, user = runner_after(1)
    shown = page(client, "/session/")
    assert "your next strength session is tomorrow" in shown
    assert "48 hours" in shown
    assert "Save set" not in shown and "Do the strength session instead" not in shown
    # Chosen anyway, it is still refused: the muscles need the rest.
    assert "Save set" not in page(client, "/session/?strength=anyway")
    answer = post_set(client, first_strength(user), strength="anyway")
    assert answer.status_code == 400 and stored_today(user) == 0
    assert "not in today's session" in html.unescape(answer.content.decode())


def test_after_48_hours_on_a_non_strength_day_the_runner_may_choose_strength() -> None:
    # One strength day a week, the last two days ago: the next is five days on.
    client, user = runner_after(2, strength_days_per_week=1)
    shown = page(client, "/session/")
    assert "Today is a run day in your plan; your next strength session is on " in shown
    assert "Save set" not in shown
    assert 'href="/session/?strength=anyway"' in shown
    assert "Do the strength session instead" in page(client, "/plan/")
    exercise = first_strength(user)
    # A set sent without the choice is not in today's session.
    assert post_set(client, exercise).status_code == 400 and stored_today(user) == 0
    chosen = page(client, "/session/?strength=anyway")
    assert "Save set" in chosen and 'name="strength" value="anyway"' in chosen
    assert post_set(client, exercise, strength="anyway").status_code == 302
    assert stored_today(user) == 1
    # Begun, the strength session stands without the choice in the address, and the week
    # moves on: today is now a strength day in the plan.
    assert "Save set" in page(client, "/session/")
    found = derived.assessment_of(user, today())
    assert found is not None and found.plan is not None
    assert "strength" in found.plan.week[0].activities


def test_the_calendar_rings_at_the_runners_reminder_times() -> None:
    client, user = runner()
    times = Reminders(strength=dt.time(17, 30), run=None, mobility=dt.time(21, 0))
    services.save_preferences(user=user, preferences=Preferences(reminders=times))
    answer = client.get("/plan/calendar.ics")
    assert answer.status_code == 200
    events = list(Calendar.from_ical(answer.content).walk("VEVENT"))
    strength = [e for e in events if "Strength" in str(e["SUMMARY"])]
    assert strength and all(e.decoded("DTSTART").time() == dt.time(17, 30) for e in strength)
    assert all(e.walk("VALARM") for e in strength)
    first_day = strength[0].decoded("DTSTART").date()
    assert first_day == today()
    runs = [e for e in events if "run" in str(e["SUMMARY"]).lower()]
    assert runs and all(type(e.decoded("DTSTART")) is dt.date for e in runs)
    assert not any(e.walk("VALARM") for e in runs)
