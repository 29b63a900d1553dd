"""Data that makes sense (issue 12, item 4) at every edge that stores: impossible or future
entries refused with their reason, the day's second check-in replacing the first only once
confirmed, a run typed twice flagged, and distances in the runner's unit (stored in km)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from backstride.core.history import Checkin
from backstride.core.preferences import Preferences
from backstride.core.units import KM_PER_MILE
from backstride.web.accounts.models import ApiToken, User
from backstride.web.coach import models as m
from backstride.web.coach import selectors, services
from tests.factories import TODAY, checkin, day, run, session, sets
from tests.runfiles.files import gpx_run, real
from tests.web.helpers import runner

pytestmark = pytest.mark.django_db

FAST = "42 km in 10 min is a pace of 0:14 min/km, faster than any runner"
YESTERDAY = day(-1).isoformat()
TOMORROW = day(1).isoformat()


@pytest.fixture(autouse=True)
def _today_is_fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every edge asks `last_day()` for the last date an entry may carry: here TODAY."""
    for module in ("forms_log", "run_import"):
        monkeypatch.setattr(f"backstride.web.coach.{module}.last_day", lambda: TODAY)
    monkeypatch.setattr("backstride.web.api.me.last_day", lambda: TODAY)


def stored(user: User) -> tuple[int, int, int]:
    return (
        m.TrainingSession.objects.filter(user=user).count(),
        m.Checkin.objects.filter(user=user).count(),
        m.Run.objects.filter(user=user).count(),
    )


def page_of(response: Any) -> str:
    return str(response.content.decode())


def api(token: str, path: str, body: Any) -> Any:
    headers = {"Authorization": f"Bearer {token}"}
    return Client().post(
        f"/api/v1/me/{path}", json.dumps(body), content_type="application/json", headers=headers
    )


def api_runner() -> tuple[User, str]:
    _, user = runner()
    return user, ApiToken.issue(user)


def in_miles(user: User) -> None:
    services.save_preferences(user=user, preferences=Preferences(unit="mi"))


# Refused through the forms.


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"date": YESTERDAY, "km": "42", "minutes": "10"}, f"Time (minutes): {FAST}"),
        ({"date": YESTERDAY, "km": "5", "minutes": "200"}, "slower than a slow walk"),
        ({"date": YESTERDAY, "km": "300", "minutes": "3000"}, "300 km is more than one run can be"),
        ({"date": YESTERDAY, "km": "600", "minutes": "3000"}, "(250 km is the limit)"),
        ({"date": TOMORROW, "km": "5", "minutes": "30"}, "2026-11-22 is after today"),
    ],
)
def test_an_impossible_or_future_run_is_refused_saying_why(
    form: dict[str, str], message: str
) -> None:
    client, user = runner()
    response = client.post("/today/run/", form)
    assert response.status_code == 400
    page = page_of(response)
    assert message in page and "Nothing was saved" in page
    assert stored(user) == (0, 0, 0)


def test_a_check_in_dated_after_today_is_refused() -> None:
    client, user = runner()
    response = client.post("/today/check-in/", {"date": TOMORROW, "morning_pain": "2"})
    assert response.status_code == 400
    assert "Date: 2026-11-22 is after today; give the day of the check-in" in page_of(response)
    assert stored(user) == (0, 0, 0)


def test_history_edits_are_refused_too_and_change_nothing() -> None:
    client, user = runner()
    row = services.add_run(user=user, run=run(day(-1), 5.0))
    note = services.add_checkin(user=user, checkin=checkin(day(-1), 3))
    kept = services.add_session(user=user, session=session(day(-2), sets("superman", 10, count=1)))
    answers = [
        client.post(f"/history/run/{row.id}/", {"date": YESTERDAY, "km": "42", "minutes": "10"}),
        client.post(f"/history/check-in/{note.id}/", {"date": TOMORROW, "morning_pain": "1"}),
        client.post(
            f"/history/session/{kept.id}/",
            {"date": TOMORROW, "reps_0": "10", "pain_0": "0", "form_0": "good"},
        ),
    ]
    assert [a.status_code for a in answers] == [400, 400, 400]
    assert FAST in page_of(answers[0])
    assert "2026-11-22 is after today" in page_of(answers[1])
    assert "give the day of the session" in page_of(answers[2])
    history = selectors.history_of(user)
    assert [r.km for r in history.runs] == [5.0]
    assert [c.date for c in history.checkins] == [day(-1)]
    assert [s.date for s in history.sessions] == [day(-2)]


# Refused through the API and the JSON import.


@pytest.mark.parametrize(
    ("path", "body", "field", "message"),
    [
        ("runs", {"date": YESTERDAY, "km": 42, "minutes": 10}, "minutes", FAST),
        ("runs", {"date": YESTERDAY, "km": 251, "minutes": None}, "km", "251 km is more"),
        ("runs", {"date": TOMORROW, "km": 5, "minutes": 30}, "date", "is after today"),
        ("checkins", {"date": TOMORROW, "morning_pain": 2}, "date", "is after today"),
        (
            "sessions",
            {
                "date": TOMORROW,
                "sets": [{"exercise": "superman", "reps": 8, "pain": 0, "form": "good"}],
            },
            "date",
            "give the day of the session",
        ),
    ],
)
def test_the_api_refuses_with_422_naming_the_field_and_stores_nothing(
    path: str, body: dict[str, Any], field: str, message: str
) -> None:
    user, token = api_runner()
    answer = api(token, path, body)
    assert answer.status_code == 422, answer.content
    [problem] = answer.json()["detail"]
    assert problem["field"] == field and message in problem["message"]
    assert stored(user) == (0, 0, 0)


def test_an_import_names_each_refused_entry_and_stores_nothing() -> None:
    user, token = api_runner()
    history = {
        "checkins": [
            {"date": YESTERDAY, "morning_pain": 1},
            {"date": "2027-06-01", "morning_pain": 1},
        ],
        "runs": [
            {"date": YESTERDAY, "km": 5, "minutes": 30},
            {"date": YESTERDAY, "km": 42, "minutes": 10},
        ],
    }
    answer = api(token, "import", {"schema_version": 1, "history": history})
    assert answer.status_code == 422
    fields = [p["field"] for p in answer.json()["detail"]]
    assert fields == ["history.checkins[1].date", "history.runs[1].minutes"]
    assert stored(user) == (0, 0, 0)


def test_two_different_pains_on_one_day_in_an_import_are_both_kept() -> None:
    _, token = api_runner()
    pains = [{"date": YESTERDAY, "morning_pain": 1}, {"date": YESTERDAY, "morning_pain": 4}]
    answer = api(token, "import", {"schema_version": 1, "history": {"checkins": pains}})
    assert answer.json() == {"added": {"sessions": 0, "checkins": 2, "runs": 0}}


# Run files.


def test_a_run_file_with_an_impossible_pace_is_rejected_saying_why() -> None:
    client, user = runner()
    # 5 km in 50 seconds: a watch that lost its clock.
    files = [SimpleUploadedFile("glitch.gpx", gpx_run(seconds_apart=5))]
    page = page_of(client.post("/runs/import/", {"file": files}))
    assert "Not imported:</strong>" in page
    assert "glitch.gpx is not imported: 5.01 km in 0.8 min is a pace of 0:10 min/km" in page
    assert stored(user) == (0, 0, 0)


def test_a_run_file_dated_after_today_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    user, token = api_runner()
    monkeypatch.setattr("backstride.web.coach.run_import.last_day", lambda: dt.date(2026, 11, 1))
    headers = {"Authorization": f"Bearer {token}"}
    files = [SimpleUploadedFile("ahead.gpx", gpx_run())]
    answer = Client().post("/api/v1/me/runs/import", {"file": files}, headers=headers)
    [item] = answer.json()
    assert item["status"] == "rejected" and item["run"] is None
    assert "dated 2026-11-19, after today; check the date on the watch" in item["message"]
    assert stored(user) == (0, 0, 0)


def test_a_run_file_matching_a_run_typed_by_hand_is_a_duplicate() -> None:
    client, user = runner()
    services.add_run(user=user, run=run(day(-2), 5.0, minutes=25.0))
    files = [SimpleUploadedFile("watch.gpx", gpx_run())]
    page = page_of(client.post("/runs/import/", {"file": files}))
    assert "Already stored:</strong>" in page
    assert stored(user) == (0, 0, 1)


def test_rating_an_imported_run_with_an_impossible_time_changes_nothing() -> None:
    client, user = runner()
    untimed = SimpleUploadedFile("a.gpx", real("cerknicko-without-times.gpx"))
    client.post("/runs/import/", {"file": [untimed]})
    row = m.Run.objects.get(user=user)
    answer = client.post(f"/runs/{row.id}/rate/", {"pain_during": "2", "minutes": "2"})
    assert answer.status_code == 400 and "faster than any runner" in page_of(answer)
    row.refresh_from_db()
    assert (row.minutes, row.pain_during, row.asks_for_pain) == (None, None, True)


# The day's second check-in.


def test_a_second_check_in_asks_first_and_stores_nothing_until_confirmed() -> None:
    client, user = runner()
    client.post("/today/check-in/", {"date": YESTERDAY, "morning_pain": "3"})
    asked = client.post("/today/check-in/", {"date": YESTERDAY, "morning_pain": "5"})
    assert asked.status_code == 409
    page = page_of(asked)
    assert "You already checked in for Fri 20 Nov 2026" in page
    assert "with pain 3. Replace it with pain 5?" in page
    assert 'name="replace"' in page and "Keep the first" in page
    assert 'type="hidden" name="morning_pain" value="5"' in page
    assert [c.morning_pain for c in selectors.history_of(user).checkins] == [3]
    confirmed = client.post(
        "/today/check-in/", {"date": YESTERDAY, "morning_pain": "5", "replace": "1"}
    )
    assert confirmed.status_code == 302
    assert selectors.history_of(user).checkins == (checkin(day(-1), 5),)


def test_this_mornings_second_check_in_says_this_morning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("backstride.web.coach.forms_log.last_day", timezone.localdate)
    client, _ = runner()
    today = timezone.localdate().isoformat()
    client.post("/today/check-in/", {"date": today, "morning_pain": "3"})
    page = page_of(client.post("/today/check-in/", {"date": today, "morning_pain": "5"}))
    assert "You already checked in this morning" in page


def test_a_second_check_in_with_a_new_warning_sign_is_stored_at_once_keeping_every_sign() -> None:
    client, user = runner()
    client.post(
        "/today/check-in/", {"date": YESTERDAY, "morning_pain": "3", "red_flags": ["night_pain"]}
    )
    answer = client.post(
        "/today/check-in/",
        {"date": YESTERDAY, "morning_pain": "6", "red_flags": ["fever_or_unwell"]},
    )
    assert answer.status_code == 302 and answer["Location"] == "/check-in/see-a-doctor/"
    assert selectors.history_of(user).checkins == (
        Checkin(date=day(-1), morning_pain=6, red_flags=("fever_or_unwell", "night_pain")),
    )


def test_the_history_edit_still_changes_a_check_in_in_place() -> None:
    client, user = runner()
    row = services.add_checkin(user=user, checkin=checkin(day(-1), 3))
    answer = client.post(f"/history/check-in/{row.id}/", {"date": YESTERDAY, "morning_pain": "5"})
    assert answer.status_code == 302
    assert list(m.Checkin.objects.filter(user=user).values_list("id", "morning_pain")) == [
        (row.id, 5)
    ]


def test_the_api_answers_409_for_a_second_check_in_unless_it_replaces() -> None:
    user, token = api_runner()
    first = api(token, "checkins", {"date": YESTERDAY, "morning_pain": 3}).json()
    again = api(token, "checkins", {"date": YESTERDAY, "morning_pain": 5})
    assert again.status_code == 409
    assert again.json()["id"] == first["id"] and '"replace": true' in again.json()["detail"]
    assert [c.morning_pain for c in selectors.history_of(user).checkins] == [3]
    replaced = api(token, "checkins", {"date": YESTERDAY, "morning_pain": 5, "replace": True})
    assert replaced.status_code == 201 and replaced.json()["morning_pain"] == 5
    assert "replace" not in replaced.json()
    assert selectors.history_of(user).checkins == (checkin(day(-1), 5),)


# A run typed twice.


def test_a_run_typed_twice_is_flagged_and_stored_only_once_confirmed() -> None:
    client, user = runner()
    client.post("/today/run/", {"date": YESTERDAY, "km": "5", "minutes": "30"})
    asked = client.post("/today/run/", {"date": YESTERDAY, "km": "5.02", "minutes": "30.1"})
    assert asked.status_code == 409
    page = page_of(asked)
    assert "This looks like the run you already saved on Fri 20 Nov 2026 (5 km, 30 min)" in page
    assert 'name="different_run"' in page
    assert stored(user) == (0, 0, 1)
    confirmed = client.post(
        "/today/run/", {"date": YESTERDAY, "km": "5.02", "minutes": "30.1", "different_run": "1"}
    )
    assert confirmed.status_code == 302
    assert stored(user) == (0, 0, 2)


def test_another_run_the_same_day_is_not_a_duplicate() -> None:
    client, user = runner()
    client.post("/today/run/", {"date": YESTERDAY, "km": "5", "minutes": "30"})
    assert (
        client.post("/today/run/", {"date": YESTERDAY, "km": "8", "minutes": "48"}).status_code
        == 302
    )
    assert stored(user) == (0, 0, 2)


def test_the_api_answers_409_with_the_stored_runs_id_unless_it_is_another_run() -> None:
    user, token = api_runner()
    body = {"date": YESTERDAY, "km": 10, "minutes": 50}
    first = api(token, "runs", body).json()
    again = api(token, "runs", {**body, "km": 10.05})
    assert again.status_code == 409 and again.json()["id"] == first["id"]
    assert stored(user) == (0, 0, 1)
    other = api(token, "runs", {**body, "km": 10.05, "different_run": True})
    assert other.status_code == 201 and other.json()["km"] == 10.05
    assert stored(user) == (0, 0, 2)


def test_the_conflicts_are_in_the_openapi_schema() -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    for path, flag in (("/api/v1/me/checkins", "replace"), ("/api/v1/me/runs", "different_run")):
        post = paths[path]["post"]
        assert "409" in post["responses"] and flag in post["description"]


# Miles.


def test_a_runner_in_miles_types_miles_and_km_are_stored() -> None:
    client, user = runner()
    in_miles(user)
    assert "Distance (mi)" in page_of(client.get("/today/"))
    answer = client.post("/today/run/", {"date": YESTERDAY, "km": "3.1", "minutes": "30"})
    assert answer.status_code == 302
    [saved] = selectors.history_of(user).runs
    assert saved.km == pytest.approx(3.1 * KM_PER_MILE)
    today = page_of(client.get("/history/"))
    assert "3.1 mi in 30 min (9:41 min/mi)" in today
    edit = page_of(client.get(f"/history/run/{m.Run.objects.get(user=user).id}/"))
    assert 'value="3.1"' in edit and "Distance (mi)" in edit


def test_the_limits_hold_in_km_and_are_named_in_miles() -> None:
    client, user = runner()
    in_miles(user)
    page = page_of(client.post("/today/run/", {"date": YESTERDAY, "km": "200", "minutes": "3000"}))
    assert "Distance (mi): 200 mi is more than one run can be (155.34 mi is the limit)" in page
    page = page_of(client.post("/today/run/", {"date": YESTERDAY, "km": "26.2", "minutes": "10"}))
    assert "(3:13 min/mi is the limit)" in page
    assert stored(user) == (0, 0, 0)


def test_imported_runs_read_in_miles_and_the_api_stays_in_km() -> None:
    client, user = runner()
    in_miles(user)
    page = page_of(client.post("/runs/import/", {"file": [SimpleUploadedFile("w.gpx", gpx_run())]}))
    assert "w.gpx: a run of 3.11 mi in 25 min on 19 November 2026." in page
    assert "3.11 mi in 25 min" in page  # the question about its pain
    token = ApiToken.issue(user)
    listed = Client().get("/api/v1/me/runs", headers={"Authorization": f"Bearer {token}"})
    assert listed.json()[0]["km"] == pytest.approx(5.0, abs=0.01)


def test_the_plans_load_warnings_follow_the_unit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("backstride.web.coach.views.pages.today", lambda: TODAY)
    client, user = runner()
    for ran in (run(day(-10), 10), run(day(-1), 16.09344)):
        services.add_run(user=user, run=ran)
    assert "16.1 km in the last 7 days is 61% more than the 10.0 km" in page_of(
        client.get("/plan/")
    )
    in_miles(user)
    page = page_of(client.get("/plan/"))
    assert "10.0 mi in the last 7 days is 61% more than the 6.2 mi" in page
    assert "Your run of 10.0 mi on" in page and " km" not in page.split("Load warning")[1][:200]
