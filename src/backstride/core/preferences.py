"""The runner's display and reminder choices, as the pages and reports take them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from backstride.core.reminders import Reminders
from backstride.core.units import DistanceUnit


class Preferences(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    unit: DistanceUnit = "km"
    reminders: Reminders = Reminders()
