"""The runner's log pages: the morning check-in and runs on Today, and the editable history."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from backstride.core.history import Checkin, Run
from backstride.core.vocab import RED_FLAGS
from backstride.web.accounts.models import User
from backstride.web.coach import models as m
from backstride.web.coach import selectors, services
from tests.factories import checkin, day, run, session, sets
from tests.web.helpers import runner

pytestmark = pytest.mark.django_db


def entries(user: User) -> tuple[int, int, int, int]:
    return (
        m.TrainingSession.objects.filter(user=user).count(),
        m.SetEntry.objects.filter(session__user=user).count(),
        m.Checkin.objects.filter(user=user).count(),
        m.Run.objects.filter(user=user).count(),
    )


def one_of_each(user: User) -> dict[str, int]:
    """A session, a check-in and a run; returns their ids by kind."""
    return {
        "session": services.add_session(
            user=user, session=session(day(-2), sets("superman", 10))
        ).id,
        "checkin": services.add_checkin(user=user, checkin=checkin(day(-1), 3)).id,
        "run": services.add_run(user=user, run=run(day(-1), 5.0, during=2)).id,
    }


def shown(when: dt.date) -> str:
    """A date as the history page writes it, e.g. 'Fri 20 Nov 2026'."""
    return f"{when:%a} {when.day} {when:%b %Y}"


def page_of(response: Any) -> str:
    return str(response.content.decode())


# Access


@pytest.mark.parametrize(
    "url",
    [
        "/today/",
        "/today/check-in/",
        "/today/run/",
        "/history/",
        "/history/check-in/1/",
        "/history/run/1/",
        "/history/session/1/",
        "/history/run/1/delete/",
    ],
)
def test_anonymous_visitors_are_sent_to_log_in(url: str) -> None:
    for response in (Client().get(url), Client().post(url)):
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={url}"


def test_another_runners_entries_cannot_be_seen_edited_or_deleted() -> None:
    _, owner = runner()
    ids = one_of_each(owner)
    client, _ = runner()
    edit = {"session": "session", "checkin": "check-in", "run": "run"}
    for kind, item_id in ids.items():
        for url in (f"/history/{edit[kind]}/{item_id}/", f"/history/{kind}/{item_id}/delete/"):
            assert client.get(url).status_code == 404
            assert client.post(url, {"date": "2026-11-01", "morning_pain": "1"}).status_code == 404
    assert entries(owner) == (1, 3, 1, 1)


def test_an_unknown_kind_of_entry_is_not_found() -> None:
    client, user = runner()
    ids = one_of_each(user)
    assert client.get(f"/history/set/{ids['session']}/delete/").status_code == 404
    assert client.post(f"/history/set/{ids['session']}/delete/").status_code == 404


# Today: the morning check-in


def test_today_offers_the_pain_scale_the_warning_signs_and_the_run_form() -> None:
    client, _ = runner()
    page = page_of(client.get("/today/"))
    assert 'class="pain-scale"' in page
    assert 'name="morning_pain" value="10"' in page
    assert "Any warning sign this morning?" in page
    assert "Is one leg or foot weak, does it drag or give way?" in page
    assert "Any warning sign during or after the run?" in page
    assert f'value="{timezone.localdate().isoformat()}"' in page
    assert 'name="km"' in page and 'name="pain_after"' in page


def test_a_morning_check_in_is_saved() -> None:
    client, user = runner()
    response = client.post("/today/check-in/", {"date": "2026-11-20", "morning_pain": "2"})
    assert response.status_code == 302 and response["Location"] == "/today/"
    assert "Check-in saved" in page_of(client.get("/today/"))
    assert selectors.history_of(user).checkins == (
        Checkin(date=dt.date(2026, 11, 20), morning_pain=2, red_flags=()),
    )


def test_a_check_in_with_a_warning_sign_goes_straight_to_what_to_do() -> None:
    client, user = runner()
    response = client.post(
        "/today/check-in/",
        {"date": "2026-11-20", "morning_pain": "4", "red_flags": ["fever_or_unwell"]},
    )
    assert response.status_code == 302 and response["Location"] == "/check-in/see-a-doctor/"
    assert selectors.history_of(user).checkins[0].red_flags == ("fever_or_unwell",)
    page = page_of(client.get("/check-in/see-a-doctor/"))
    assert "Get medical advice today" in page and "reported on 2026-11-20" in page
    for held in ("/plan/", "/session/", "/calibrate/"):
        assert client.get(held)["Location"] == "/check-in/see-a-doctor/"


def _help_steps(page: str) -> str:
    return page[page.index("What to do now") : page.index("</ol>", page.index("What to do now"))]


def test_the_same_emergency_page_follows_a_first_check_in_a_morning_check_in_and_a_run() -> None:
    pages = []
    first, _ = runner(red_flags=["legs_giving_way"])
    pages.append(page_of(first.get("/check-in/see-a-doctor/")))
    morning, _ = runner()
    today = timezone.localdate().isoformat()
    morning.post(
        "/today/check-in/", {"date": today, "morning_pain": "4", "red_flags": ["legs_giving_way"]}
    )
    pages.append(page_of(morning.get("/check-in/see-a-doctor/")))
    running, user = runner()
    response = running.post(
        "/today/run/", {"date": today, "km": "5", "minutes": "30", "red_flags": ["legs_giving_way"]}
    )
    assert response["Location"] == "/check-in/see-a-doctor/"
    assert selectors.history_of(user).runs[0].red_flags == ("legs_giving_way",)
    pages.append(page_of(running.get("/check-in/see-a-doctor/")))
    assert all("Get emergency help now" in p for p in pages)
    assert len({_help_steps(p) for p in pages}) == 1
    assert "A&amp;E" in _help_steps(pages[0])


def test_tap_to_call_shows_only_the_numbers_the_server_was_given(settings: Any) -> None:
    client, _ = runner(red_flags=["fever_or_unwell"])
    assert 'href="tel:' not in page_of(client.get("/check-in/see-a-doctor/"))
    settings.URGENT_NUMBER, settings.EMERGENCY_NUMBER = "111", "999"
    page = page_of(client.get("/check-in/see-a-doctor/"))
    assert 'href="tel:111"' in page and 'href="tel:999"' in page
    assert page.index("What to do now") < page.index('href="tel:111"')


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"date": "2026-11-20", "morning_pain": "11"}, "must be at most 10, got 11"),
        ({"date": "2026-02-30", "morning_pain": "2"}, "is not a real calendar date"),
        ({"date": "2026-11-20"}, "please fill this in"),
        ({"date": "2026-11-20", "morning_pain": "2", "red_flags": ["sore_toe"]}, "sore_toe"),
    ],
)
def test_a_bad_check_in_is_refused_naming_the_field_and_stores_nothing(
    form: dict[str, Any], message: str
) -> None:
    client, user = runner()
    response = client.post("/today/check-in/", form)
    assert response.status_code == 400
    page = page_of(response)
    assert message in page and "Nothing was saved" in page
    assert entries(user) == (0, 0, 0, 0)


def test_a_pain_above_ten_names_the_pain_field() -> None:
    client, _ = runner()
    page = page_of(client.post("/today/check-in/", {"date": "2026-11-20", "morning_pain": "11"}))
    assert "Back pain this morning (0 none, 10 the worst you can imagine): must be at most" in page


# Today: runs


def test_a_run_is_saved_and_an_unrated_pain_stays_empty() -> None:
    client, user = runner()
    response = client.post(
        "/today/run/",
        {"date": "2026-11-20", "km": "5,5", "minutes": "33", "pain_during": "2", "pain_after": ""},
    )
    assert response.status_code == 302 and response["Location"] == "/today/"
    assert "Run saved" in page_of(client.get("/today/"))
    assert selectors.history_of(user).runs == (
        Run(date=dt.date(2026, 11, 20), km=5.5, minutes=33.0, pain_during=2, pain_after=None),
    )


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"km": "0", "minutes": "30"}, "Distance (km): must be more than 0"),
        ({"km": "five", "minutes": "30"}, "Distance (km): must be a number"),
        ({"km": "5", "minutes": "30", "pain_after": "12"}, "must be at most 10, got 12"),
        ({"km": "5"}, "Time (minutes): please fill this in"),
    ],
)
def test_a_bad_run_is_refused_naming_the_field_and_stores_nothing(
    form: dict[str, str], message: str
) -> None:
    client, user = runner()
    response = client.post("/today/run/", {"date": "2026-11-20", **form})
    assert response.status_code == 400
    assert message in page_of(response)
    assert entries(user) == (0, 0, 0, 0)


# History


def test_history_lists_sessions_check_ins_and_runs_newest_first() -> None:
    client, user = runner()
    ids = one_of_each(user)
    services.add_checkin(user=user, checkin=checkin(day(-5), 6, ("night_pain",)))
    page = page_of(client.get("/history/"))
    assert "Superman: 10 reps, pain 0" in page
    assert "pain 3/10" in page and "Warning signs noted: night pain" in page
    assert "5 km in 30 min" in page
    assert page.index(shown(day(-1))) < page.index(shown(day(-5)))
    for kind, item_id in ids.items():
        assert f"/history/{kind}/{item_id}/delete/" in page
    assert f"/history/check-in/{ids['checkin']}/" in page
    assert f"/history/run/{ids['run']}/" in page
    assert f"/history/session/{ids['session']}/" in page


def test_editing_a_check_in_shows_it_then_saves_the_change() -> None:
    client, user = runner()
    item_id = one_of_each(user)["checkin"]
    form = page_of(client.get(f"/history/check-in/{item_id}/"))
    assert re.search(r'name="morning_pain" value="3"[^>]*checked', form)
    response = client.post(
        f"/history/check-in/{item_id}/", {"date": day(-3).isoformat(), "morning_pain": "1"}
    )
    assert response.status_code == 302 and response["Location"] == "/history/"
    assert selectors.history_of(user).checkins == (checkin(day(-3), 1),)


def test_a_bad_check_in_edit_changes_nothing() -> None:
    client, user = runner()
    item_id = one_of_each(user)["checkin"]
    response = client.post(f"/history/check-in/{item_id}/", {"date": "", "morning_pain": "12"})
    assert response.status_code == 400
    assert "Date: please fill this in" in page_of(response)
    assert selectors.history_of(user).checkins == (checkin(day(-1), 3),)


def test_editing_a_run_saves_the_change() -> None:
    client, user = runner()
    item_id = one_of_each(user)["run"]
    assert 'value="5.0"' in page_of(client.get(f"/history/run/{item_id}/"))
    response = client.post(
        f"/history/run/{item_id}/",
        {"date": day(-1).isoformat(), "km": "6", "minutes": "40", "pain_after": "1"},
    )
    assert response.status_code == 302
    assert selectors.history_of(user).runs == (
        Run(date=day(-1), km=6.0, minutes=40.0, pain_during=None, pain_after=1),
    )


def session_form(when: dt.date, *rows: tuple[str, str, str]) -> dict[str, str]:
    data = {"date": when.isoformat()}
    for i, (reps, pain, form) in enumerate(rows):
        data.update({f"reps_{i}": reps, f"pain_{i}": pain, f"form_{i}": form})
    return data


def test_editing_a_session_changes_its_date_and_each_set() -> None:
    client, user = runner()
    item_id = one_of_each(user)["session"]
    page = page_of(client.get(f"/history/session/{item_id}/"))
    assert "Superman, set 3" in page and 'name="reps_2"' in page
    response = client.post(
        f"/history/session/{item_id}/",
        session_form(day(-3), ("10", "0", "good"), ("9", "2", "good"), ("8", "4", "poor")),
    )
    assert response.status_code == 302
    (edited,) = selectors.history_of(user).sessions
    assert edited.date == day(-3)
    assert [(s.exercise, s.reps, s.pain, s.form) for s in edited.sets] == [
        ("superman", 10, 0, "good"),
        ("superman", 9, 2, "good"),
        ("superman", 8, 4, "poor"),
    ]


def test_a_bad_session_edit_names_the_set_and_changes_nothing() -> None:
    client, user = runner()
    item_id = one_of_each(user)["session"]
    before = selectors.history_of(user).sessions
    response = client.post(
        f"/history/session/{item_id}/",
        session_form(day(-3), ("10", "0", "good"), ("-1", "2", "good"), ("8", "4", "meh")),
    )
    assert response.status_code == 400
    page = page_of(response)
    assert "Superman, set 2: reps: must be at least 0" in page
    assert "Superman, set 3: form: must be one of" in page
    assert selectors.history_of(user).sessions == before


@pytest.mark.parametrize("kind", ["session", "checkin", "run"])
def test_deleting_an_entry_asks_first_then_removes_only_it(kind: str) -> None:
    client, user = runner()
    ids = one_of_each(user)
    url = f"/history/{kind}/{ids[kind]}/delete/"
    confirm = client.get(url)
    assert confirm.status_code == 200 and "cannot be undone" in page_of(confirm)
    assert entries(user) == (1, 3, 1, 1)
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == "/history/"
    left = {"session": (0, 0, 1, 1), "checkin": (1, 3, 0, 1), "run": (1, 3, 1, 0)}
    assert entries(user) == left[kind]


def test_a_runner_without_a_profile_who_ticks_an_emergency_sees_the_steps_at_once() -> None:
    client, _ = runner(with_profile=False)
    today = timezone.localdate().isoformat()
    response = client.post(
        "/today/check-in/", {"date": today, "morning_pain": "5", "red_flags": ["saddle_numbness"]}
    )
    assert response["Location"] == "/check-in/emergency/"
    page = page_of(client.get("/check-in/emergency/"))
    assert "Get emergency help now" in page and "A&amp;E" in page


def test_the_reasons_come_highest_level_first_for_a_runner_without_a_profile() -> None:
    client, _ = runner(with_profile=False)
    flags = ["cancer_history", "fever_or_unwell"]
    client.post("/check-in/1/", {**{f: "no" for f in RED_FLAGS}, **{f: "yes" for f in flags}})
    page = page_of(client.get("/check-in/emergency/"))
    assert page.index("high temperature") < page.index("A past or present cancer")
