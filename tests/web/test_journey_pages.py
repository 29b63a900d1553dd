"""The runner's journey pages: check-in, calibration, plan, exercises, guided session."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from backstride.core.questions import WARNING_SIGNS
from backstride.core.vocab import INFLAMMATORY_SIGNS, RED_FLAGS
from backstride.web.coach import models as m
from backstride.web.coach import selectors
from tests.web.helpers import plan_of, runner, runner_without_profile

pytestmark = pytest.mark.django_db
ALL_NO = {f: "no" for f in RED_FLAGS}
PAIN = {
    "regions": ["lower_back"],
    "intensity": "3",
    "weeks": "2",
    "trend": "same",
    "timing": ["after_run"],
    "eases_with_rest": "yes",
}
ABOUT = {
    "age": "35",
    "level": "intermediate",
    "weekly_km": "30",
    "runs_per_week": "3",
    "equipment": ["mat"],
    "setting": "indoor",
    "minutes_per_session": "20",
    "strength_days_per_week": "3",
}


def check_in(client: Client, flags: dict[str, str], pain: dict[str, Any] = PAIN) -> Any:
    first = client.post("/check-in/1/", flags)
    if first.status_code != 302 or first["Location"] != "/check-in/2/":
        return first
    client.post("/check-in/2/", pain)
    return client.post("/check-in/3/", ABOUT)


def test_home_shows_the_warning_signs_and_not_a_diagnosis() -> None:
    page = Client().get("/").content.decode()
    assert "Start check-in" in page and "not a diagnosis" in page
    assert "sit on a saddle" in page


def test_check_in_asks_every_warning_sign_first_emergency_then_urgent_then_the_rest() -> None:
    client, _ = runner_without_profile()
    page = client.get("/check-in/1/").content.decode()
    # Django escapes apostrophes; compare the page with the questions as it renders them.
    places = [page.find(q.text.replace("'", "&#x27;")) for q in WARNING_SIGNS]
    assert -1 not in places and places == sorted(places)
    levels = [q.level for q in WARNING_SIGNS]
    order = {"emergency": 0, "urgent": 1, "see_doctor": 2, "self_manage": 3}
    assert [order[x] for x in levels] == sorted(order[x] for x in levels)


def test_an_unanswered_warning_sign_is_refused() -> None:
    client, _ = runner_without_profile()
    answers = dict(ALL_NO)
    del answers["cancer_history"]
    response = client.post("/check-in/1/", answers)
    assert response.status_code == 400
    assert "Please answer yes or no." in response.content.decode()


def test_an_emergency_answer_stops_at_once_and_stores_nothing() -> None:
    client, user = runner_without_profile()
    response = check_in(client, {**ALL_NO, "saddle_numbness": "yes"})
    assert response["Location"] == "/check-in/emergency/"
    page = client.get("/check-in/emergency/").content.decode()
    assert "Get emergency help now" in page and "Numbness, tingling" in page
    assert selectors.profile_of(user) is None


def test_see_doctor_answers_lead_to_the_doctor_page_and_no_plan() -> None:
    client, _ = runner_without_profile()
    response = check_in(client, {**ALL_NO, "cancer_history": "yes"})
    assert response["Location"] == "/check-in/see-a-doctor/"
    assert client.get("/plan/")["Location"] == "/check-in/see-a-doctor/"
    page = client.get("/check-in/see-a-doctor/").content.decode()
    assert "See a doctor before you go on" in page and "A past or present cancer" in page


def test_an_urgent_answer_shows_what_to_do_today_first_and_the_check_in_can_go_on() -> None:
    client, user = runner_without_profile()
    response = client.post("/check-in/1/", {**ALL_NO, "fever_or_unwell": "yes"})
    assert response["Location"] == "/check-in/emergency/"
    page = client.get("/check-in/emergency/").content.decode()
    assert "Get medical advice today" in page and "NHS 111" in page
    assert page.index("What to do now") < page.index("high temperature")
    assert "Finish the check-in" in page
    client.post("/check-in/2/", PAIN)
    assert client.post("/check-in/3/", ABOUT)["Location"] == "/check-in/see-a-doctor/"
    assert selectors.profile_of(user).red_flags == ("fever_or_unwell",)  # type: ignore[union-attr]
    assert client.get("/plan/")["Location"] == "/check-in/see-a-doctor/"


def _clear(client: Client, on: str, covers: list[str], by: str = "") -> Any:
    return client.post("/check-in/see-a-doctor/", {"on": on, "by": by, "covers": covers})


def test_a_clearance_is_dated_and_covers_each_reason_ticked_then_opens_the_plan() -> None:
    client, user = runner(red_flags=["cancer_history"], pain={"timing": ["at_night"]})
    today = dt.date.today().isoformat()
    assert _clear(client, today, []).status_code == 400
    assert _clear(client, "", ["cancer_history", "night_pain"]).status_code == 400
    assert selectors.profile_of(user).clearance is None  # type: ignore[union-attr]
    assert _clear(client, today, ["cancer_history"]).status_code == 302
    assert client.get("/plan/")["Location"] == "/check-in/see-a-doctor/"  # night pain left
    assert _clear(client, today, ["cancer_history", "night_pain"], by="Dr Rao").status_code == 302
    clearance = selectors.profile_of(user).clearance  # type: ignore[union-attr]
    assert clearance is not None and clearance.by == "Dr Rao"
    assert set(clearance.covers) == {"cancer_history", "night_pain"}
    assert client.get("/plan/").status_code == 200


@pytest.mark.parametrize(
    ("on", "covers", "problem"),
    [
        ("TOMORROW", ["cancer_history"], "after today"),
        ("yesterday", ["cancer_history"], "clearance.on"),
        ("TODAY", ["saddle_numbness"], "emergency sign"),
        ("TODAY", ["unexplained_weight_loss"], "not one of your reasons"),
        ("TODAY", ["made_up"], "not one of your reasons"),
    ],
)
def test_a_bad_clearance_is_refused_and_stores_nothing(
    on: str, covers: list[str], problem: str
) -> None:
    client, user = runner(red_flags=["cancer_history"])
    days = {"TODAY": dt.date.today(), "TOMORROW": dt.date.today() + dt.timedelta(days=1)}
    day = days[on].isoformat() if on in days else on
    response = _clear(client, day, covers)
    assert response.status_code == 400 and problem in response.content.decode()
    assert selectors.profile_of(user).clearance is None  # type: ignore[union-attr]


def test_an_emergency_page_offers_no_clearance() -> None:
    client, user = runner(red_flags=["sudden_tearing_pain", "cancer_history"])
    page = client.get("/check-in/see-a-doctor/").content.decode()
    assert "Get emergency help now" in page and 'name="covers"' not in page
    today = dt.date.today().isoformat()
    client.post("/check-in/see-a-doctor/", {"on": today, "covers": ["cancer_history"]})
    assert selectors.profile_of(user).clearance is None  # type: ignore[union-attr]


def test_a_calm_check_in_goes_to_calibration_and_saves_the_profile() -> None:
    client, user = runner_without_profile()
    response = check_in(client, ALL_NO)
    assert response["Location"] == "/calibrate/"
    profile = selectors.profile_of(user)
    assert profile is not None and profile.pain.intensity == 3 and profile.age == 35


def test_bad_answers_in_a_step_name_the_problem() -> None:
    client, _ = runner_without_profile()
    client.post("/check-in/1/", ALL_NO)
    response = client.post("/check-in/2/", {**PAIN, "intensity": "11", "regions": []})
    assert response.status_code == 400
    assert "Please pick at least one" in response.content.decode()


def test_calibration_walks_the_ladder_until_four_are_found() -> None:
    client, user = runner()
    assert "Try: Superman" in client.get("/calibrate/").content.decode()
    client.post("/calibrate/", {"exercise": "superman", "answer": "painful"})
    client.post("/calibrate/", {"exercise": "dead_bug", "answer": "ok"})
    client.post("/calibrate/", {"exercise": "single_leg_balance_reach", "answer": "poor_form"})
    assert "Single-leg balance" in client.get("/calibrate/").content.decode()
    for exercise in ("single_leg_balance", "high_plank_leg_lift", "single_leg_bridge"):
        client.post("/calibrate/", {"exercise": exercise, "answer": "ok"})
    assert client.get("/calibrate/")["Location"] == "/plan/"
    _, result = plan_of(user, dt.date.today())
    assert result is not None and result.plan is not None
    ids = [e.id for e in result.plan.strength.exercises]
    assert ids == ["dead_bug", "single_leg_balance", "high_plank_leg_lift", "single_leg_bridge"]


def test_a_calibration_answer_for_the_wrong_exercise_is_refused() -> None:
    client, user = runner()
    assert client.post("/calibrate/", {"exercise": "v_up", "answer": "ok"}).status_code == 400
    assert selectors.profile_of(user).abilities == {}  # type: ignore[union-attr]


def test_the_plan_page_shows_the_four_the_week_and_the_why() -> None:
    client, _ = runner()
    page = client.get("/plan/").content.decode()
    for text in (
        "Superman",
        "Dead bug",
        "Your week, from today",
        "Running: easy only",
        "Rank 1 of the ladder",
        "/exercises/superman/",
    ):
        assert text in page


def test_exercise_pages_show_steps_cues_mistakes_and_options() -> None:
    page = Client().get("/exercises/v_up/").content.decode()
    for text in (
        "How to do it",
        "Cues",
        "Common mistakes",
        "Easier",
        "/exercises/single_leg_v_up/",
    ):
        assert text in page
    assert Client().get("/exercises/nope/").status_code == 404
    assert "Dead bug" in Client().get("/exercises/?q=beetle").content.decode()


def _set(client: Client, exercise: str, number: int, pain: int = 0, reps: int = 8) -> Any:
    return client.post(
        "/session/set/",
        {"exercise": exercise, "set_number": number, "reps": reps, "pain": pain, "form_ok": "yes"},
    )


def test_guided_session_saves_each_set_as_it_is_entered() -> None:
    client, user = runner()
    assert "Set 1 of 3" in client.get("/session/").content.decode()
    response = _set(client, "superman", 1)
    assert response["Location"] == "/session/?rest=1"
    assert m.SetEntry.objects.filter(session__user=user).count() == 1
    page = client.get("/session/?rest=1").content.decode()
    assert "Set 2 of 3" in page and "Rest before the next set" in page and "saved-sets" in page


def test_a_repeated_submit_of_the_same_set_is_not_saved_twice() -> None:
    client, user = runner()
    _set(client, "superman", 1)
    _set(client, "superman", 1)
    assert m.SetEntry.objects.filter(session__user=user).count() == 1


def test_a_set_above_five_stops_the_exercise_and_says_why() -> None:
    client, _ = runner()
    _set(client, "superman", 1, pain=7)
    page = client.get("/session/").content.decode()
    assert "Stopped:" in page and "7/10" in page
    assert "<h1>Dead bug</h1>" in page


def test_no_further_set_of_a_stopped_exercise_is_stored() -> None:
    client, user = runner()
    _set(client, "superman", 1, pain=7)
    response = _set(client, "superman", 2, pain=2)
    assert response.status_code == 400
    assert "has stopped for today after a set above 5/10 pain" in response.content.decode()
    assert m.SetEntry.objects.filter(session__user=user).count() == 1


def test_bad_set_input_is_refused_and_nothing_is_stored() -> None:
    client, user = runner()
    response = client.post(
        "/session/set/",
        {"exercise": "superman", "set_number": 1, "reps": "", "pain": "12", "form_ok": "yes"},
    )
    assert response.status_code == 400
    assert "Reps done" in response.content.decode()
    assert m.SetEntry.objects.filter(session__user=user).count() == 0


def test_a_set_without_a_yes_or_no_for_form_asks_for_one() -> None:
    client, user = runner()
    data = {"exercise": "superman", "set_number": 1, "reps": 8, "pain": 0, "form_ok": "maybe"}
    response = client.post("/session/set/", data)
    assert response.status_code == 400
    assert "Form OK?: choose yes or no" in response.content.decode()
    assert not m.SetEntry.objects.filter(session__user=user).exists()


def test_a_set_of_an_exercise_outside_todays_session_is_refused() -> None:
    client, user = runner()
    response = _set(client, "wall_lat_pulldown", 1)
    assert response.status_code == 400
    assert "is not in today&#x27;s session" in response.content.decode()
    assert not m.SetEntry.objects.filter(session__user=user).exists()


def test_no_set_is_saved_while_the_plan_is_held_or_before_a_check_in() -> None:
    client, user = runner()
    client.post("/check-in/1/", {**ALL_NO, "fever_or_unwell": "yes"})
    assert _set(client, "superman", 1)["Location"] == "/check-in/see-a-doctor/"
    newcomer, new_user = runner(with_profile=False)
    assert _set(newcomer, "superman", 1)["Location"] == "/check-in/"
    assert not m.SetEntry.objects.filter(session__user__in=[user, new_user]).exists()


def test_after_all_sets_the_session_is_complete() -> None:
    client, _ = runner()
    for exercise in ("superman", "dead_bug", "single_leg_balance_reach", "high_plank_leg_lift"):
        for number in (1, 2, 3):
            _set(client, exercise, number)
    assert "Session complete" in client.get("/session/").content.decode()


@pytest.mark.parametrize(
    "url", ["/check-in/1/", "/calibrate/", "/plan/", "/session/", "/check-in/see-a-doctor/"]
)
def test_anonymous_visitors_are_sent_to_log_in(url: str) -> None:
    response = Client().get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_session_set_needs_post() -> None:
    client, _ = runner()
    assert client.get("/session/set/").status_code == 405


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("reps", "²"),
        ("reps", "9" * 5000),
        ("set_number", "-5"),
        ("set_number", "0"),
        ("set_number", "²"),
    ],
)
def test_odd_numbers_in_a_set_are_refused_and_nothing_is_stored(field: str, value: str) -> None:
    client, user = runner()
    data = {"exercise": "superman", "set_number": "1", "reps": "8", "pain": "0", "form_ok": "yes"}
    response = client.post("/session/set/", {**data, field: value})
    assert response.status_code == 400
    assert m.SetEntry.objects.filter(session__user=user).count() == 0


def test_an_emergency_answer_on_a_new_check_in_holds_the_existing_plan() -> None:
    client, _ = runner()
    assert client.get("/plan/").status_code == 200
    response = client.post("/check-in/1/", {**ALL_NO, "serious_trauma": "yes"})
    assert response["Location"] == "/check-in/emergency/"
    assert client.get("/plan/")["Location"] == "/check-in/see-a-doctor/"
    assert client.get("/session/")["Location"] == "/check-in/see-a-doctor/"


def test_a_see_doctor_answer_holds_the_plan_even_if_the_check_in_stops_there() -> None:
    client, _ = runner(red_flags=["cancer_history"], cleared_by_clinician=True)
    assert client.get("/plan/").status_code == 200
    client.post("/check-in/1/", {**ALL_NO, "fever_or_unwell": "yes"})
    assert client.get("/plan/")["Location"] == "/check-in/see-a-doctor/"


def test_the_inflammatory_questions_follow_only_long_pain_that_began_before_45() -> None:
    client, user = runner_without_profile()
    client.post("/check-in/1/", ALL_NO)
    client.post("/check-in/2/", {**PAIN, "weeks": "20", "trend": "better"})
    assert client.post("/check-in/3/", ABOUT)["Location"] == "/check-in/4/"
    page = client.get("/check-in/4/").content.decode()
    assert "Did this back pain first start before you were 35?" in page
    assert selectors.profile_of(user) is None
    signs = {s: "yes" for s in INFLAMMATORY_SIGNS[:4]} | {s: "no" for s in INFLAMMATORY_SIGNS[4:]}
    assert client.post("/check-in/4/", signs)["Location"] == "/calibrate/"
    profile = selectors.profile_of(user)
    assert profile is not None and profile.inflammatory_signs == INFLAMMATORY_SIGNS[:4]
    other, _ = runner_without_profile()
    other.post("/check-in/1/", ALL_NO)
    other.post("/check-in/2/", {**PAIN, "weeks": "20", "trend": "better"})
    assert other.post("/check-in/3/", {**ABOUT, "age": "60"})["Location"] == "/calibrate/"
    assert other.get("/check-in/4/")["Location"] == "/check-in/3/"


def test_a_fall_at_seventy_found_only_once_the_age_is_known_holds_the_plan() -> None:
    client, _ = runner_without_profile()
    client.post("/check-in/1/", {**ALL_NO, "minor_fall_or_strain": "yes"})
    client.post("/check-in/2/", PAIN)
    assert (
        client.post("/check-in/3/", {**ABOUT, "age": "70"})["Location"] == "/check-in/see-a-doctor/"
    )
    page = client.get("/check-in/see-a-doctor/").content.decode()
    assert "Get medical advice today" in page and "fracture" in page
