"""The settings page's form: the check-in's own questions about kit, time and pain (from
core's one question set), beside the distance unit and the reminder times."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from backstride.core.preferences import Preferences
from backstride.core.profile import Profile
from backstride.core.questions import ABOUT_QUESTIONS, PAIN_QUESTIONS
from backstride.core.reminders import Reminders
from backstride.core.units import UNIT_NAMES, UNITS
from backstride.web.coach.forms_intake import QuestionsForm, field_name, initial_of

KIT_AND_TIME = ("equipment", "setting", "minutes_per_session", "strength_days_per_week")
REMINDERS = {
    "strength": "Strength days",
    "run": "Run days",
    "mobility": "Mobility days",
}


def _unit_choices() -> list[tuple[str, str]]:
    return [(unit, f"{UNIT_NAMES[unit].capitalize()} ({unit})") for unit in UNITS]


class SettingsForm(QuestionsForm):
    questions = (*(q for q in ABOUT_QUESTIONS if q.code in KIT_AND_TIME), *PAIN_QUESTIONS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = forms.ChoiceField(
            label="Show distances in", choices=_unit_choices(), widget=forms.RadioSelect
        )
        for activity, label in REMINDERS.items():
            self.fields[f"remind_{activity}"] = forms.BooleanField(
                label=f"Remind me on {label.lower()}", required=False
            )
            self.fields[f"{activity}_at"] = forms.TimeField(
                label=f"{label}: remind me at",
                required=False,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                error_messages={"invalid": "Please give a time of day, such as 18:30."},
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for activity in REMINDERS:
            name = f"{activity}_at"
            # A time already refused has its own message; an empty one is asked for here.
            if data.get(f"remind_{activity}") and name not in self.errors and not data.get(name):
                self.add_error(name, "Please give a time, or switch this reminder off.")
        return data

    def preferences(self) -> Preferences:
        times: dict[str, dt.time | None] = {
            activity: self.cleaned_data[f"{activity}_at"]
            if self.cleaned_data[f"remind_{activity}"]
            else None
            for activity in REMINDERS
        }
        return Preferences.model_validate(
            {"unit": self.cleaned_data["unit"], "reminders": Reminders.model_validate(times)}
        )

    def fields_of(self, names: tuple[str, ...]) -> list[forms.BoundField]:
        return [self[name] for name in names]

    def kit_fields(self) -> list[forms.BoundField]:
        return self.fields_of(KIT_AND_TIME)

    def pain_fields(self) -> list[forms.BoundField]:
        return self.fields_of(tuple(field_name(q) for q in PAIN_QUESTIONS))

    def reminder_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"remind_{a}"], self[f"{a}_at"]) for a in REMINDERS]


def initial_settings(profile: Profile, preferences: Preferences) -> dict[str, Any]:
    """What is stored, as the form's starting values."""
    initial = initial_of(SettingsForm.questions, profile.model_dump(mode="json"))
    initial["unit"] = preferences.unit
    for activity in REMINDERS:
        at = preferences.reminders.at(activity)
        initial[f"remind_{activity}"] = at is not None
        # A reminder switched off keeps a sensible time ready for switching it on again.
        initial[f"{activity}_at"] = at or Reminders().at(activity)
    return initial
