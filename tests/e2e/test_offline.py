"""The installable, offline-first app in a real browser at phone size: the install metadata,
the service worker, today's session with no signal (three sets kept on the phone, a reload
in between, each stored exactly once when the connection is back; a whole session, its
rest and hold timers, items done and skipped and the closing question, the same way), and
a warning sign entered offline that shows the emergency steps at once."""

from __future__ import annotations

import re
from typing import Any

import pytest

from backstride.core.questions import QUESTIONS
from tests.e2e.conftest import shoot
from tests.e2e.test_guided_session import heading, long_check_in, press, timed_holds
from tests.e2e.test_journey import calm_check_in, sign_up

pytestmark = pytest.mark.browser

CONTROLLED = "() => navigator.serviceWorker.controller !== null"
SAVED_HERE = "Saved on this phone, will send when online."
WHERE = (
    "() => document.querySelector('main h1').textContent + '|' +"
    " ((document.querySelector('input[name=set_number]') || {}).value || '')"
)


def runner_with_a_plan(page: Any, url: str) -> None:
    """A new runner with a calm check-in and every ladder exercise marked fine; the
    worker installed (it is registered from the very first page) and in charge."""
    sign_up(page, url)
    page.wait_for_url("**/check-in/1/")
    calm_check_in(page)
    for _ in range(4):
        page.get_by_role("button", name="Fine: slow, pain-free, good form").click()
    page.wait_for_url("**/plan/")
    page.wait_for_function(CONTROLLED)


def save_set(page: Any, reps: int) -> str:
    """Log one set with this many reps and wait for the page to move on; the exercise."""
    before = page.evaluate(WHERE)
    page.locator("input[name=reps]").fill(str(reps))
    page.get_by_role("button", name="Save set", exact=True).click()
    page.wait_for_function(f"b => ({WHERE})() !== b", arg=before)
    return str(before.split("|")[0])


def test_the_install_metadata_and_the_worker(page: Any, server_url: str) -> None:
    page.goto(server_url)
    href = page.locator("link[rel=manifest]").get_attribute("href")
    manifest = page.request.get(f"{server_url}{href}")
    assert manifest.status == 200
    assert manifest.headers["content-type"].startswith("application/manifest+json")
    body = manifest.json()
    assert body["short_name"] == "backstride" and body["display"] == "standalone"
    assert body["scope"] == "/" and body["start_url"] == "/"
    assert {"any", "maskable"} <= {i.get("purpose", "any") for i in body["icons"]}
    for icon in body["icons"]:
        answer = page.request.get(f"{server_url}{icon['src']}")
        assert answer.status == 200 and answer.headers["content-type"] == icon["type"]
    favicon = page.request.get(f"{server_url}/favicon.ico")
    assert favicon.status == 200 and favicon.headers["content-type"] == "image/x-icon"
    icons = page.locator("link[rel=icon]")
    assert icons.count() == 2
    assert page.locator("meta[name=theme-color][media*=dark]").count() == 1
    page.wait_for_function(CONTROLLED)
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == f"{server_url}/"
    # No install offer in a test browser: the button stays hidden until the browser offers.
    assert page.locator("#install-app").is_hidden()


def test_three_sets_logged_offline_arrive_once(page: Any, server_url: str) -> None:
    runner_with_a_plan(page, server_url)
    page.goto(f"{server_url}/session/")  # the one visit that keeps the page on the phone
    first = page.locator("main h1").inner_text()
    page.context.set_offline(True)
    page.reload()
    assert page.locator("main h1").inner_text() == first
    assert page.locator(".figure svg, .figure img").count() == 1
    done = [(save_set(page, 11), 11)]
    assert page.get_by_text(SAVED_HERE).is_visible()
    done.append((save_set(page, 10), 10))
    # Closed and opened again with no signal: the page picks up after the kept sets.
    page.reload()
    assert page.get_by_text(SAVED_HERE).is_visible()
    assert page.locator("#outbox li").count() == 2
    shoot(page, "offline-session")
    page.emulate_media(color_scheme="dark")
    shoot(page, "offline-session-dark")
    page.emulate_media(color_scheme="light")
    done.append((save_set(page, 9), 9))
    assert page.locator("#outbox li").count() == 3
    # The first exercise's sets are all kept: the page moves on to the next one by itself,
    # with its figure from the worker's cache.
    assert {name for name, _ in done} == {first}
    assert page.locator("main h1").inner_text() != first
    assert page.locator("input[name=set_number]").input_value() == "1"
    page.locator(".figure img").evaluate("img => img.decode()")
    page.context.set_offline(False)
    page.get_by_text("Sent: 3 entries from this phone are now stored.").wait_for()
    assert page.locator("#outbox li").count() == 0
    # A second send of the same keys (the worker's sync after the page's) stores nothing.
    page.goto(f"{server_url}/history/")
    logged = page.locator("main").inner_text()
    for reps in (11, 10, 9):
        assert len(re.findall(rf"\b{reps} reps\b", logged)) == 1, logged
    assert all(name in logged for name, _ in done)


def test_an_offline_warning_sign_shows_the_emergency_steps(page: Any, server_url: str) -> None:
    runner_with_a_plan(page, server_url)
    page.goto(f"{server_url}/today/")
    page.context.set_offline(True)
    page.reload()
    page.locator("input[name=morning_pain][value='3']").check()
    page.get_by_text("Any warning sign this morning?").click()
    page.get_by_label(QUESTIONS["saddle_numbness"]).first.check()
    page.get_by_role("button", name="Save check-in").click()
    steps = page.locator("[data-steps-for=emergency]:visible")
    steps.wait_for()
    assert page.get_by_role("heading", name="Get emergency help now").is_visible()
    assert "emergency department" in steps.inner_text()
    assert page.get_by_text(SAVED_HERE).is_visible()
    page.evaluate("document.querySelector('[data-steps-for=emergency]').scrollIntoView()")
    page.screenshot(path=str(shoot(page, "offline-warning")), full_page=False)
    page.emulate_media(color_scheme="dark")
    page.screenshot(path=str(shoot(page, "offline-warning-dark")), full_page=False)
    page.emulate_media(color_scheme="light")
    page.context.set_offline(False)
    page.get_by_text("Sent: 1 entry from this phone is now stored.").wait_for()
    # The server triages it for real: the plan is held.
    page.goto(f"{server_url}/plan/")
    page.wait_for_url("**/check-in/see-a-doctor/")
    assert page.get_by_role("heading", name="Get emergency help now").is_visible()


FIGURES_KEPT = """async (ids) => {
  const kept = await (await caches.open('backstride-figures')).keys();
  const paths = kept.map(r => new URL(r.url).pathname);
  return ids.every(id => paths.includes(`/exercises/${id}/figure.svg`));
}"""
SESSION_DATA = "() => JSON.parse(document.getElementById('offline-session').textContent)"


def seconds_of(shown: str) -> int:
    minutes, seconds = shown.split(":")
    return int(minutes) * 60 + int(seconds)


def offline_strength_block(page: Any, reps_of: dict[str, list[int]]) -> None:
    """Every set of the strength block with no signal, a rest timer seen running after the
    first, and the page reloaded once the first exercise is done."""
    first = True
    while page.get_by_role("button", name="Save set").count():
        name = heading(page)
        reps = 8 + len(reps_of.setdefault(name, []))
        page.locator("input[name=reps]").fill(str(reps))
        press(page, "Save set")
        reps_of[name].append(reps)
        rest = page.locator("#rest")
        if not page.get_by_role("button", name="Save set").count():
            break  # the last set leads on to mobility: no rest before it
        assert rest.is_visible()
        if first:
            # The page's clock also moves on by itself: the count is read, not fixed.
            display = rest.locator("[data-timer-display]")
            started = seconds_of(display.inner_text())
            assert 60 < started <= 75
            page.clock.run_for(10_000)
            assert seconds_of(display.inner_text()) <= started - 10
            page.clock.run_for(76_000)
            assert display.inner_text() == "Go"
            first = False
        else:
            page.get_by_role("button", name="Skip the rest").click()
            assert rest.is_hidden()
        if len(reps_of) == 1 and heading(page) != name:
            # Closed and opened again with no signal: on at the next exercise, set 1.
            page.reload()
            assert heading(page) != name
            assert page.locator("input[name=set_number]").input_value() == "1"
            assert page.locator("#outbox li").count() == len(reps_of[name])


def test_a_whole_session_offline_arrives_once(page: Any, server_url: str) -> None:
    page.clock.install()
    sign_up(page, server_url)
    page.wait_for_url("**/check-in/1/")
    long_check_in(page)
    page.wait_for_function(CONTROLLED)
    page.goto(f"{server_url}/session/")  # the one visit that keeps the session on the phone
    steps = page.evaluate(SESSION_DATA)["steps"]
    page.wait_for_function(FIGURES_KEPT, arg=[s["id"] for s in steps])
    page.context.set_offline(True)
    page.reload()

    reps_of: dict[str, list[int]] = {}
    offline_strength_block(page, reps_of)
    assert page.locator(".block-tag").inner_text() == "Mobility"
    assert page.locator(".figure img").evaluate("img => img.decode().then(() => true)")
    outcomes: dict[str, str] = {}
    timed = False
    while not page.locator(".block-tag.optional").count():
        name = heading(page)
        if not timed and page.locator("[data-holds]").count():
            shoot(page, "offline-mobility")
            page.emulate_media(color_scheme="dark")
            shoot(page, "offline-mobility-dark")
            page.emulate_media(color_scheme="light")
            timed_holds(page)
            timed = True
        skip = "skipped" not in outcomes.values() and not page.locator("[data-holds]").count()
        answer = "Skip" if skip else "Done"
        press(page, answer)
        outcomes[name] = {"Skip": "skipped", "Done": "done"}[answer]
    assert timed and "skipped" in outcomes.values()

    outcomes[heading(page)] = "done"
    press(page, "Done")
    taps = sum(len(r) for r in reps_of.values()) + len(outcomes)
    leave_out = page.get_by_role("button", name="Finish now, without")
    if leave_out.count():
        left = [s["name"] for s in steps if s["name"] not in outcomes and s["name"] not in reps_of]
        leave_out.click()
        page.get_by_role("heading", name="Session complete").wait_for()
        outcomes.update({name: "skipped" for name in left})
        taps += 1  # one tap leaves them all out
    while heading(page) != "Session complete":
        taps += 1
        outcomes[heading(page)] = "skipped"
        press(page, "Skip")
    page.locator("label[for=id_feeling_after_2]").click()
    page.get_by_role("button", name="Save").click()
    feeling = page.locator("#outbox li", has_text="How your back feels after the session: 2/10")
    feeling.wait_for(state="attached")
    taps += 1
    # A whole session's entries fold away under one line, so the step stays in view.
    assert page.get_by_text(f"What waits: {taps} entries, oldest first").is_visible()

    # Closed and opened again at the end: the question answered, everything still waiting.
    page.reload()
    assert heading(page) == "Session complete"
    assert page.locator("#id_feeling_after_2").is_checked()
    assert page.locator("#outbox li").count() == taps
    page.context.set_offline(False)
    page.get_by_text(f"Sent: {taps} entries from this phone are now stored.").wait_for()
    assert page.locator("#outbox li").count() == 0

    page.goto(f"{server_url}/history/")
    logged = page.locator("#sessions").inner_text()
    for name, reps in reps_of.items():
        line = "; ".join(f"{r} reps, pain 0" for r in reps)
        assert logged.count(f"{name}: {line}\n") == 1, logged
    for name, outcome in outcomes.items():
        assert logged.count(f"{name}: {outcome}") == 1, (name, logged)
    assert logged.count("Back afterwards: 2/10") == 1
