"""Text an account accepts: no control characters in an email or a password, and no
password of only spaces."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError


def has_control_character(text: str) -> bool:
    """NUL, tab, a line break and the rest of Unicode's control characters; PostgreSQL
    cannot even store a NUL."""
    return any(unicodedata.category(c) == "Cc" for c in text)


class PrintablePasswordValidator:
    """A password of spaces alone, or one with a control character in it, is a slip of the
    keyboard or a script, never a phrase a runner types again on a phone."""

    def validate(self, password: str, user: object = None) -> None:
        if has_control_character(password):
            raise ValidationError(
                "This password holds a control character (such as NUL, tab or a line "
                "break); use letters, digits, spaces and punctuation.",
                code="password_control_character",
            )
        if password.isspace():
            raise ValidationError("This password is only spaces.", code="password_only_spaces")

    def get_help_text(self) -> str:
        return "Your password cannot be only spaces or hold control characters."
