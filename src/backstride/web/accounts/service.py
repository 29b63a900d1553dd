"""Creating and removing accounts and their API tokens, shared by the pages and the API."""

from __future__ import annotations

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from backstride.core.errors import InputError, Problem
from backstride.web.accounts.models import ApiToken, User, token_digest


def create_account(email: str, password: str) -> User:
    """A new runner, or InputError naming the field: a bad email, a weak password, a taken email."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise InputError([Problem("email", "is not a valid email address")]) from None
    try:
        validate_password(password, User(email=email))
    except ValidationError as error:
        raise InputError([Problem("password", m) for m in error.messages]) from None
    try:
        with transaction.atomic():
            return User.objects.create_user(email=email, password=password)
    except IntegrityError:
        taken = "an account with this email already exists"
        raise InputError([Problem("email", taken)]) from None


def api_tokens(user: User) -> list[ApiToken]:
    """The runner's signed-in API tokens (hashes only), newest first."""
    return list(ApiToken.objects.filter(user=user).order_by("-created"))


def revoke_api_token(token: str) -> None:
    """Sign out one API token, given in the clear as the request carried it."""
    ApiToken.objects.filter(digest=token_digest(token)).delete()


def revoke_api_tokens(user: User) -> int:
    """Sign out every API token of the runner; how many there were."""
    return int(ApiToken.objects.filter(user=user).delete()[0])


def delete_account(user: User) -> None:
    """The user and every row that hangs off it (profile, logs, tokens), and the login
    attempts under their email, which hold the addresses they logged in from."""
    with transaction.atomic():
        for log in (AccessAttempt, AccessLog, AccessFailureLog):
            log.objects.filter(username__iexact=user.email).delete()
        user.delete()
