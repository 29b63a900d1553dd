"""Forms for the runner's log: morning check-ins, runs and sessions.

The fields only collect what was typed; each form builds the dict of a core model and lets
core judge it, so the rules (pain 0-10, a real date, km above 0...) live in one place."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any, ClassVar

from django import forms
from pydantic import BaseModel

from backstride.core.catalog import load_catalog
from backstride.core.errors import InputError, Problem, validate
from backstride.core.history import Checkin, Run, Session
from backstride.core.questions import WARNING_SIGNS
from backstride.core.sanity import (
    LONGEST_KM,
    checkin_problems,
    distance_problems,
    run_problems,
    session_problems,
)
from backstride.core.units import DistanceUnit, from_km, to_km
from backstride.web.accounts.forms import add_problems, top_field
from backstride.web.coach import models as m
from backstride.web.coach.entry_day import last_day

PAIN_CHOICES = [(str(n), str(n)) for n in range(11)]
NOT_RATED = ("", "Not rated yet")
FORM_CHOICES = [("good", "Good: slow and controlled"), ("poor", "It slipped")]


def number(value: Any) -> Any:
    """What was typed, as a number when it reads as one; anything else goes to core as it is,
    so that core names the problem. Blank means 'not given'."""
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text.replace(",", "."))  # a decimal comma is common outside the UK/US
    except ValueError:
        return text


def given(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out what was not filled in, so core says it is required (or uses its default)."""
    return {k: v for k, v in data.items() if v is not None and v != ""}


def date_input() -> forms.TextInput:
    return forms.TextInput(attrs={"type": "date"})


def number_input(decimal: bool = False) -> forms.TextInput:
    attrs = {"type": "number", "inputmode": "decimal" if decimal else "numeric"}
    if decimal:
        attrs["step"] = "any"
    return forms.TextInput(attrs=attrs)


class CoreForm(forms.Form):
    """A form whose rules live in a core model and core's sanity rules (nothing dated after
    `today`, which defaults to the last day an entry may carry); `entry` holds the validated
    model."""

    model: ClassVar[type[BaseModel]]
    entry: Any = None

    def __init__(self, *args: Any, today: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or last_day()

    def refused(self, entry: Any) -> Sequence[Problem]:
        """What core's sanity rules refuse in a valid entry."""
        return ()

    def core_data(self) -> dict[str, Any]:
        raise NotImplementedError

    def field_of(self, path: str) -> str:
        return top_field(path)

    def relevant(self, problems: Sequence[Problem]) -> Sequence[Problem]:
        return problems

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors:
            try:
                entry = validate(self.model, self.core_data())
            except InputError as error:
                add_problems(self, self.relevant(error.problems), self.field_of)
                return cleaned
            problems = self.refused(entry)
            add_problems(self, problems, self.field_of)
            self.entry = None if problems else entry
        return cleaned


class CheckinForm(CoreForm):
    model = Checkin

    date = forms.CharField(label="Date", required=False, widget=date_input())
    morning_pain = forms.CharField(
        label="Back pain this morning (0 none, 10 the worst you can imagine)",
        required=False,
        widget=forms.RadioSelect(choices=PAIN_CHOICES),
    )
    red_flags = forms.MultipleChoiceField(
        label="Tick each one that is new, or back again, since you last told us",
        required=False,
        choices=[(q.code, q.text) for q in WARNING_SIGNS],
        widget=forms.CheckboxSelectMultiple,
    )

    def refused(self, entry: Any) -> Sequence[Problem]:
        return checkin_problems(entry, self.today)

    def core_data(self) -> dict[str, Any]:
        d = self.cleaned_data
        return given(
            {
                "date": d.get("date"),
                "morning_pain": number(d.get("morning_pain")),
                "red_flags": list(d.get("red_flags", [])),
            }
        )


class RunForm(CoreForm):
    """A run, its distance typed in the runner's unit and stored in kilometres: the
    distance is converted before core judges it, so the limits hold in kilometres."""

    model = Run

    date = forms.CharField(label="Date", required=False, widget=date_input())
    km = forms.CharField(label="Distance (km)", required=False, widget=number_input(True))
    minutes = forms.CharField(label="Time (minutes)", required=False, widget=number_input(True))
    pain_during = forms.CharField(
        label="Back pain during the run (0 none, 10 worst)",
        required=False,
        widget=forms.RadioSelect(choices=[NOT_RATED, *PAIN_CHOICES]),
    )
    pain_after = forms.CharField(
        label="Back pain after the run (0 none, 10 worst)",
        required=False,
        widget=forms.RadioSelect(choices=[NOT_RATED, *PAIN_CHOICES]),
    )
    red_flags = CheckinForm.base_fields["red_flags"]

    def __init__(self, *args: Any, unit: DistanceUnit = "km", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit: DistanceUnit = unit
        self.fields["km"].label = f"Distance ({unit})"

    def refused(self, entry: Any) -> Sequence[Problem]:
        return run_problems(entry, self.today, self.unit)

    def relevant(self, problems: Sequence[Problem]) -> Sequence[Problem]:
        # The model's own cap on km is far above the longest run; name the one that counts,
        # in the runner's unit.
        km = self.core_data().get("km")
        if isinstance(km, int | float) and km > LONGEST_KM:
            return [
                *(p for p in problems if p.field != "km"),
                *distance_problems(km, None, self.unit),
            ]
        return problems

    def _km(self) -> Any:
        typed = number(self.cleaned_data.get("km"))
        # Only a distance converts; anything else goes to core as typed, to be named.
        if isinstance(typed, int | float) and typed > 0:
            return to_km(typed, self.unit)
        return typed

    def core_data(self) -> dict[str, Any]:
        d = self.cleaned_data
        return given(
            {
                "date": d.get("date"),
                "km": self._km(),
                "minutes": number(d.get("minutes")),
                "pain_during": number(d.get("pain_during")),
                "pain_after": number(d.get("pain_after")),
                "red_flags": list(d.get("red_flags", [])),
            }
        )


SET_PATH = re.compile(r"^sets\[(\d+)\]\.(\w+)$")


class SessionForm(CoreForm):
    """The session's date and each set's reps, pain and form; the exercises stay as logged."""

    model = Session

    date = forms.CharField(label="Date", required=False, widget=date_input())

    def __init__(
        self, sets: Sequence[m.SetEntry], *args: Any, kept: Session | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kept = kept
        self.exercises = [s.exercise for s in sets]
        self.groups: list[tuple[str, list[str]]] = []
        seen: dict[str, int] = {}
        for i, exercise in enumerate(self.exercises):
            seen[exercise] = seen.get(exercise, 0) + 1
            title = f"{_name(exercise)}, set {seen[exercise]}"
            self.fields[f"reps_{i}"] = forms.CharField(
                label=f"{title}: reps", required=False, widget=number_input()
            )
            self.fields[f"pain_{i}"] = forms.CharField(
                label=f"{title}: pain (0-10)", required=False, widget=number_input()
            )
            self.fields[f"form_{i}"] = forms.CharField(
                label=f"{title}: form",
                required=False,
                widget=forms.RadioSelect(choices=FORM_CHOICES),
            )
            self.groups.append((title, [f"reps_{i}", f"pain_{i}", f"form_{i}"]))

    def refused(self, entry: Any) -> Sequence[Problem]:
        return session_problems(entry, self.today)

    def set_fields(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in self.groups]

    def relevant(self, problems: Sequence[Problem]) -> Sequence[Problem]:
        # pydantic also calls a tuple 'too short' when its items fail; the sets are all there.
        if any(p.field.startswith("sets[") for p in problems):
            return [p for p in problems if p.field != "sets"]
        return problems

    def field_of(self, path: str) -> str:
        found = SET_PATH.match(path)
        return f"{found[2]}_{found[1]}" if found else top_field(path)

    def core_data(self) -> dict[str, Any]:
        d = self.cleaned_data
        sets = [
            given(
                {
                    "exercise": exercise,
                    "reps": number(d.get(f"reps_{i}")),
                    "pain": number(d.get(f"pain_{i}")),
                    "form": d.get(f"form_{i}"),
                }
            )
            for i, exercise in enumerate(self.exercises)
        ]
        kept = self.kept
        extra = {} if kept is None else kept.model_dump(include={"feeling_after", "items"})
        return given({"date": d.get("date"), "sets": sets, **extra})


def run_initial(run: Run, unit: DistanceUnit) -> dict[str, Any]:
    """A stored run as the edit form shows it, its distance in the runner's unit."""
    initial = run.model_dump(mode="json")
    if unit != "km":
        initial["km"] = round(from_km(run.km, unit), 2)
    return initial


def session_initial(session: Session) -> dict[str, Any]:
    initial: dict[str, Any] = {"date": session.date.isoformat()}
    for i, s in enumerate(session.sets):
        initial.update({f"reps_{i}": s.reps, f"pain_{i}": s.pain, f"form_{i}": s.form})
    return initial


def _name(exercise_id: str) -> str:
    catalog = load_catalog()
    return catalog[exercise_id].name if exercise_id in catalog else exercise_id
