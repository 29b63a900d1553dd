"""Request and response bodies; the domain ones are core's own models."""

from __future__ import annotations

from pydantic import BaseModel, Field, field_validator

from backstride.core.dates import IsoDate
from backstride.core.fields import INPUT, SchemaVersion
from backstride.core.history import Checkin, History, Run, Session
from backstride.core.profile import Profile


class PlanRequest(BaseModel):
    model_config = INPUT

    profile: Profile
    history: History = Field(default_factory=History)
    today: IsoDate | None = None


class Credentials(BaseModel):
    model_config = INPUT

    email: str = Field(max_length=254, examples=["runner@example.com"])
    password: str = Field(max_length=200, examples=["a long passphrase"])


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


class ExportData(BaseModel):
    model_config = INPUT

    schema_version: SchemaVersion = 1
    profile: Profile | None = None
    history: History = Field(default_factory=History)

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
    field: str
    message: str


class FieldErrors(BaseModel):
    detail: list[FieldError]
