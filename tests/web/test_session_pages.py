"""The whole guided session without JavaScript: strength sets, then each other item done or
skipped by a plain form post, each saved once however often it is sent, and a summary that
stores how the back feels, which the export and the API carry."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from backstride.core.session_flow import Step, todays_steps
from backstride.core.vocab import RED_FLAGS
from backstride.web.accounts.models import ApiToken, User
from backstride.web.coach import derived, selectors
from backstride.web.coach import models as m
from tests.web.helpers import runner

pytestmark = pytest.mark.django_db
# A long session with a loop band: mobility with holds per side, and optional extras, every day.
LONG = {"minutes_per_session": 90, "equipment": ["mat", "loop_band"]}


def today() -> dt.date:
    return timezone.localdate()


def long_runner() -> tuple[Client, User]:
    return runner(**LONG)


def steps_of(user: User) -> list[Step]:
    found = derived.day_start_of(user, today())
    assert found is not None and found.plan is not None
    return todays_steps(found.plan)


def first(user: User, *, block: str | None = None, held: bool | None = None) -> Step:
    return next(
        s
        for s in steps_of(user)
        if (block is None or s.block == block)
        and (held is None or (s.hold_seconds is not None) == held)
    )


def post_set(client: Client, exercise: str, number: int, pain: int = 0) -> Any:
    data = {"exercise": exercise, "set_number": number, "reps": 8, "pain": pain, "form_ok": "yes"}
    return client.post("/session/set/", data)


def post_item(client: Client, exercise: str | list[str], outcome: str) -> Any:
    return client.post("/session/item/", {"exercise": exercise, "outcome": outcome})


def do_strength(client: Client, user: User) -> None:
    for step in steps_of(user):
        if step.is_strength:
            for number in range(1, step.sets + 1):
                post_set(client, step.id, number)


def do_everything(client: Client, user: User) -> None:
    do_strength(client, user)
    for step in steps_of(user):
        if not step.is_strength:
            post_item(client, step.id, "done")


def items_of(user: User) -> list[tuple[str, str]]:
    return list(
        m.ItemEntry.objects.filter(session__user=user)
        .order_by("id")
        .values_list("exercise", "outcome")
    )


def page(client: Client, path: str = "/session/") -> str:
    answer = client.get(path)
    assert answer.status_code == 200
    return answer.content.decode()


def test_after_the_strength_block_the_mobility_block_comes_one_item_at_a_time() -> None:
    client, user = long_runner()
    do_strength(client, user)
    drill = first(user, block="mobility")
    shown = page(client)
    assert f"<h1>{drill.name}</h1>" in shown
    assert "Mobility" in shown and "How to do it" in shown
    assert 'name="outcome" value="done"' in shown and 'name="outcome" value="skipped"' in shown
    assert "Save set" not in shown


def test_done_by_a_plain_form_post_is_saved_and_the_next_item_follows() -> None:
    client, user = long_runner()
    do_strength(client, user)
    drill = first(user, block="mobility")
    answer = post_item(client, drill.id, "done")
    assert answer.status_code == 302 and answer["Location"] == "/session/"
    assert items_of(user) == [(drill.id, "done")]
    after = steps_of(user)[steps_of(user).index(drill) + 1]
    assert f"<h1>{after.name}</h1>" in page(client)


def test_a_hold_per_side_shows_each_side_and_its_seconds() -> None:
    client, user = long_runner()
    do_strength(client, user)
    held = first(user, held=True)
    for step in steps_of(user):
        if step == held:
            break
        if not step.is_strength:
            post_item(client, step.id, "done")
    shown = page(client)
    assert f"<h1>{held.name}</h1>" in shown
    assert "left side: 30 s" in shown and "right side: 30 s" in shown
    assert "data-holds-start" in shown


def test_a_double_tap_or_a_retry_is_saved_once() -> None:
    client, user = long_runner()
    do_strength(client, user)
    drill = first(user, block="mobility")
    for outcome in ("done", "done", "skipped"):
        assert post_item(client, drill.id, outcome).status_code == 302
    assert items_of(user) == [(drill.id, "done")]


def test_a_set_beyond_those_offered_today_is_refused_and_not_stored() -> None:
    client, user = long_runner()
    lead = next(s for s in steps_of(user) if s.is_strength)
    for number in range(1, lead.sets + 1):
        assert post_set(client, lead.id, number).status_code == 302
    extra = post_set(client, lead.id, lead.sets + 1)
    assert extra.status_code == 400 and "they are all saved" in extra.content.decode()
    assert m.SetEntry.objects.filter(session__user=user, exercise=lead.id).count() == lead.sets


def test_skipping_a_strength_exercise_logs_no_sets_and_says_so() -> None:
    client, user = long_runner()
    lead, second = [s for s in steps_of(user) if s.is_strength][:2]
    answer = post_item(client, lead.id, "skipped")
    assert answer.status_code == 302
    assert not m.SetEntry.objects.filter(session__user=user).exists()
    assert items_of(user) == [(lead.id, "skipped")]
    shown = page(client)
    assert "no more sets are logged for it today" in shown
    assert f"<h1>{second.name}</h1>" in shown and "Set 1 of" in shown
    # A set sent later from a page opened before the skip is refused: the skip logs nothing.
    late = post_set(client, lead.id, 1)
    assert late.status_code == 400 and "you skipped this exercise today" in late.content.decode()
    assert not m.SetEntry.objects.filter(session__user=user).exists()


def test_the_skip_button_says_what_a_skip_means() -> None:
    client, user = long_runner()
    shown = page(client)
    assert "Skip this exercise" in shown and "Nothing is logged for it today" in shown
    lead = first(user, block="strength")
    post_set(client, lead.id, 1)
    assert "Skip the sets left" in page(client)


def test_a_strength_exercise_is_not_ticked_done_without_its_sets() -> None:
    client, user = long_runner()
    answer = post_item(client, first(user, block="strength").id, "done")
    assert answer.status_code == 400
    assert "save each set, or skip it" in answer.content.decode()
    assert items_of(user) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"exercise": "cat_cow", "outcome": "maybe"}, "Done or skip: must be done or skipped"),
        ({"exercise": "cat_cow"}, "Done or skip: must be done or skipped"),
        ({"exercise": "wall_lat_pulldown", "outcome": "done"}, "is not in today&#x27;s session"),
        ({"exercise": "no_such_thing", "outcome": "done"}, "is not in today&#x27;s session"),
        ({"outcome": "done"}, "Exercise: choose one item"),
        ({"exercise": ["cat_cow"] * 41, "outcome": "done"}, "Exercise: choose one item"),
    ],
)
def test_bad_item_input_is_refused_with_a_message_and_nothing_is_stored(
    data: dict[str, Any], message: str
) -> None:
    client, user = long_runner()
    answer = client.post("/session/item/", data)
    assert answer.status_code == 400
    assert message in answer.content.decode()
    assert not m.TrainingSession.objects.filter(user=user).exists()


def test_the_session_routes_take_posts_only_and_a_login() -> None:
    client, _ = long_runner()
    assert client.get("/session/item/").status_code == 405
    assert client.get("/session/feeling/").status_code == 405
    anonymous = Client().post("/session/item/", {"exercise": "cat_cow", "outcome": "done"})
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_the_extras_are_labelled_optional_and_can_be_left_out_together() -> None:
    client, user = long_runner()
    do_strength(client, user)
    for step in steps_of(user):
        if not step.is_strength and not step.optional:
            post_item(client, step.id, "done")
    extras = [s.id for s in steps_of(user) if s.optional]
    shown = page(client)
    assert "Optional extra" in shown and "Finish now, without the extras" in shown
    answer = post_item(client, extras, "skipped")
    assert answer.status_code == 302
    assert [e for e, o in items_of(user) if o == "skipped"] == extras
    assert "Session complete" in page(client)


def test_the_summary_lists_what_was_done_and_asks_how_the_back_feels() -> None:
    client, user = long_runner()
    skipped = first(user, block="mobility")
    do_strength(client, user)
    for step in steps_of(user):
        if not step.is_strength:
            post_item(client, step.id, "skipped" if step == skipped else "done")
    shown = page(client)
    assert "Session complete" in shown and "Time taken: about" in shown
    assert f"<strong>{skipped.name}</strong>: skipped" in shown
    lead = first(user, block="strength")
    assert f"<strong>{lead.name}</strong>: {lead.sets} sets" in shown
    assert "How does your back feel now? (0 no pain, 10 the worst you can imagine)" in shown
    assert 'name="feeling_after"' in shown


def test_the_feeling_is_stored_with_the_session_and_a_resend_changes_nothing() -> None:
    client, user = long_runner()
    do_everything(client, user)
    answer = client.post("/session/feeling/", {"feeling_after": "2"})
    assert answer.status_code == 302
    (row,) = m.TrainingSession.objects.filter(user=user)
    assert row.feeling_after == 2
    version = selectors.data_version_of(user)
    client.post("/session/feeling/", {"feeling_after": "2"})
    assert selectors.data_version_of(user) == version
    assert "Saved with today's session: 2/10" in page(client)
    client.post("/session/feeling/", {"feeling_after": "1"})
    assert m.TrainingSession.objects.get(user=user).feeling_after == 1


@pytest.mark.parametrize("value", ["", "11", "-1", "2.5", "two", "²", "9" * 400])
def test_a_feeling_outside_0_to_10_is_refused_and_nothing_is_stored(value: str) -> None:
    client, user = long_runner()
    do_everything(client, user)
    answer = client.post("/session/feeling/", {"feeling_after": value})
    assert answer.status_code == 400
    assert "Choose a number from 0 (no pain) to 10" in answer.content.decode()
    assert m.TrainingSession.objects.get(user=user).feeling_after is None


def test_a_feeling_with_nothing_saved_today_is_refused() -> None:
    client, user = long_runner()
    answer = client.post("/session/feeling/", {"feeling_after": "3"})
    assert answer.status_code == 400
    assert "nothing is saved today yet" in answer.content.decode()
    assert not m.TrainingSession.objects.filter(user=user).exists()


def test_a_warning_sign_since_the_page_loaded_stops_the_session_writes() -> None:
    client, user = long_runner()
    client.post("/check-in/1/", {**{f: "no" for f in RED_FLAGS}, "fever_or_unwell": "yes"})
    for answer in (
        post_item(client, "cat_cow", "done"),
        client.post("/session/feeling/", {"feeling_after": "2"}),
    ):
        assert answer["Location"] == "/check-in/see-a-doctor/"
    assert not m.TrainingSession.objects.filter(user=user).exists()


# The feeling and the items in the history, the export and the API


def token_of(user: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {ApiToken.issue(user)}"}


def test_the_export_holds_the_feeling_and_the_items_and_imports_the_same() -> None:
    client, user = long_runner()
    drill = first(user, block="mobility")
    do_strength(client, user)
    post_item(client, drill.id, "skipped")
    client.post("/session/feeling/", {"feeling_after": "3"})
    exported = Client().get("/api/v1/me/export", headers=token_of(user)).json()
    (session,) = exported["history"]["sessions"]
    assert session["feeling_after"] == 3
    assert session["items"] == [{"exercise": drill.id, "outcome": "skipped"}]
    _, other = runner(with_profile=False)
    body = json.dumps(exported)
    imported = Client().post(
        "/api/v1/me/import", body, content_type="application/json", headers=token_of(other)
    )
    assert imported.status_code == 200
    assert Client().get("/api/v1/me/export", headers=token_of(other)).json() == exported
    again = Client().post(
        "/api/v1/me/import", body, content_type="application/json", headers=token_of(other)
    )
    assert again.json()["added"]["sessions"] == 0


def test_an_older_export_of_a_session_rated_since_is_not_imported_again() -> None:
    client, user = long_runner()
    do_strength(client, user)
    older = Client().get("/api/v1/me/export", headers=token_of(user)).json()
    client.post("/session/feeling/", {"feeling_after": "3"})
    answer = Client().post(
        "/api/v1/me/import",
        json.dumps(older),
        content_type="application/json",
        headers=token_of(user),
    )
    assert answer.json()["added"]["sessions"] == 0
    assert m.TrainingSession.objects.get(user=user).feeling_after == 3


API_SESSION = {
    "date": "2026-11-20",
    "sets": [{"exercise": "superman", "reps": 8, "pain": 1, "form": "good"}],
    "feeling_after": 2,
    "items": [{"exercise": "cat_cow", "outcome": "done"}],
}


def api_post(user: User, body: Any) -> Any:
    return Client().post(
        "/api/v1/me/sessions",
        json.dumps(body),
        content_type="application/json",
        headers=token_of(user),
    )


def test_the_api_stores_and_answers_the_feeling_and_the_items() -> None:
    _, user = long_runner()
    created = api_post(user, API_SESSION)
    assert created.status_code == 201
    assert {k: v for k, v in created.json().items() if k != "id"} == API_SESSION
    got = Client().get(f"/api/v1/me/sessions/{created.json()['id']}", headers=token_of(user))
    assert got.json() == created.json()
    mobility_only = {"date": "2026-11-20", "sets": [], "items": API_SESSION["items"]}
    assert api_post(user, mobility_only).status_code == 201


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"feeling_after": 11}, "feeling_after"),
        ({"feeling_after": -1}, "feeling_after"),
        ({"items": [{"exercise": "cat_cow", "outcome": "half"}]}, "items[0].outcome"),
        ({"sets": [], "items": []}, "sets"),
    ],
)
def test_the_api_refuses_a_bad_feeling_or_item_and_stores_nothing(
    change: dict[str, Any], field: str
) -> None:
    _, user = long_runner()
    answer = api_post(user, {**API_SESSION, **change})
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["detail"]] == [field]
    assert not m.TrainingSession.objects.filter(user=user).exists()


def test_a_mobility_only_session_leaves_the_plan_as_it_was() -> None:
    client, user = long_runner()
    before = derived.assessment_of(user, today())
    drill = first(user, block="mobility")
    for step in steps_of(user):
        if step.is_strength:
            post_item(client, step.id, "skipped")
    post_item(client, drill.id, "done")
    after = derived.assessment_of(user, today())
    assert before is not None and after is not None
    assert after.result == before.result


def test_history_lists_the_items_and_the_feeling_and_a_mobility_only_session_can_be_edited() -> (
    None
):
    client, user = long_runner()
    drill = first(user, block="mobility")
    for step in steps_of(user):
        if step.is_strength:
            post_item(client, step.id, "skipped")
    post_item(client, drill.id, "done")
    client.post("/session/feeling/", {"feeling_after": "1"})
    shown = page(client, "/history/")
    assert f"{drill.name}: done" in shown and "Back afterwards: 1/10" in shown
    row = m.TrainingSession.objects.get(user=user)
    earlier = (today() - dt.timedelta(days=1)).isoformat()
    answer = client.post(f"/history/session/{row.id}/", {"date": earlier})
    assert answer.status_code == 302
    (session,) = selectors.history_of(user).sessions
    assert session.date.isoformat() == earlier and session.feeling_after == 1
    assert (session.sets, [i.exercise for i in session.items][-1]) == ((), drill.id)
