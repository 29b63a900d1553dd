"""Exercise pages and plan links as one runner sees them (DESIGN section 2, v2): links to
what they are ruled out of are dropped or point to the nearest allowed one; a visitor
sees the catalog's links."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from backstride.web.coach import services
from tests.factories import session, sets
from tests.web.helpers import runner, runner_without_profile

pytestmark = pytest.mark.django_db


def page(client: Client, exercise_id: str) -> str:
    response = client.get(f"/exercises/{exercise_id}/")
    assert response.status_code == 200
    return response.content.decode()


def link(exercise_id: str) -> str:
    return f'href="/exercises/{exercise_id}/"'


def test_a_visitor_sees_the_catalogs_links() -> None:
    html = page(Client(), "single_leg_deadlift")
    assert link("single_leg_balance_reach") in html and link("single_leg_t_balance") in html
    assert "Not for you right now" not in html


def test_a_link_to_a_movement_that_hurts_the_runner_is_dropped() -> None:
    client, _ = runner(pain={"worse_with": ["bending_backward"]})
    html = page(client, "superman")
    assert link("superman_pull") not in html
    assert "Not for you right now: it involves bending backward, which hurts you." in html
    assert link("superman_pull") in page(Client(), "superman")


def test_an_easier_link_points_to_the_nearest_one_the_runner_may_do() -> None:
    client, _ = runner(abilities={"single_leg_balance_reach": "painful"})
    html = page(client, "single_leg_deadlift")
    assert link("single_leg_balance") in html
    assert link("single_leg_balance_reach") not in html


def test_the_page_follows_the_history_too() -> None:
    client, user = runner()
    yesterday = dt.date.today() - dt.timedelta(days=1)
    services.add_session(
        user=user, session=session(yesterday, sets("single_leg_deadlift", 8, pain=7, count=1))
    )
    html = page(client, "single_leg_t_balance")
    assert link("single_leg_balance_reach") in html and link("single_leg_deadlift") not in html
    assert link("single_leg_deadlift") not in page(client, "single_leg_balance_reach")


def test_a_runner_without_a_profile_sees_the_catalogs_links() -> None:
    client, _ = runner_without_profile()
    assert link("superman_pull") in page(client, "superman")


def test_the_page_tells_the_runner_how_to_adapt_the_exercise() -> None:
    client, _ = runner(pain={"worse_with": ["bending_forward"]})
    assert "reach only as far as your knee" in page(client, "single_leg_balance_reach")
    assert "reach only as far as your knee" not in page(Client(), "single_leg_balance_reach")


def test_the_plan_page_shows_the_runners_links_and_notes() -> None:
    client, _ = runner(pain={"worse_with": ["bending_forward", "bending_backward"]})
    html = client.get("/plan/").content.decode()
    assert link("single_leg_deadlift") in html  # the balance and reach's harder link
    assert "reach only as far as your knee" in html
    assert link("superman_pull") not in html
    assert "in place of the superman, because it involves bending backward" in html
