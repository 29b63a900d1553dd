"""A change to the programme, as the runner sees it: when, what, which kind and why."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from backstride.core.vocab import ChangeKind


class Change(BaseModel):
    date: dt.date
    exercise: str | None
    kind: ChangeKind
    reason: str
