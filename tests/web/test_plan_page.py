"""The plan page shows how long the session and each block take, and what was cut."""

from __future__ import annotations

import html
import math

import pytest

from backstride.web.coach.views.common import today
from tests.web.helpers import plan_of, runner

pytestmark = pytest.mark.django_db


def about(minutes: float) -> str:
    return f"about {math.floor(minutes + 0.5)} min"


def test_the_plan_page_shows_about_how_long_each_block_and_the_session_take() -> None:
    client, user = runner(minutes_per_session=20)
    page = html.unescape(client.get("/plan/").content.decode())
    _, result = plan_of(user, today())
    assert result is not None and result.plan is not None
    plan = result.plan
    assert f"Today's session: about {plan.session.minutes} min" in page
    assert f"A{about(plan.strength.minutes)[1:]} for the whole block" in page
    assert f"A{about(plan.mobility.minutes)[1:]} for all of it" in page
    for item in plan.strength.exercises:
        assert about(item.minutes) in page
    # Twenty minutes do not hold all four: the page says what it did and why.
    assert plan.session.note is not None and plan.session.note in page


def test_when_everything_fits_the_page_says_so() -> None:
    client, user = runner(minutes_per_session=120)
    page = html.unescape(client.get("/plan/").content.decode())
    _, result = plan_of(user, today())
    assert result is not None and result.plan is not None
    assert result.plan.session.fits
    assert "Everything planned for today fits in the time you have." in page
