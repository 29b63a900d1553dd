"""What the runner did and felt: strength sessions, morning check-ins and runs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from itertools import groupby
from operator import attrgetter
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    Field,
    ModelWrapValidatorHandler,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from backstride.core.catalog import load_catalog
from backstride.core.dates import IsoDate, StartTime
from backstride.core.errors import shown
from backstride.core.fields import INPUT, Int, Number, Unique
from backstride.core.vocab import Form, RedFlag

Pain = Annotated[Int, Field(ge=0, le=10)]


def _catalog_ids(schema: dict[str, Any]) -> None:
    # Stated in the schema only, from the catalog when the schema is built: a Literal would
    # also change the error message "unknown exercise id ...".
    schema["enum"] = sorted(load_catalog().exercises)


class SetLog(BaseModel):
    model_config = INPUT

    exercise: str = Field(
        description="An exercise id from the catalog.", json_schema_extra=_catalog_ids
    )
    reps: Int = Field(ge=0, le=200)
    pain: Pain
    form: Form

    @field_validator("exercise")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in load_catalog():
            raise ValueError(f"unknown exercise id {shown(value)}")
        return value


Outcome = Literal["done", "skipped"]


class ItemLog(BaseModel):
    """What became of one item of the guided session that is not a set: a mobility drill,
    stretch or extra done or skipped, or a strength exercise skipped (the sets saved for it
    before the skip, if any, stay in the session's `sets`)."""

    model_config = INPUT

    exercise: str = Field(
        description="An exercise id from the catalog.", json_schema_extra=_catalog_ids
    )
    outcome: Outcome

    @field_validator("exercise")
    @classmethod
    def _known(cls, value: str) -> str:
        return SetLog._known(value)


class Session(BaseModel):
    model_config = INPUT

    date: IsoDate
    sets: tuple[SetLog, ...] = Field(
        description="The strength sets (always given; an empty list only when `items` holds "
        "something)."
    )
    feeling_after: Pain | None = Field(
        default=None,
        description="How the back felt at the end, 0 (no pain) to 10 (the worst you can "
        "imagine); null when not answered.",
    )
    items: tuple[ItemLog, ...] = Field(
        default=(),
        description="The other items of the guided session, each done or skipped, in order.",
    )

    @model_validator(mode="wrap")
    @classmethod
    def _something_logged(cls, data: Any, handler: ModelWrapValidatorHandler[Session]) -> Session:
        session = handler(data)
        if session.sets or session.items:
            return session
        # Raised as a ValidationError so the problem names `sets`, as a too-short list would.
        empty = PydanticCustomError(
            "empty_session", "needs at least 1 set, or an item done or skipped in items"
        )
        detail = InitErrorDetails(type=empty, loc=("sets",), input=[])
        raise ValidationError.from_exception_data(cls.__name__, [detail])


class Checkin(BaseModel):
    model_config = INPUT

    date: IsoDate
    morning_pain: Pain
    red_flags: Annotated[tuple[RedFlag, ...], Unique] = ()


class Run(BaseModel):
    """A run; `minutes` may be null when a file holds no times, `started_at` (UTC) comes
    from run files and tells two files of the same run apart from two runs."""

    model_config = INPUT

    date: IsoDate
    km: Number = Field(gt=0, le=500)
    minutes: Number | None = Field(default=..., gt=0, le=6000)
    pain_during: Pain | None = None
    pain_after: Pain | None = None
    started_at: StartTime | None = None
    # A warning sign the runner reported beside the run; it triages like a check-in's.
    red_flags: Annotated[tuple[RedFlag, ...], Unique] = ()

    @field_validator("started_at")
    @classmethod
    def _same_day(cls, started: dt.datetime | None, info: ValidationInfo) -> dt.datetime | None:
        # The start (UTC) and the runner's own date may differ by a time zone, never more.
        day = info.data.get("date")
        if started is not None and day is not None and abs((started.date() - day).days) > 1:
            raise ValueError(f"is more than a day away from the run's date {day.isoformat()}")
        return started

    @property
    def worst_pain(self) -> int | None:
        rated = [p for p in (self.pain_during, self.pain_after) if p is not None]
        return max(rated) if rated else None


class History(BaseModel):
    """The history file; each list may be absent or empty, and its order never matters."""

    model_config = INPUT

    sessions: tuple[Session, ...] = ()
    checkins: tuple[Checkin, ...] = ()
    runs: tuple[Run, ...] = ()

    def until(self, today: dt.date) -> History:
        """Only what happened on or before today, in a canonical order (date, then content)."""
        # Every item was validated on the way in; the cut only drops and reorders them. A
        # session without sets (only mobility, or every strength exercise skipped) is no
        # strength session: the replay, the week and the charts count strength sessions.
        return History.model_construct(
            sessions=_sessions_in_order(s for s in self.sessions if s.date <= today and s.sets),
            checkins=self.checkins_until(today),
            runs=tuple(
                sorted(
                    (r for r in self.runs if r.date <= today),
                    key=lambda r: (r.date, r.km, r.minutes or 0, r.worst_pain or -1),
                )
            ),
        )

    def reports(self) -> tuple[Checkin | Run, ...]:
        """Every entry that carries warning signs, whatever its date (one dated ahead
        still counts), in a canonical order."""
        flagged: list[Checkin | Run] = [*self.checkins, *(r for r in self.runs if r.red_flags)]
        return tuple(sorted(flagged, key=lambda e: (e.date, e.red_flags)))

    def checkins_until(self, today: dt.date) -> tuple[Checkin, ...]:
        """The check-ins on or before today, in the canonical order of `until`."""
        return tuple(
            sorted(
                (c for c in self.checkins if c.date <= today),
                key=lambda c: (c.date, c.morning_pain, c.red_flags),
            )
        )


def _sessions_in_order(sessions: Iterable[Session]) -> tuple[Session, ...]:
    by_date = sorted(sessions, key=attrgetter("date"))
    ordered: list[Session] = []
    # Two sessions on one day are rare, and only they need their content to settle the order.
    for _day, group in groupby(by_date, key=attrgetter("date")):
        same_day = list(group)
        ordered += sorted(same_day, key=_session_key) if len(same_day) > 1 else same_day
    return tuple(ordered)


def _session_key(session: Session) -> tuple[dt.date, tuple[tuple[str, int, int, str], ...]]:
    return (session.date, tuple(sorted((s.exercise, s.reps, s.pain, s.form) for s in session.sets)))


SAME_RUN_SECONDS = 60
SAME_RUN_DISTANCE = 0.01


def same_run(a: Run, b: Run) -> bool:
    """Two records of one run: starts within a minute and distances within 1%."""
    if a.started_at is None or b.started_at is None:
        return False
    close_start = abs((a.started_at - b.started_at).total_seconds()) <= SAME_RUN_SECONDS
    return close_start and abs(a.km - b.km) <= SAME_RUN_DISTANCE * max(a.km, b.km)
