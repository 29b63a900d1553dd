"""Request and response bodies; the domain ones are core's own models."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import (
    MinimumLengthValidator,
    get_default_password_validators,
)
from pydantic import BaseModel, ConfigDict, Field, field_validator

from backstride.core.dates import IsoDate
from backstride.core.fields import INPUT, SchemaVersion
from backstride.core.history import Checkin, History, Run, Session
from backstride.core.profile import Profile
from backstride.web.accounts.validators import has_control_character


class PlanRequest(BaseModel):
    model_config = INPUT

    profile: Profile
    history: History = Field(default_factory=History)
    today: IsoDate | None = None


class Credentials(BaseModel):
    model_config = INPUT

    email: str = Field(max_length=254, examples=["runner@example.com"])
    password: str = Field(max_length=200, examples=["a long passphrase"])

    @field_validator("email")
    @classmethod
    def _no_control_characters(cls, email: str) -> str:
        # Before any query: PostgreSQL refuses a NUL in text, which was a 500 at login.
        if has_control_character(email):
            raise ValueError("must not contain control characters")
        return email


def _password_rules(schema: dict[str, Any]) -> None:
    # Stated from the validators the server runs (settings), so the schema cannot drift from
    # them; minLength only describes: the validators, not pydantic, refuse a short password.
    password = schema["properties"]["password"]
    validators = get_default_password_validators()
    shortest = [v.min_length for v in validators if isinstance(v, MinimumLengthValidator)]
    if shortest:
        password["minLength"] = max(shortest)
    rules = [v.get_help_text() for v in validators if not isinstance(v, MinimumLengthValidator)]
    lengths = f"{password.get('minLength', 0)} to {password['maxLength']} characters."
    password["description"] = " ".join([lengths, *rules])


class NewAccount(Credentials):
    """The email and password of a new account."""

    model_config = ConfigDict(json_schema_extra=_password_rules)


class Account(BaseModel):
    id: int
    email: str


class Token(BaseModel):
    token: str


class SessionOut(Session):
    id: int


class CheckinOut(Checkin):
    id: int


class RunOut(Run):
    id: int


# Decades of entries; more in one import would hold the database's write lock too long.
MAX_IMPORT_ENTRIES = 20_000


class Export(BaseModel):
    """All of a runner's data, as `GET /me/export` answers it; `POST /me/import` takes it."""

    model_config = INPUT

    schema_version: SchemaVersion = 1
    profile: Profile | None = None
    history: History = Field(default_factory=History)


class ExportData(Export):
    """An export to import, at most 20,000 entries of each kind at a time (the export itself
    holds whatever is stored, so it has no such cap)."""

    @field_validator("history")
    @classmethod
    def _not_too_many(cls, history: History) -> History:
        for name in ("sessions", "checkins", "runs"):
            count = len(getattr(history, name))
            if count > MAX_IMPORT_ENTRIES:
                raise ValueError(
                    f"holds {count:,} {name}; import at most {MAX_IMPORT_ENTRIES:,} at a time"
                )
        return history


class ImportResult(BaseModel):
    added: dict[str, int]


class Problem(BaseModel):
    detail: str


class FieldError(BaseModel):
    field: str = Field(examples=["sets[0].pain"])
    message: str = Field(examples=["must be at most 10, got 11"])


class FieldErrors(BaseModel):
    detail: list[FieldError]


# The error answers the handlers in router.py give, for each operation to list those it can
# reach: a missing, wrong or expired token; a body over DATA_UPLOAD_MAX_MEMORY_SIZE (or too
# many files); bad input in the body, the query or the path.
NEEDS_TOKEN: dict[int, Any] = {401: Problem}
TOO_LARGE: dict[int, Any] = {413: FieldErrors}
BAD_INPUT: dict[int, Any] = {422: FieldErrors}
WITH_BODY: dict[int, Any] = {**TOO_LARGE, **BAD_INPUT}
