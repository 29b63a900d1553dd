"""Plain helpers for web tests: a runner with a login session, and a stored profile."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.test import Client

from backstride.core.history import SetLog
from backstride.core.plan import PlanResult
from backstride.core.profile import Profile
from backstride.web.accounts.models import User
from backstride.web.coach import derived, services
from tests.factories import profile_data

PASSWORD = "a calm long passphrase 7"
_numbers = itertools.count(1)


def runner(with_profile: bool = True, **overrides: Any) -> tuple[Client, User]:
    """A logged-in runner with a stored profile (profile_data with these overrides)."""
    user = User.objects.create_user(email=f"runner{next(_numbers)}@example.com", password=PASSWORD)
    client = Client()
    client.force_login(user)
    if with_profile:
        profile = Profile.model_validate(profile_data(**overrides))
        services.save_profile(user=user, profile=profile)
    return client, user


def runner_without_profile() -> tuple[Client, User]:
    return runner(with_profile=False)


def plan_of(user: User, day: dt.date) -> tuple[Profile | None, PlanResult | None]:
    """The stored profile and the plan of that day, as the pages get them."""
    found = derived.assessment_of(user, day)
    return (found.profile, found.result) if found else (None, None)


def add_set_once(user: User, day: dt.date, set_log: SetLog, number: int | None) -> bool:
    """One set through the guided session's service; True when it was stored."""
    found = derived.assessment_of(user, day)
    assert found is not None and found.day_start.plan is not None
    items = found.day_start.plan.strength.exercises
    decision = services.add_set(user=user, day=day, items=items, set_log=set_log, set_number=number)
    return decision.outcome == "store"
