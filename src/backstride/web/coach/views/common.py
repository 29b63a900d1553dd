"""Small helpers the coach views share."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone

from backstride.web.accounts.models import User


def user_of(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def today() -> dt.date:
    """The runner's today; the server keeps UTC dates."""
    return timezone.localdate()
