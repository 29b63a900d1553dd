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


class ClientKey(BaseModel):
    """The idempotency key may come in the body too (DESIGN section 5): the offline app
    sends it with the entry it kept on the phone."""

    client_key: str | None = Field(
        default=None,
        max_length=200,
        description="Optional, the same as the Idempotency-Key header (which wins when both "
        "are sent): a key of your own (a UUID) that makes a resent write harmless.",
    )


class SessionIn(Session, ClientKey):
    """A session to store."""

    def session(self) -> Session:
        return Session.model_validate(self.model_dump(exclude={"client_key"}))


class CheckinIn(Checkin, ClientKey):
    """A morning check-in to store. A day holds one: when it has one already, the answer is
    409 unless `replace` is true."""

    replace: bool = Field(
        default=False,
        description="True to replace the check-in already stored for this date (the day then "
        "holds this one, keeping every warning sign noted that day). Without it, a date that "
        "has a check-in answers 409 with that check-in's id and stores nothing; a check-in "
        "that brings a new warning sign replaces the day's at once.",
    )

    def checkin(self) -> Checkin:
        return Checkin.model_validate(self.model_dump(exclude={"replace", "client_key"}))


class RunIn(Run, ClientKey):
    """A run to store. One that looks like a run stored already answers 409 unless
    `different_run` is true."""

    different_run: bool = Field(
        default=False,
        description="True when this is another run than the stored one it looks like. "
        "Without it, a run of the same date with the distance and the minutes within 1% of a "
        "stored one (or, both with start times, started within a minute with the distance "
        "within 1%) answers 409 with the stored run's id and stores nothing.",
    )

    def run(self) -> Run:
        return Run.model_validate(self.model_dump(exclude={"different_run", "client_key"}))


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


class Conflict(BaseModel):
    """Nothing was stored: the entry already stored that this one would repeat or replace."""

    detail: str = Field(examples=["a check-in for 2026-11-20 is stored already (id 12)"])
    id: int = Field(description="The id of the entry already stored.")


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
