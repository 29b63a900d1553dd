"""Creating and removing accounts, shared by the sign-up page and the API."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from backstride.core.errors import InputError
from backstride.web.accounts.models import User


def create_account(email: str, password: str) -> User:
    """A new runner, or InputError naming the field: a bad email, a weak password, a taken email."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise InputError(["email: is not a valid email address"]) from None
    try:
        validate_password(password, User(email=email))
    except ValidationError as error:
        raise InputError([f"password: {m}" for m in error.messages]) from None
    try:
        with transaction.atomic():
            return User.objects.create_user(email=email, password=password)
    except IntegrityError:
        raise InputError(["email: an account with this email already exists"]) from None
