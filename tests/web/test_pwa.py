"""The installable app on the server's side: the manifest, the service worker's address and
headers, the security policy that lets them load, the offline page and favicon, and a form
post sent again with its client_key (the phone's outbox resending) stored once."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils import timezone

from backstride.core.triage import sign_alone
from backstride.core.vocab import EMERGENCY_FLAGS
from backstride.web import pwa
from backstride.web.coach import derived
from backstride.web.coach import models as m
from backstride.web.coach.templatetags.warning_levels import sign_raises
from backstride.web.coach.views.session_offline import SKIP_AFTER_SETS
from tests.web.helpers import runner
from tests.web.test_api import token_for
from tests.web.test_session_pages import do_strength, long_runner, page, post_set, steps_of

pytestmark = pytest.mark.django_db


def test_the_manifest_describes_an_installable_app() -> None:
    answer = Client().get("/manifest.webmanifest")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/manifest+json"
    body = json.loads(answer.content)
    assert body["name"] and body["short_name"] == "backstride"
    assert body["start_url"] == "/" and body["scope"] == "/"
    assert body["display"] == "standalone"
    assert body["theme_color"] and body["background_color"]
    sizes = {(i["sizes"], i.get("purpose")) for i in body["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes


def test_every_icon_of_the_manifest_is_served() -> None:
    client = Client()
    for icon in json.loads(client.get("/manifest.webmanifest").content)["icons"]:
        answer = client.get(icon["src"])
        assert answer.status_code == 200, icon["src"]
        assert answer["Content-Type"].startswith(icon["type"])


def test_the_worker_is_served_from_the_root_and_never_kept_stale() -> None:
    client, _ = runner()  # a runner's pages are no-store; the worker keeps its own rule
    answer = client.get("/sw.js")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "text/javascript; charset=utf-8"
    assert answer["Cache-Control"] == "no-cache"
    config = json.loads(answer.content.decode().split("\n", 1)[0][len("var CONFIG = ") : -1])
    assert "/session/" in config["pages"] and "/plan/" in config["pages"]
    session = {"/session/set/", "/session/item/", "/session/feeling/"}
    assert set(config["queue"]) == session | {"/today/check-in/", "/today/run/"}
    assert {config["queue"][path] for path in session} == {"/session/"}
    assert "/static/backstride/app.js" in config["shell"]


def test_the_worker_version_follows_its_shell_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A changed style sheet or script changes the worker, so every phone picks it up."""
    pwa._shell.cache_clear()
    before = pwa._shell()[1]
    changed = tmp_path / "app.js"
    changed.write_text("// a new version")
    real = finders.find
    monkeypatch.setattr(
        finders, "find", lambda name: str(changed) if name.endswith("app.js") else real(name)
    )
    pwa._shell.cache_clear()
    try:
        assert pwa._shell()[1] != before
    finally:
        monkeypatch.undo()
        pwa._shell.cache_clear()


def test_the_policy_allows_our_own_worker_and_manifest_and_nothing_more() -> None:
    policy = Client().get("/sw.js")["Content-Security-Policy"]
    parts = dict(p.strip().split(" ", 1) for p in policy.split(";"))
    assert parts["worker-src"] == "'self'"
    assert parts["manifest-src"] == "'self'"
    assert parts["script-src"] == "'self'" and parts["default-src"] == "'self'"


def test_the_favicon_and_the_offline_page_are_served() -> None:
    icon = Client().get("/favicon.ico")
    assert icon.status_code == 200 and icon["Content-Type"] == "image/x-icon"
    offline = Client().get("/offline/")
    assert offline.status_code == 200 and b"No connection" in offline.content


def test_every_page_links_the_manifest_and_the_icons() -> None:
    client, user = runner()
    page = client.get("/plan/").content.decode()
    assert 'rel="manifest" href="/manifest.webmanifest"' in page
    assert "favicon.svg" in page and 'name="theme-color"' in page
    assert f'name="backstride-runner" content="{user.pk}"' in page


def _fall_level(page: str) -> str:
    found = re.search(r'value="minor_fall_or_strain"[^>]*>', page)
    label = page[: found.start()].rsplit("<label", 1)[1] if found else ""
    level = re.search(r'data-level="([a-z_]+)"', label)
    assert level is not None, "the fall's checkbox carries no level"
    return level.group(1)


def test_each_warning_sign_carries_its_level_from_core() -> None:
    client, _ = runner(age=40)
    page = client.get("/today/").content.decode()
    for flag in EMERGENCY_FLAGS:
        assert sign_alone(flag, None) == "emergency"
    assert 'data-level="emergency"' in page and 'data-level="see_doctor"' in page
    # A fall or strain alone gives no level at 40; with osteoporosis it is urgent (core's rule).
    assert _fall_level(page) == "self_manage"
    assert json.loads(sign_raises("minor_fall_or_strain")) == {"osteoporosis_or_steroids": "urgent"}
    assert 'data-steps-for="emergency"' in page and "emergency department" in page


def test_a_fall_offline_shows_the_urgent_steps_for_fragile_bones() -> None:
    """At 65 or over, or with osteoporosis already in the profile, a fall alone is urgent,
    so the page must say so without the server."""
    older, _ = runner(age=70)
    assert _fall_level(older.get("/today/").content.decode()) == "urgent"
    fragile, _ = runner(age=40, red_flags=["osteoporosis_or_steroids"])
    assert _fall_level(fragile.get("/today/").content.decode()) == "urgent"


def _key() -> str:
    return str(uuid.uuid4())


def test_a_set_sent_twice_with_its_key_is_stored_once() -> None:
    client, user = runner()
    found = derived.day_start_of(user, timezone.localdate())
    assert found is not None and found.plan is not None
    lead = found.plan.strength.exercises[0].id
    # No set number: only the key tells the second copy from a new set.
    data = {"exercise": lead, "reps": 9, "pain": 1, "form_ok": "yes", "client_key": _key()}
    first, again = client.post("/session/set/", data), client.post("/session/set/", data)
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert m.SetEntry.objects.filter(session__user=user).count() == 1
    client.post("/session/set/", {**data, "client_key": _key()})
    assert m.SetEntry.objects.filter(session__user=user).count() == 2


def test_a_morning_check_in_sent_twice_with_its_key_is_stored_once() -> None:
    client, user = runner()
    today = timezone.localdate().isoformat()
    data = {"date": today, "morning_pain": "2", "client_key": _key()}
    first, again = client.post("/today/check-in/", data), client.post("/today/check-in/", data)
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert m.Checkin.objects.filter(user=user).count() == 1


def test_a_run_sent_twice_with_its_key_is_stored_once() -> None:
    client, user = runner()
    today = timezone.localdate().isoformat()
    data = {"date": today, "km": "5", "minutes": "30", "client_key": _key()}
    first, again = client.post("/today/run/", data), client.post("/today/run/", data)
    assert first.status_code == again.status_code == 302
    assert m.Run.objects.filter(user=user).count() == 1
    # Without a key, the same post is a new write (the duplicate check then asks).
    client.post("/today/run/", {**data, "client_key": _key(), "different_run": "1"})
    assert m.Run.objects.filter(user=user).count() == 2


def test_a_refused_post_keeps_no_receipt_so_its_key_can_be_sent_again() -> None:
    client, user = runner()
    key = _key()
    refused = client.post("/today/run/", {"km": "5", "minutes": "30", "client_key": key})
    assert refused.status_code == 400
    assert not m.WriteReceipt.objects.filter(user=user, key=key).exists()


def test_a_warning_sign_sent_again_leads_to_the_same_steps() -> None:
    client, user = runner()
    data = {
        "date": timezone.localdate().isoformat(),
        "morning_pain": "3",
        "red_flags": ["saddle_numbness"],
        "client_key": _key(),
    }
    first, again = client.post("/today/check-in/", data), client.post("/today/check-in/", data)
    assert first["Location"] == again["Location"] == "/check-in/see-a-doctor/"
    assert m.Checkin.objects.filter(user=user).count() == 1


def test_a_bad_client_key_is_refused_and_stores_nothing() -> None:
    client, user = runner()
    data = {"date": timezone.localdate().isoformat(), "morning_pain": "2", "client_key": "a b"}
    assert client.post("/today/check-in/", data).status_code == 400
    assert m.Checkin.objects.filter(user=user).count() == 0


def test_the_api_takes_the_key_in_the_body_too() -> None:
    _, user = runner()
    api = Client(headers={"Authorization": f"Bearer {token_for(user)}"})
    body = {"date": timezone.localdate().isoformat(), "km": 5, "minutes": 30}
    body["client_key"] = _key()
    first = api.post("/api/v1/me/runs", body, content_type="application/json")
    again = api.post("/api/v1/me/runs", body, content_type="application/json")
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert "client_key" not in first.json()
    assert m.Run.objects.filter(user=user).count() == 1
    checkin = {"date": body["date"], "morning_pain": 2, "client_key": _key()}
    for _ in range(2):
        api.post("/api/v1/me/checkins", checkin, content_type="application/json")
    assert m.Checkin.objects.filter(user=user).count() == 1
    done = {"exercise": "superman", "reps": 8, "pain": 1, "form": "good"}
    session = {"date": body["date"], "sets": [done], "client_key": _key()}
    answers = [
        api.post("/api/v1/me/sessions", session, content_type="application/json").status_code
        for _ in range(2)
    ]
    assert answers == [201, 201]
    assert m.TrainingSession.objects.filter(user=user).count() == 1


def test_an_item_sent_twice_with_its_key_is_stored_once() -> None:
    client, user = long_runner()
    do_strength(client, user)
    item = next(s for s in steps_of(user) if not s.is_strength)
    data = {"exercise": item.id, "outcome": "skipped", "client_key": _key()}
    first, again = client.post("/session/item/", data), client.post("/session/item/", data)
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert m.ItemEntry.objects.filter(session__user=user).count() == 1
    assert m.WriteReceipt.objects.filter(user=user, key=data["client_key"]).exists()
    # The second answer says what the first did.
    assert f"{item.name} skipped." in page(client, again["Location"])


def test_a_feeling_sent_again_with_its_key_does_not_undo_a_later_answer() -> None:
    """The outbox sends in order, but a resend of an older answer (a retry after a lost
    reply) must not bring it back over the runner's newer one."""
    client, user = long_runner()
    do_strength(client, user)
    older = {"feeling_after": "3", "client_key": _key()}
    assert client.post("/session/feeling/", older).status_code == 302
    client.post("/session/feeling/", {"feeling_after": "5", "client_key": _key()})
    again = client.post("/session/feeling/", older)
    assert again.status_code == 302 and again["Location"] == "/session/#summary"
    assert m.TrainingSession.objects.get(user=user).feeling_after == 5


def _offline_data(html: str) -> dict[str, object]:
    found = re.search(r'<script id="offline-session" type="application/json">(.*?)</script>', html)
    assert found is not None, "the session page carries no data for use offline"
    return dict(json.loads(found.group(1)))


def _as_shown(html: str) -> str:
    """A step's markup without what differs by design between a copy and the page: the
    form token, and the figure (inline on the page, the worker's file in a copy)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    html = re.sub(r'<div class="figure">.*?</div></div>', "FIGURE", html, flags=re.S)
    return " ".join(html.split())


def _copy_of(html: str, exercise: str) -> str:
    found = re.search(rf'<template data-offline-step="{exercise}">(.*?)</template>', html, re.S)
    assert found is not None, f"no copy of {exercise} for use offline"
    return _as_shown(found.group(1))


def _step_shown(html: str) -> tuple[str, str]:
    found = re.search(
        r'<div id="session-step" data-step="([^"]+)">(.*?)</div>\s*<script', html, re.S
    )
    assert found is not None
    return found.group(1), _as_shown(found.group(2))


def test_the_session_page_carries_every_step_ahead_in_cores_order_as_it_is_shown() -> None:
    """With no signal the page goes on from its copies: each is the step exactly as the
    server shows it once it comes next, and they come in the order core gives."""
    client, user = long_runner()
    start = page(client)
    ahead = [s.id for s in steps_of(user)]
    data = _offline_data(start)
    assert [s["id"] for s in data["steps"]] == ahead  # type: ignore[index, union-attr]
    assert re.findall(r'<template data-offline-step="([^"]+)">', start) == ahead[1:]
    do_strength(client, user)
    compared = 0
    for step in steps_of(user):
        if step.is_strength:
            continue
        if step.optional and "Finish now" in _step_shown(page(client))[1]:
            break  # the extras left out together from here
        shown_id, shown = _step_shown(page(client))
        assert shown_id == step.id
        assert shown == _copy_of(start, step.id), step.id
        compared += 1
        client.post("/session/item/", {"exercise": step.id, "outcome": "done"})
    assert compared >= 3  # the mobility block and the first extra at least
    assert '<img src="/exercises/' in start


def test_a_strength_skip_offline_says_what_it_says_online_after_a_set() -> None:
    client, user = long_runner()
    lead = steps_of(user)[0]
    post_set(client, lead.id, 1)
    shown = page(client)
    button, means = SKIP_AFTER_SETS
    assert f">{button}</button>" in shown and f">{means}</p>" in shown
    assert _offline_data(shown)["skip_after_sets"] == [button, means]
