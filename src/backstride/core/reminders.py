"""When the runner wants to be reminded of each kind of day in the plan: a time of day, or
None for no reminder (the calendar then shows that day's event as all-day, without alarm)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict


class Reminders(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    strength: dt.time | None = dt.time(18, 0)
    run: dt.time | None = dt.time(7, 30)
    mobility: dt.time | None = dt.time(20, 0)

    def at(self, activity: str) -> dt.time | None:
        """The reminder time for a week activity (`walk_or_cross_train` counts as a run)."""
        if activity == "strength":
            return self.strength
        if activity in ("run", "walk_or_cross_train"):
            return self.run
        if activity == "mobility":
            return self.mobility
        return None
