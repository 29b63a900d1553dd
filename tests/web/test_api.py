"""The JSON API contract (DESIGN section 5): auth, ownership, creates, deletes, bad input,
the engine endpoints, accounts and tokens, export/import, health and the OpenAPI docs."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from backstride.core.catalog import load_catalog
from backstride.web import health
from backstride.web.accounts.models import ApiToken, User
from backstride.web.coach import models as m
from tests.factories import profile_data

pytestmark = pytest.mark.django_db

PASSWORD = "long enough pass 42"
_numbers = itertools.count(1)

SESSION = {
    "date": "2026-11-20",
    "sets": [
        {"exercise": "dead_bug", "reps": 10, "pain": 1, "form": "good"},
        {"exercise": "superman", "reps": 8, "pain": 0, "form": "poor"},
    ],
}
CHECKIN = {"date": "2026-11-20", "morning_pain": 2, "red_flags": []}
RUN = {"date": "2026-11-19", "km": 8.5, "minutes": 50.0, "pain_during": 1, "pain_after": None}
BODIES = {"sessions": SESSION, "checkins": CHECKIN, "runs": RUN}


# Plain helpers: a user, a token for them, and a request in JSON.


def make_user(email: str | None = None) -> User:
    email = email or f"api{next(_numbers)}@example.com"
    return User.objects.create_user(email=email, password=PASSWORD)


def token_for(user: User) -> str:
    return ApiToken.issue(user)


def new_token() -> str:
    return token_for(make_user())


def call(method: str, path: str, body: Any = None, token: str | None = None) -> Any:
    """One API request; a str body is sent as it is (for malformed JSON)."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    send = getattr(Client(), method.lower())
    if body is None:
        return send(path, headers=headers)
    data = body if isinstance(body, str) else json.dumps(body)
    return send(path, data, content_type="application/json", headers=headers)


def create(kind: str, token: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    answer = call("POST", f"/api/v1/me/{kind}", body or BODIES[kind], token)
    assert answer.status_code == 201, answer.content
    return dict(answer.json())


def counts() -> dict[str, int]:
    tables = [m.RunnerProfile, m.TrainingSession, m.SetEntry, m.Checkin, m.Run, User]
    return {t.__name__: t.objects.count() for t in tables}


def fields_of(answer: Any) -> list[str]:
    """The fields a 422 names, after checking the answer's shape."""
    assert answer.status_code == 422, answer.content
    detail = answer.json()["detail"]
    assert isinstance(detail, list) and detail
    for item in detail:
        assert set(item) == {"field", "message"}
        assert isinstance(item["message"], str) and item["message"]
    return [item["field"] for item in detail]


# Every endpoint that needs an account, with a body valid enough to reach the auth check.
PRIVATE = [
    ("GET", "/api/v1/me/profile", None),
    ("PUT", "/api/v1/me/profile", profile_data()),
    ("GET", "/api/v1/me/plan", None),
    ("GET", "/api/v1/me/export", None),
    ("POST", "/api/v1/me/import", {"schema_version": 1, "profile": None, "history": {}}),
    ("POST", "/api/v1/auth/logout", None),
    *[("GET", f"/api/v1/me/{kind}", None) for kind in BODIES],
    *[("POST", f"/api/v1/me/{kind}", body) for kind, body in BODIES.items()],
    *[("GET", f"/api/v1/me/{kind}/1", None) for kind in BODIES],
    *[("DELETE", f"/api/v1/me/{kind}/1", None) for kind in BODIES],
]


def expired_token() -> str:
    token = new_token()
    ApiToken.objects.update(expires=timezone.now() - dt.timedelta(seconds=1))
    return token


def no_token() -> None:
    return None


def invalid_token() -> str:
    return "not-a-token"


@pytest.mark.parametrize(("method", "path", "body"), PRIVATE)
@pytest.mark.parametrize("make_token", [no_token, invalid_token, expired_token])
def test_private_endpoints_refuse_a_missing_invalid_or_expired_token(
    method: str, path: str, body: Any, make_token: Callable[[], str | None]
) -> None:
    token = make_token()
    before = counts()
    answer = call(method, path, body, token)
    assert answer.status_code == 401, answer.content
    assert answer.json() == {"detail": "a valid bearer token is required"}
    assert counts() == before


PUBLIC = {"/api/v1/triage", "/api/v1/plan", "/api/v1/auth/signup", "/api/v1/auth/token"}


def test_every_endpoint_in_the_schema_but_the_public_ones_needs_a_token() -> None:
    """Also catches an endpoint added later without auth."""
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    checked = []
    for path, operations in paths.items():
        for method in set(operations) & {"get", "post", "put", "patch", "delete"}:
            answer = call(method, re.sub(r"\{[^}]+\}", "1", path))
            if path in PUBLIC:
                assert answer.status_code != 401, (method, path)
            else:
                assert answer.status_code == 401, (method, path, answer.status_code)
                checked.append((method, path))
    assert len(checked) >= len(PRIVATE)


def test_a_token_of_an_inactive_account_is_refused() -> None:
    user = make_user()
    token = token_for(user)
    User.objects.filter(id=user.id).update(is_active=False)
    assert call("GET", "/api/v1/me/sessions", token=token).status_code == 401


# Creates, reads, lists, deletes and ownership.


@pytest.mark.parametrize("kind", BODIES)
def test_a_create_answers_201_with_the_stored_object_and_its_id(kind: str) -> None:
    token = new_token()
    made = create(kind, token)
    row_id = made.pop("id")
    assert isinstance(row_id, int)
    # Everything sent comes back; what was left out comes back as its default.
    assert {key: made[key] for key in BODIES[kind]} == BODIES[kind]
    assert all(made[key] in (None, []) for key in set(made) - set(BODIES[kind]))
    again = call("GET", f"/api/v1/me/{kind}/{row_id}", token=token)
    assert again.status_code == 200
    assert again.json() == {**made, "id": row_id}


def test_a_stored_session_keeps_every_set_in_order() -> None:
    token = new_token()
    made = create("sessions", token)
    row = m.TrainingSession.objects.get(id=made["id"])
    assert [(s.exercise, s.reps, s.pain, s.form) for s in row.sets.all()] == [
        ("dead_bug", 10, 1, "good"),
        ("superman", 8, 0, "poor"),
    ]


def test_a_run_given_whole_numbers_is_stored_as_numbers() -> None:
    made = create("runs", new_token(), {"date": "2026-11-19", "km": 5, "minutes": 30})
    assert (made["km"], made["minutes"], made["pain_during"]) == (5.0, 30.0, None)


@pytest.mark.parametrize("kind", BODIES)
def test_a_delete_answers_204_then_the_object_is_gone(kind: str) -> None:
    token = new_token()
    made = create(kind, token)
    gone = call("DELETE", f"/api/v1/me/{kind}/{made['id']}", token=token)
    assert gone.status_code == 204
    assert gone.content == b""
    assert call("GET", f"/api/v1/me/{kind}/{made['id']}", token=token).status_code == 404
    assert call("DELETE", f"/api/v1/me/{kind}/{made['id']}", token=token).status_code == 404


def test_deleting_a_session_deletes_its_sets() -> None:
    token = new_token()
    made = create("sessions", token)
    call("DELETE", f"/api/v1/me/sessions/{made['id']}", token=token)
    assert m.SetEntry.objects.count() == 0


@pytest.mark.parametrize("kind", BODIES)
def test_another_accounts_object_answers_404_and_stays(kind: str) -> None:
    owner, stranger = new_token(), new_token()
    made = create(kind, owner)
    path = f"/api/v1/me/{kind}/{made['id']}"
    for method in ("GET", "DELETE"):
        answer = call(method, path, token=stranger)
        assert answer.status_code == 404, (method, answer.content)
        assert "detail" in answer.json()
    assert call("GET", path, token=owner).json() == made


@pytest.mark.parametrize("kind", BODIES)
def test_an_unknown_id_answers_404(kind: str) -> None:
    token = new_token()
    assert call("GET", f"/api/v1/me/{kind}/999999", token=token).status_code == 404
    assert call("DELETE", f"/api/v1/me/{kind}/999999", token=token).status_code == 404


@pytest.mark.parametrize("kind", BODIES)
def test_a_list_is_a_json_array_of_only_ones_own_items(kind: str) -> None:
    mine, theirs = new_token(), new_token()
    assert call("GET", f"/api/v1/me/{kind}", token=mine).json() == []
    # A second entry of another day: the same check-in or run again would ask first (409).
    other_day = {**BODIES[kind], "date": "2026-11-18"}
    own = [create(kind, mine), create(kind, mine, other_day)]
    create(kind, theirs)
    listed = call("GET", f"/api/v1/me/{kind}", token=mine)
    assert listed.status_code == 200
    assert isinstance(listed.json(), list)
    assert sorted(item["id"] for item in listed.json()) == sorted(item["id"] for item in own)
    assert all(item in own for item in listed.json())


# Profile and the derived plan.


def test_the_profile_is_404_until_put_then_read_back() -> None:
    token = new_token()
    assert call("GET", "/api/v1/me/profile", token=token).status_code == 404
    put = call("PUT", "/api/v1/me/profile", profile_data(age=44), token)
    assert put.status_code == 200
    assert put.json()["age"] == 44
    assert call("GET", "/api/v1/me/profile", token=token).json() == put.json()


def test_a_rejected_profile_keeps_the_stored_one() -> None:
    token = new_token()
    call("PUT", "/api/v1/me/profile", profile_data(age=44), token)
    before = counts()
    bad = call("PUT", "/api/v1/me/profile", profile_data(pain={"intensity": 11}), token)
    assert "pain.intensity" in fields_of(bad)
    assert counts() == before
    assert call("GET", "/api/v1/me/profile", token=token).json()["age"] == 44


def test_my_plan_is_404_without_a_profile() -> None:
    assert call("GET", "/api/v1/me/plan", token=new_token()).status_code == 404


def test_my_plan_is_derived_from_the_stored_profile_and_history() -> None:
    token = new_token()
    call("PUT", "/api/v1/me/profile", profile_data(), token)
    create("sessions", token)
    create("checkins", token)
    create("runs", token)
    mine = call("GET", "/api/v1/me/plan?today=2026-11-21", token=token)
    assert mine.status_code == 200
    history = call("GET", "/api/v1/me/export", token=token).json()["history"]
    given = {"profile": profile_data(), "history": history, "today": "2026-11-21"}
    assert mine.json() == call("POST", "/api/v1/plan", given).json()
    assert len(mine.json()["plan"]["strength"]["exercises"]) == 4


def test_my_plan_is_null_after_an_emergency_checkin() -> None:
    token = new_token()
    call("PUT", "/api/v1/me/profile", profile_data(), token)
    create("checkins", token, {**CHECKIN, "red_flags": ["saddle_numbness"]})
    plan = call("GET", "/api/v1/me/plan?today=2026-11-21", token=token).json()
    assert plan["triage"]["level"] == "emergency"
    assert plan["plan"] is None


def test_my_plan_refuses_an_impossible_today() -> None:
    token = new_token()
    call("PUT", "/api/v1/me/profile", profile_data(), token)
    assert fields_of(call("GET", "/api/v1/me/plan?today=2026-02-30", token=token)) == ["today"]


# Bad input: 422 naming the field, and nothing stored.

BAD_INPUT = [
    ("malformed JSON", "checkins", '{"date": "2026-11-20", ', "body"),
    ("not an object", "checkins", "[1, 2]", "body"),
    ("unknown field", "checkins", {**CHECKIN, "mood": "fine"}, "mood"),
    ("pain 11 (check-in)", "checkins", {**CHECKIN, "morning_pain": 11}, "morning_pain"),
    ("pain 11 (run)", "runs", {**RUN, "pain_during": 11}, "pain_during"),
    (
        "pain 11 (set)",
        "sessions",
        {**SESSION, "sets": [{**SESSION["sets"][0], "pain": 11}]},
        "sets[0].pain",
    ),
    ("impossible date (check-in)", "checkins", {**CHECKIN, "date": "2026-02-30"}, "date"),
    ("impossible date (session)", "sessions", {**SESSION, "date": "2026-02-30"}, "date"),
    ("impossible date (run)", "runs", {**RUN, "date": "2026-02-30"}, "date"),
    (
        "unknown exercise",
        "sessions",
        {**SESSION, "sets": [{**SESSION["sets"][0], "exercise": "moon_walk"}]},
        "sets[0].exercise",
    ),
    ("no sets", "sessions", {**SESSION, "sets": []}, "sets"),
    ("unknown red flag", "checkins", {**CHECKIN, "red_flags": ["zombie_bite"]}, "red_flags[0]"),
    ("km 0", "runs", {**RUN, "km": 0}, "km"),
    ("km as text", "runs", {**RUN, "km": "8"}, "km"),
    ("missing date", "runs", {"km": 5, "minutes": 30}, "date"),
]


@pytest.mark.parametrize(
    ("kind", "body", "field"), [case[1:] for case in BAD_INPUT], ids=[c[0] for c in BAD_INPUT]
)
def test_bad_input_answers_422_naming_the_field_and_stores_nothing(
    kind: str, body: Any, field: str
) -> None:
    token = new_token()
    before = counts()
    answer = call("POST", f"/api/v1/me/{kind}", body, token)
    assert field in fields_of(answer)
    assert counts() == before


def test_malformed_json_says_where() -> None:
    answer = call("POST", "/api/v1/me/runs", '{"date": ', new_token())
    [problem] = answer.json()["detail"]
    assert problem["field"] == "body"
    assert problem["message"].startswith("is not valid JSON (line 1, column")


@pytest.mark.parametrize("path", ["/api/v1/me/runs", "/api/v1/me/import"])
def test_a_run_start_near_year_one_is_422_not_a_crash(path: str) -> None:
    token = new_token()
    before = counts()
    run = {**RUN, "date": "1999-01-01", "started_at": "0001-01-01T00:00:00+01:00"}
    body = run if path.endswith("runs") else {"schema_version": 1, "history": {"runs": [run]}}
    answer = call("POST", path, body, token)
    assert answer.status_code == 422
    [problem] = answer.json()["detail"]
    assert problem["field"].endswith("started_at")
    assert "is outside 1900-2100" in problem["message"]
    assert counts() == before


def test_a_body_over_the_cap_is_413_in_json_and_stores_nothing(settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    token = new_token()
    before = counts()
    huge = {**RUN, "source": "x" * (2 * 1024 * 1024)}
    answer = call("POST", "/api/v1/me/runs", huge, token)
    assert answer.status_code == 413
    assert answer.json() == {"detail": [{"field": "body", "message": "is larger than 1 MB"}]}
    assert counts() == before


def test_an_unreadable_multipart_upload_is_422_in_json_not_a_bare_400() -> None:
    answer = Client().post(
        "/api/v1/me/runs/import",
        b"--x\r\nnot a part",
        content_type="multipart/form-data",  # no boundary: Django cannot split it
        headers={"Authorization": f"Bearer {new_token()}"},
    )
    assert answer.status_code == 422, answer.content
    assert answer.json() == {
        "detail": [{"field": "body", "message": "is not valid multipart form data"}]
    }


def test_an_upload_of_too_many_form_fields_is_413_in_json(settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 2
    fields = {f"note{n}": "x" for n in range(3)}
    answer = Client().post(
        "/api/v1/me/runs/import", fields, headers={"Authorization": f"Bearer {new_token()}"}
    )
    assert answer.status_code == 413, answer.content
    assert answer.json() == {
        "detail": [{"field": "body", "message": "holds more than 2 form fields"}]
    }


def test_a_rejected_import_stores_nothing_not_even_its_valid_parts() -> None:
    token = new_token()
    call("PUT", "/api/v1/me/profile", profile_data(age=44), token)
    before = counts()
    bad = {
        "schema_version": 1,
        "profile": profile_data(age=50),
        "history": {"checkins": [CHECKIN], "runs": [RUN, {**RUN, "km": 0}]},
    }
    assert fields_of(call("POST", "/api/v1/me/import", bad, token)) == ["history.runs[1].km"]
    assert counts() == before
    assert call("GET", "/api/v1/me/profile", token=token).json()["age"] == 44


def test_a_non_numeric_id_is_422_not_a_crash() -> None:
    answer = call("GET", "/api/v1/me/runs/first", token=new_token())
    assert fields_of(answer) == ["item_id"]
    assert answer.json()["detail"][0]["message"] == "must be a whole number"


# Triage and plan with no account.


def test_triage_needs_no_account() -> None:
    answer = call("POST", "/api/v1/triage", {"profile": profile_data()})
    assert answer.status_code == 200
    assert answer.json() == {"level": "self_manage", "reasons": [], "cautions": []}


def test_plan_needs_no_account_and_gives_the_strength_four() -> None:
    answer = call("POST", "/api/v1/plan", {"profile": profile_data(), "today": "2026-11-21"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["triage"]["level"] == "self_manage"
    assert len(body["plan"]["strength"]["exercises"]) == 4


def test_the_plan_carries_the_time_of_each_exercise_block_and_todays_session() -> None:
    """DESIGN section 5, 'Time': the estimates travel in the plan JSON and the schema."""
    body = call("POST", "/api/v1/plan", {"profile": profile_data(), "today": "2026-11-21"}).json()
    plan = body["plan"]
    assert plan["today"] == 6  # 21 Nov 2026 is a Saturday
    for block in ("strength", "mobility"):
        assert isinstance(plan[block]["minutes"], float)
        assert all(isinstance(e["minutes"], float) for e in plan[block]["exercises"])
    assert all(isinstance(e["minutes"], float) for e in plan["extras"])
    session = plan["session"]
    assert set(session) == {"minutes", "fits", "note", "items"}
    assert session["minutes"] <= profile_data()["minutes_per_session"]
    assert session["fits"] is False and session["note"]
    for item in session["items"]:
        assert set(item) == {"id", "block", "minutes", "sets"}
    schema = openapi()["components"]["schemas"]
    assert {"session", "today"} <= set(schema["Plan"]["required"])
    assert set(schema["TodaySession"]["properties"]) == {"minutes", "fits", "note", "items"}
    assert "minutes" in schema["StrengthItem"]["required"]
    assert "minutes" in schema["DoseItem"]["required"]


def test_an_emergency_sign_gives_no_plan() -> None:
    answer = call("POST", "/api/v1/plan", {"profile": profile_data(red_flags=["saddle_numbness"])})
    assert answer.status_code == 200
    assert answer.json()["triage"]["level"] == "emergency"
    assert answer.json()["plan"] is None
    triaged = call(
        "POST", "/api/v1/triage", {"profile": profile_data(red_flags=["serious_trauma"])}
    )
    assert triaged.json()["level"] == "emergency"


def test_an_emergency_checkin_in_the_history_gives_no_plan() -> None:
    history = {
        "checkins": [
            {"date": "2026-11-20", "morning_pain": 3, "red_flags": ["bladder_or_bowel_change"]}
        ]
    }
    given = {"profile": profile_data(), "history": history, "today": "2026-11-21"}
    body = call("POST", "/api/v1/plan", given).json()
    assert (body["triage"]["level"], body["plan"]) == ("emergency", None)


def test_a_see_doctor_sign_gives_no_plan_until_a_clinician_clears_it() -> None:
    flagged = profile_data(red_flags=["night_pain"])
    body = call("POST", "/api/v1/plan", {"profile": flagged}).json()
    assert (body["triage"]["level"], body["plan"]) == ("see_doctor", None)
    assert [r["code"] for r in body["triage"]["reasons"]] == ["night_pain"]
    cleared = call("POST", "/api/v1/plan", {"profile": {**flagged, "cleared_by_clinician": True}})
    assert cleared.json()["triage"]["level"] == "self_manage"
    assert cleared.json()["plan"] is not None


def test_triage_v2_reasons_say_how_soon_and_referrals_keep_the_plan() -> None:
    flags = ["fever_or_unwell", "cancer_history"]
    body = call("POST", "/api/v1/triage", {"profile": profile_data(red_flags=flags)}).json()
    assert body["level"] == "urgent"
    assert [(r["code"], r["level"], r["act"]) for r in body["reasons"]] == [
        ("fever_or_unwell", "urgent", "today"),
        ("cancer_history", "see_doctor", "soon"),
    ]
    lasting = profile_data(pain={"weeks": 8, "trend": "same"})
    plan = call("POST", "/api/v1/plan", {"profile": lasting, "today": "2026-11-21"}).json()
    assert plan["triage"]["level"] == "self_manage" and plan["plan"] is not None
    assert {"code": "persistent_pain", "referral": True}.items() <= plan["triage"]["cautions"][
        0
    ].items()


def test_a_dated_clearance_lifts_what_it_covers_and_a_later_sign_holds_again() -> None:
    clearance = {"on": "2026-11-10", "by": "Dr Rao", "covers": ["fever_or_unwell"]}
    profile = profile_data(red_flags=["fever_or_unwell"], clearance=clearance)
    before = {
        "checkins": [{"date": "2026-11-09", "morning_pain": 2, "red_flags": ["fever_or_unwell"]}]
    }
    after = {
        "runs": [{"date": "2026-11-12", "km": 5, "minutes": 30, "red_flags": ["fever_or_unwell"]}]
    }
    for history, level in ((before, "self_manage"), (after, "urgent")):
        given = {"profile": profile, "history": history, "today": "2026-11-21"}
        assert call("POST", "/api/v1/triage", given).json()["level"] == level


@pytest.mark.parametrize(
    ("clearance", "problem"),
    [
        ({"on": "2026-11-10", "covers": ["saddle_numbness"]}, "emergency sign"),
        ({"on": "2026-11-10", "covers": ["feeling_odd"]}, "unknown reason code"),
        ({"on": "2026-11-10", "covers": []}, "at least 1"),
        ({"on": "2026-11-10", "covers": ["night_pain"], "who": "x"}, "not a known field"),
        ({"on": "2026-11-22", "covers": ["night_pain"]}, "after today"),
    ],
)
def test_a_bad_clearance_is_a_422_naming_it(clearance: dict[str, Any], problem: str) -> None:
    given = {"profile": profile_data(clearance=clearance), "today": "2026-11-21"}
    for path in ("/api/v1/triage", "/api/v1/plan"):
        answer = call("POST", path, given)
        assert answer.status_code == 422
        detail = answer.json()["detail"]
        assert any("clearance" in d["field"] and problem in d["message"] for d in detail), detail


def test_a_profile_with_a_clearance_after_today_is_not_stored() -> None:
    token = new_token()
    future = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    profile = profile_data(clearance={"on": future, "covers": ["night_pain"]})
    answer = call("PUT", "/api/v1/me/profile", profile, token=token)
    assert answer.status_code == 422 and "after today" in answer.json()["detail"][0]["message"]
    assert call("GET", "/api/v1/me/profile", token=token).status_code == 404


@pytest.mark.parametrize("path", ["/api/v1/triage", "/api/v1/plan"])
def test_engine_endpoints_name_the_bad_field(path: str) -> None:
    bad = {"profile": profile_data(pain={"intensity": 11}), "today": "2026-02-30"}
    assert sorted(fields_of(call("POST", path, bad))) == ["profile.pain.intensity", "today"]
    assert fields_of(call("POST", path, "{oops")) == ["body"]
    assert fields_of(call("POST", path, {"profile": profile_data(), "extra": 1})) == ["extra"]


# Accounts and tokens.


def test_signup_answers_201_with_the_account() -> None:
    answer = call("POST", "/api/v1/auth/signup", {"email": "New@Example.com", "password": PASSWORD})
    assert answer.status_code == 201
    user = User.objects.get()
    assert answer.json() == {"id": user.id, "email": "new@example.com"}
    assert user.check_password(PASSWORD)


def test_signup_with_a_taken_email_is_422_and_adds_no_one() -> None:
    make_user("taken@example.com")
    before = counts()
    again = call(
        "POST", "/api/v1/auth/signup", {"email": "TAKEN@example.com", "password": PASSWORD}
    )
    assert fields_of(again) == ["email"]
    assert counts() == before


@pytest.mark.parametrize("password", ["12345678", "short", "password"])
def test_signup_with_a_weak_password_is_422_and_adds_no_one(password: str) -> None:
    answer = call("POST", "/api/v1/auth/signup", {"email": "w@example.com", "password": password})
    assert set(fields_of(answer)) == {"password"}
    assert not User.objects.exists()


def test_signup_with_a_bad_email_is_422() -> None:
    answer = call("POST", "/api/v1/auth/signup", {"email": "not an email", "password": PASSWORD})
    assert fields_of(answer) == ["email"]
    assert not User.objects.exists()


def test_a_token_is_issued_for_the_right_password_and_works() -> None:
    make_user("t@example.com")
    answer = call("POST", "/api/v1/auth/token", {"email": " T@example.com ", "password": PASSWORD})
    assert answer.status_code == 200
    token = answer.json()["token"]
    assert call("GET", "/api/v1/me/sessions", token=token).status_code == 200


def test_a_wrong_password_or_unknown_email_is_401() -> None:
    make_user("t@example.com")
    for email, password in [("t@example.com", "wrong password 1"), ("who@example.com", PASSWORD)]:
        answer = call("POST", "/api/v1/auth/token", {"email": email, "password": password})
        assert answer.status_code == 401
        assert answer.json() == {"detail": "wrong email or password"}
    assert not ApiToken.objects.exists()


def test_five_failures_lock_the_account_even_against_the_right_password() -> None:
    make_user("lock@example.com")
    wrong = {"email": "lock@example.com", "password": "not the password"}
    answers = [call("POST", "/api/v1/auth/token", wrong).status_code for _ in range(5)]
    assert answers[:4] == [401] * 4
    assert answers[4] in (401, 429)
    right = call("POST", "/api/v1/auth/token", {"email": "lock@example.com", "password": PASSWORD})
    assert right.status_code == 429
    assert "too many failed attempts" in right.json()["detail"]
    assert not ApiToken.objects.exists()


def test_logout_revokes_only_the_token_it_carries() -> None:
    user = make_user()
    first, second = token_for(user), token_for(user)
    assert call("POST", "/api/v1/auth/logout", token=first).status_code == 204
    assert call("GET", "/api/v1/me/sessions", token=first).status_code == 401
    assert call("POST", "/api/v1/auth/logout", token=first).status_code == 401
    assert call("GET", "/api/v1/me/sessions", token=second).status_code == 200


def test_tokens_are_stored_only_as_a_hash() -> None:
    make_user("h@example.com")
    token = call("POST", "/api/v1/auth/token", {"email": "h@example.com", "password": PASSWORD})
    clear = token.json()["token"]
    row = ApiToken.objects.get()
    assert row.digest == hashlib.sha256(clear.encode()).hexdigest()
    stored = [str(v) for v in ApiToken.objects.values_list().get()]
    assert all(clear not in value for value in stored)
    assert not ApiToken.objects.filter(digest=clear).exists()


# Export and import.


def import_history(token: str, history: dict[str, Any]) -> None:
    answer = call("POST", "/api/v1/me/import", {"schema_version": 1, "history": history}, token)
    assert answer.status_code == 200, answer.content


def filled_account() -> str:
    """A runner with a profile and a history, same-day items included."""
    token = new_token()
    call("PUT", "/api/v1/me/profile", profile_data(age=47), token)
    create("sessions", token)
    create("sessions", token, {**SESSION, "sets": [SESSION["sets"][1]]})
    create("sessions", token, {**SESSION, "date": "2026-11-18"})
    create("checkins", token)
    # A day's second check-in replaces its first through the API; an import keeps both.
    same_day = {**CHECKIN, "morning_pain": 4, "red_flags": ["night_pain"]}
    import_history(token, {"checkins": [same_day]})
    create("checkins", token, {**CHECKIN, "date": "2026-11-17", "morning_pain": 0})
    create("runs", token)
    create("runs", token, {**RUN, "km": 3.2, "minutes": 20.5, "pain_during": None})
    create("runs", token, {**RUN, "date": "2026-11-01", "pain_after": 2})
    from_file = {**RUN, "minutes": None, "started_at": "2026-11-02T07:30:00Z"}
    create("runs", token, {**from_file, "date": "2026-11-02"})
    return token


def test_the_export_holds_the_profile_and_the_whole_history() -> None:
    exported = call("GET", "/api/v1/me/export", token=filled_account())
    assert exported.status_code == 200
    body = exported.json()
    assert body["schema_version"] == 1
    assert body["profile"]["age"] == 47
    assert [len(body["history"][k]) for k in ("sessions", "checkins", "runs")] == [3, 3, 4]
    assert "id" not in json.dumps(body["history"])


def test_an_export_imported_into_another_account_exports_the_same() -> None:
    exported = call("GET", "/api/v1/me/export", token=filled_account()).json()
    other = new_token()
    answer = call("POST", "/api/v1/me/import", exported, other)
    assert answer.status_code == 200
    assert answer.json() == {"added": {"sessions": 3, "checkins": 3, "runs": 4}}
    assert call("GET", "/api/v1/me/export", token=other).json() == exported


def test_importing_twice_adds_nothing_the_second_time() -> None:
    exported = call("GET", "/api/v1/me/export", token=filled_account()).json()
    other = new_token()
    call("POST", "/api/v1/me/import", exported, other)
    before = counts()
    again = call("POST", "/api/v1/me/import", exported, other)
    assert again.json() == {"added": {"sessions": 0, "checkins": 0, "runs": 0}}
    assert counts() == before
    assert call("GET", "/api/v1/me/export", token=other).json() == exported


def test_identical_entries_survive_an_export_and_import_one_for_one() -> None:
    token = new_token()
    create("sessions", token)
    create("sessions", token)
    create("runs", token)
    create("runs", token, {**RUN, "different_run": True})
    # Only an import stores a day's second check-in beside its first.
    import_history(token, {"checkins": [CHECKIN, CHECKIN]})
    exported = call("GET", "/api/v1/me/export", token=token).json()
    assert [len(exported["history"][k]) for k in ("sessions", "checkins", "runs")] == [2, 2, 2]
    other = new_token()
    answer = call("POST", "/api/v1/me/import", exported, other)
    assert answer.json() == {"added": {"sessions": 2, "checkins": 2, "runs": 2}}
    assert call("GET", "/api/v1/me/export", token=other).json() == exported
    again = call("POST", "/api/v1/me/import", exported, other)
    assert again.json() == {"added": {"sessions": 0, "checkins": 0, "runs": 0}}


def test_an_import_of_too_many_entries_is_refused_and_stores_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from backstride.web.api import schemas

    monkeypatch.setattr(schemas, "MAX_IMPORT_ENTRIES", 2)
    token = new_token()
    before = counts()
    checkins = [{**CHECKIN, "date": f"2026-11-0{d}"} for d in range(1, 4)]
    answer = call("POST", "/api/v1/me/import", {"history": {"checkins": checkins}}, token)
    assert answer.status_code == 422
    assert answer.json()["detail"] == [
        {"field": "history", "message": "holds 3 checkins; import at most 2 at a time"}
    ]
    assert counts() == before


def test_an_import_never_deletes_and_keeps_the_profile_when_it_has_none() -> None:
    token = new_token()
    call("PUT", "/api/v1/me/profile", profile_data(age=61), token)
    mine = create("runs", token, {**RUN, "date": "2026-10-10"})
    given = {"schema_version": 1, "profile": None, "history": {"checkins": [CHECKIN]}}
    answer = call("POST", "/api/v1/me/import", given, token)
    assert answer.json() == {"added": {"sessions": 0, "checkins": 1, "runs": 0}}
    assert call("GET", f"/api/v1/me/runs/{mine['id']}", token=token).json() == mine
    assert call("GET", "/api/v1/me/profile", token=token).json()["age"] == 61
    empty = {"schema_version": 1, "history": {"sessions": [], "checkins": [], "runs": []}}
    call("POST", "/api/v1/me/import", empty, token)
    assert len(call("GET", "/api/v1/me/checkins", token=token).json()) == 1


def test_the_same_run_from_another_file_is_imported_once() -> None:
    token = new_token()
    create("runs", token, {**RUN, "minutes": None, "started_at": "2026-11-19T07:00:00Z"})
    twin = {**RUN, "km": 8.55, "minutes": 49.0, "started_at": "2026-11-19T07:00:40Z"}
    evening = {**RUN, "started_at": "2026-11-19T18:00:00Z"}
    given = {"schema_version": 1, "history": {"runs": [twin, evening]}}
    answer = call("POST", "/api/v1/me/import", given, token)
    assert answer.json() == {"added": {"sessions": 0, "checkins": 0, "runs": 1}}


# Health and documentation.


def test_healthz_answers_ok_when_the_database_does() -> None:
    answer = Client().get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok"}


def test_healthz_answers_503_when_the_database_does_not(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.db import DatabaseError

    class Broken:
        def cursor(self) -> Any:
            raise DatabaseError("gone")

    monkeypatch.setattr(health, "connection", Broken())
    answer = Client().get("/healthz")
    assert answer.status_code == 503
    assert answer.json() == {"status": "unavailable"}


def test_the_openapi_schema_lists_every_path() -> None:
    answer = Client().get("/api/v1/openapi.json")
    assert answer.status_code == 200
    paths = answer.json()["paths"]
    expected = {
        "/api/v1/triage": {"post"},
        "/api/v1/plan": {"post"},
        "/api/v1/auth/signup": {"post"},
        "/api/v1/auth/token": {"post"},
        "/api/v1/auth/logout": {"post"},
        "/api/v1/me/profile": {"get", "put"},
        "/api/v1/me/plan": {"get"},
        "/api/v1/me/export": {"get"},
        "/api/v1/me/import": {"post"},
        **{f"/api/v1/me/{kind}": {"get", "post"} for kind in BODIES},
        **{f"/api/v1/me/{kind}/{{item_id}}": {"get", "delete"} for kind in BODIES},
    }
    assert {path: set(paths.get(path, {})) for path in expected} == expected


def openapi() -> dict[str, Any]:
    return dict(Client().get("/api/v1/openapi.json").json())


def body_model(answer: dict[str, Any]) -> str:
    """The component a response or request body refers to."""
    return str(answer["content"]["application/json"]["schema"]["$ref"]).rpartition("/")[2]


def test_every_operation_lists_the_error_answers_it_can_give() -> None:
    """The answers of the handlers in router.py, where each can be reached; schemathesis
    (test_schemathesis.py) checks the other way round, that no answer is left unlisted."""
    checked = 0
    for path, operations in openapi()["paths"].items():
        for method, operation in operations.items():
            answers = operation["responses"]
            errors = {code: body_model(a) for code, a in answers.items() if code.startswith("4")}
            expected = {}
            if "security" in operation:
                expected["401"] = "Problem"
            if "requestBody" in operation:
                expected |= {"413": "FieldErrors", "422": "FieldErrors"}
            if operation["parameters"]:
                expected["422"] = "FieldErrors"
            if "{item_id}" in path:
                expected["404"] = "Problem"
            assert expected.items() <= errors.items(), (method, path, errors)
            checked += 1
    assert checked >= len(PRIVATE) + len(PUBLIC)
    token = openapi()["paths"]["/api/v1/auth/token"]["post"]["responses"]
    assert body_model(token["401"]) == body_model(token["429"]) == "Problem"


@pytest.mark.parametrize(
    ("day", "accepted"),
    [("1900-01-01", True), ("2100-12-31", True), ("1899-12-31", False), ("2101-01-01", False)],
)
def test_dates_in_the_schema_bound_the_years_as_the_server_does(day: str, accepted: bool) -> None:
    schema = openapi()
    stored = schema["components"]["schemas"]["Session"]["properties"]["date"]
    [query] = schema["paths"]["/api/v1/me/plan"]["get"]["parameters"]
    patterns = {stored["pattern"], *(s.get("pattern") for s in query["schema"]["anyOf"])} - {None}
    assert len(patterns) == 1
    assert bool(re.match(patterns.pop(), day)) is accepted
    answer = call("POST", "/api/v1/triage", {"profile": profile_data(), "today": day})
    assert answer.status_code == (200 if accepted else 422), answer.content


def test_set_exercises_in_the_schema_are_the_catalog_ids() -> None:
    exercise = openapi()["components"]["schemas"]["SetLog"]["properties"]["exercise"]
    assert exercise["type"] == "string"
    assert exercise["enum"] == sorted(load_catalog().exercises)
    assert "dead_bug" in exercise["enum"] and "plank" not in exercise["enum"]


def test_the_signup_password_states_the_rules_the_server_enforces() -> None:
    schema = openapi()
    signup = schema["paths"]["/api/v1/auth/signup"]["post"]["requestBody"]
    password = schema["components"]["schemas"][body_model(signup)]["properties"]["password"]
    low, high = password["minLength"], password["maxLength"]
    assert (low, high) == (8, 200)
    assert "control characters" in password["description"]
    assert "only spaces" in password["description"]
    for length in (low - 1, low, high, high + 1):
        given = {"email": f"len{length}@example.com", "password": ("runner pass " * 20)[:length]}
        answer = call("POST", "/api/v1/auth/signup", given)
        assert answer.status_code == (201 if low <= length <= high else 422), (length, answer)


def test_the_api_docs_answer_without_any_cdn() -> None:
    answer = Client().get("/api/v1/docs")
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "swagger" in page.lower()
    for outside in ("cdn.", "jsdelivr", "unpkg", "//fonts."):
        assert outside not in page


@pytest.mark.django_db
def test_an_unknown_exercise_in_a_session_is_one_field_error() -> None:
    from backstride.web.accounts.models import ApiToken
    from tests.web.helpers import runner

    _, user = runner()
    token = ApiToken.issue(user)
    body = {
        "date": "2026-01-02",
        "sets": [{"exercise": "plank", "reps": 8, "pain": 0, "form": "good"}],
    }
    response = Client().post(
        "/api/v1/me/sessions",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"field": "sets[0].exercise", "message": "unknown exercise id 'plank'"}
    ]


@pytest.mark.django_db
def test_a_body_nested_thousands_deep_is_a_422_not_a_crash() -> None:
    response = Client().post("/api/v1/plan", "[" * 100_000, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "body"


@pytest.mark.parametrize(
    ("method", "path", "status", "message"),
    [
        ("GET", "/api/v1/nope", 404, "GET /api/v1/nope: there is no such endpoint"),
        ("GET", "/api/v1/triage", 405, "GET /api/v1/triage: this method is not allowed here"),
        ("PUT", "/api/v1/me/runs/1", 405, "use DELETE, GET"),
    ],
)
def test_every_api_error_is_json(method: str, path: str, status: int, message: str) -> None:
    answer = call(method, path, token=new_token())
    assert answer.status_code == status
    assert answer["Content-Type"].startswith("application/json")
    assert message in answer.json()["detail"]
    if status == 405:
        assert answer["Allow"]
