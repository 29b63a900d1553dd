"""The settings page's one write: the edited profile and the runner's preferences together,
so a page that is refused or fails half-way stores neither."""

from __future__ import annotations

from backstride.core.preferences import Preferences
from backstride.core.profile import Profile
from backstride.web.accounts.models import User
from backstride.web.coach import services
from backstride.web.coach.services.gate import write_transaction


def save_settings(*, user: User, profile: Profile, preferences: Preferences) -> None:
    with write_transaction():
        services.save_profile(user=user, profile=profile)
        services.save_preferences(user=user, preferences=preferences)
