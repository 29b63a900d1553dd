"""The settings page: kit, time, units, reminders and pain answers changed without redoing
the check-in; bad input stores nothing; new pain answers go through triage again."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from backstride.core.preferences import Preferences
from backstride.core.profile import Profile
from backstride.core.reminders import Reminders
from backstride.core.triage import triage
from backstride.web.accounts.models import User
from backstride.web.coach import selectors, services
from tests.factories import make_profile
from tests.web.helpers import runner
from tests.web.test_journey_pages import PAIN  # the check-in's calm pain answers

pytestmark = pytest.mark.django_db
URL = "/accounts/settings/"
DOCTOR = "/check-in/see-a-doctor/"


def form_data(**changes: Any) -> dict[str, Any]:
    """What the page posts for the calm runner of tests.factories, with these changes."""
    data: dict[str, Any] = {
        "equipment": ["mat"],
        "setting": "indoor",
        "minutes_per_session": "20",
        "strength_days_per_week": "3",
        "unit": "km",
        "remind_strength": "on",
        "strength_at": "18:00",
        "remind_run": "on",
        "run_at": "07:30",
        "remind_mobility": "on",
        "mobility_at": "20:00",
        **PAIN,
    }
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def stored(user: User) -> tuple[Profile, Preferences]:
    profile = selectors.profile_of(user)
    assert profile is not None
    return profile, selectors.preferences_of(user)


class Inputs(HTMLParser):
    """Every input of a page as its attributes."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.found: list[dict[str, str | None]] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "input":
            self.found.append(dict(attrs))

    def checked(self, name: str) -> list[str | None]:
        return [i.get("value") for i in self.found if i.get("name") == name and "checked" in i]

    def value(self, name: str) -> str | None:
        return next(i.get("value") for i in self.found if i.get("name") == name)


def test_the_page_shows_what_is_stored() -> None:
    client, user = runner(equipment=["mat", "wall"], minutes_per_session=35)
    services.save_preferences(
        user=user, preferences=Preferences(unit="mi", reminders=Reminders(run=None))
    )
    inputs = Inputs(client.get(URL).content.decode())
    assert inputs.checked("equipment") == ["mat", "wall"]
    assert inputs.value("minutes_per_session") == "35"
    assert inputs.checked("unit") == ["mi"]
    assert inputs.checked("remind_run") == [] and inputs.checked("remind_strength") == [None]
    # A reminder switched off keeps a time ready for switching it on again.
    assert inputs.value("run_at") == "07:30" and inputs.value("strength_at") == "18:00"
    assert inputs.checked("eases_with_rest") == ["yes"] and inputs.checked("intensity") == ["3"]


def test_the_plan_and_the_account_page_link_here() -> None:
    client, _ = runner()
    plan = client.get("/plan/").content.decode()
    assert f'href="{URL}">Change your kit, days or minutes</a>' in plan
    assert f'href="{URL}"' in client.get("/accounts/").content.decode()


def test_each_field_is_saved() -> None:
    client, user = runner()
    data = form_data(
        equipment=["mat", "loop_band", "exercise_ball"],
        setting="outdoor",
        minutes_per_session="45",
        strength_days_per_week="2",
    )
    response = client.post(URL, data)
    assert response.status_code == 302 and response["Location"] in ("/plan/", "/calibrate/")
    profile, _ = stored(user)
    assert profile.equipment == ("mat", "loop_band", "exercise_ball")
    assert profile.setting == "outdoor"
    assert (profile.minutes_per_session, profile.strength_days_per_week) == (45, 2)
    assert profile.age == 35 and profile.running.weekly_km == 30  # left as they were


def test_no_kit_at_all_is_saved_as_none() -> None:
    client, user = runner(equipment=["mat", "wall"])
    client.post(URL, form_data(equipment=None))
    assert stored(user)[0].equipment == ()


def test_the_unit_and_reminder_times_are_saved_and_a_reminder_can_be_switched_off() -> None:
    client, user = runner()
    data = form_data(unit="mi", strength_at="17:15", remind_run=None, mobility_at="21:05")
    assert client.post(URL, data).status_code == 302
    _, preferences = stored(user)
    assert preferences.unit == "mi"
    assert preferences.reminders == Reminders(
        strength=dt.time(17, 15), run=None, mobility=dt.time(21, 5)
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"minutes_per_session": "4"}, "greater than or equal to 5"),
        ({"minutes_per_session": "many"}, "Enter a whole number"),
        ({"strength_days_per_week": "5"}, "Select a valid choice"),
        ({"setting": "moon"}, "Select a valid choice"),
        ({"equipment": ["mat", "rowing_machine"]}, "Select a valid choice"),
        ({"unit": "furlongs"}, "Select a valid choice"),
        ({"strength_at": "25:00"}, "Please give a time of day"),
        ({"run_at": ""}, "Please give a time, or switch this reminder off"),
        ({"intensity": "11"}, "Select a valid choice"),
        ({"regions": None}, "Please pick at least one"),
        ({"weeks": "-1"}, "greater than or equal to 0"),
        ({"eases_with_rest": None}, "Please answer yes or no"),
    ],
)
def test_a_bad_value_is_refused_and_nothing_is_stored(
    changes: dict[str, Any], message: str
) -> None:
    client, user = runner()
    before = stored(user)
    # Good changes beside the bad one: none of them may be stored either.
    data = form_data(**{"unit": "mi", "setting": "outdoor", **changes})
    response = client.post(URL, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Please check:" in page and message in page
    assert stored(user) == before


def test_a_pain_answer_that_now_needs_a_doctor_leads_to_the_doctors_page() -> None:
    client, user = runner()
    response = client.post(URL, form_data(trend="worse"))
    assert response["Location"] == DOCTOR
    page = client.get(DOCTOR).content.decode()
    assert "getting worse" in page
    assert client.get("/plan/")["Location"] == DOCTOR
    assert stored(user)[0].pain.trend == "worse"


def test_pain_that_does_not_ease_and_is_severe_is_urgent() -> None:
    client, user = runner()
    response = client.post(URL, form_data(intensity="9", eases_with_rest="no"))
    assert response["Location"] == DOCTOR
    found = triage(stored(user)[0])
    assert found.level == "urgent"
    assert client.get(DOCTOR).status_code == 200


def test_calmer_pain_answers_keep_the_plan_open() -> None:
    client, user = runner()
    response = client.post(URL, form_data(intensity="1", trend="better"))
    assert response["Location"] in ("/plan/", "/calibrate/")
    assert stored(user)[0].pain.intensity == 1


def cleared_runner() -> tuple[Client, User]:
    """Cleared by a GP for a past cancer and for pain that was getting worse."""
    client, user = runner(
        red_flags=["cancer_history"],
        pain={"trend": "worse"},
        clearance={
            "on": "2026-01-10",
            "by": "Dr Okafor",
            "covers": ["cancer_history", "pain_getting_worse"],
        },
    )
    assert triage(stored(user)[0]).level == "self_manage"
    return client, user


def test_a_clearance_keeps_the_signs_it_saw_when_only_the_kit_changes() -> None:
    client, user = cleared_runner()
    data = form_data(trend="worse", equipment=["mat", "wall"])
    assert client.post(URL, data)["Location"] != DOCTOR
    profile, _ = stored(user)
    assert profile.clearance is not None
    assert profile.clearance.covers == ("cancer_history", "pain_getting_worse")


def test_new_pain_answers_need_a_new_look_but_a_cleared_past_sign_stays_cleared() -> None:
    client, user = cleared_runner()
    # Still getting worse, now at night too: the clinician heard neither of these answers.
    response = client.post(URL, form_data(trend="worse", timing=["after_run", "at_night"]))
    assert response["Location"] == DOCTOR
    profile, _ = stored(user)
    assert profile.clearance is not None and profile.clearance.covers == ("cancer_history",)
    reasons = {r.code for r in triage(profile).reasons}
    assert reasons == {"pain_getting_worse", "night_pain"}


def test_a_first_version_clearance_is_taken_back_when_the_pain_answers_change() -> None:
    client, user = runner(red_flags=["cancer_history"], cleared_by_clinician=True)
    client.post(URL, form_data(intensity="4"))
    profile, _ = stored(user)
    assert profile.cleared_by_clinician is False and profile.clearance is None
    assert triage(profile).level == "see_doctor"


def test_a_runner_without_a_profile_is_sent_to_the_check_in() -> None:
    client, _ = runner(with_profile=False)
    assert client.get(URL)["Location"] == "/check-in/"
    assert client.post(URL, form_data())["Location"] == "/check-in/"


def test_the_page_needs_a_login() -> None:
    assert Client().get(URL)["Location"].startswith("/accounts/login/")


def test_profile_shape_is_unchanged_by_saving_the_same_answers() -> None:
    client, user = runner()
    before = stored(user)[0]
    client.post(URL, form_data())
    assert stored(user)[0] == before == make_profile()
