"""Bearer tokens for the API; the web pages use the login session instead."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest
from ninja.security import HttpBearer

from backstride.web.accounts.models import ApiToken, User


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return ApiToken.user_for(token)


class AuthedRequest(HttpRequest):
    """A request that passed an endpoint's auth: ninja sets `auth` to what it returned."""

    auth: object


def current_user(request: HttpRequest) -> User:
    """The runner of an endpoint with `auth=bearer` (ninja refuses the request without one)."""
    user = cast(AuthedRequest, request).auth
    assert isinstance(user, User)
    return user
