"""Bearer tokens for the API; the web pages use the login session instead."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from backstride.web.accounts.models import ApiToken, User


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return ApiToken.user_for(token)


def current_user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user
