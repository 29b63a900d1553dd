"""Creating and removing accounts and their API tokens, shared by the pages and the API."""

from __future__ import annotations

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from backstride.core.errors import InputError, Problem, shown
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


def reset_path(email: str) -> str:
    """The path of a one-time link that sets a new password for this account, as the reset
    email carries it (Django's token: it works once, within PASSWORD_RESET_TIMEOUT), or
    InputError when no active account has this email."""
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise InputError(
            [Problem("EMAIL", f"no account with the email {shown(email.strip())} in this database")]
        )
    if not user.is_active:
        raise InputError([Problem("EMAIL", f"the account {user.email} is switched off")])
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
