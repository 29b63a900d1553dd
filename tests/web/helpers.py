"""Plain helpers for web tests: a runner with a login session, and a stored profile."""

from __future__ import annotations

import itertools
from typing import Any

from django.test import Client

from backstride.core.profile import Profile
from backstride.web.accounts.models import User
from backstride.web.coach import store
from tests.factories import profile_data

PASSWORD = "a calm long passphrase 7"
_numbers = itertools.count(1)


def runner(with_profile: bool = True, **overrides: Any) -> tuple[Client, User]:
    """A logged-in runner with a stored profile (profile_data with these overrides)."""
    user = User.objects.create_user(email=f"runner{next(_numbers)}@example.com", password=PASSWORD)
    client = Client()
    client.force_login(user)
    if with_profile:
        store.save_profile(user, Profile.model_validate(profile_data(**overrides)))
    return client, user


def runner_without_profile() -> tuple[Client, User]:
    return runner(with_profile=False)
