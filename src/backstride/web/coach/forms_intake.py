"""The check-in, step by step: Django forms for the widgets; core validates the profile."""

from __future__ import annotations

from typing import Any

from django import forms

from backstride.core.questions import QUESTIONS
from backstride.core.vocab import EMERGENCY_FLAGS, EQUIPMENT, SEE_DOCTOR_FLAGS

YES_NO = [("no", "No"), ("yes", "Yes")]


def _choices(codes: tuple[str, ...] | list[str]) -> list[tuple[str, str]]:
    return [(c, c.replace("_", " ").capitalize()) for c in codes]


class WarningSignsForm(forms.Form):
    """One yes/no question per warning sign, the emergency ones first."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for flag in (*EMERGENCY_FLAGS, *SEE_DOCTOR_FLAGS):
            self.fields[flag] = forms.ChoiceField(
                label=QUESTIONS[flag],
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={"required": "Please answer yes or no."},
            )

    def flags(self) -> list[str]:
        return [f for f, answer in self.cleaned_data.items() if answer == "yes"]


class PainForm(forms.Form):
    regions = forms.MultipleChoiceField(
        label="Where does it hurt?",
        choices=_choices(["lower_back", "upper_back"]),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Pick at least one: lower back or upper back."},
    )
    intensity = forms.TypedChoiceField(
        label="How bad is it usually? 0 is none, 10 the worst you can imagine.",
        choices=[(str(n), str(n)) for n in range(11)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    weeks = forms.IntegerField(label="For how many weeks has it hurt?", min_value=0, max_value=1040)
    trend = forms.ChoiceField(
        label="Lately it is getting",
        widget=forms.RadioSelect,
        choices=[("better", "Better"), ("same", "About the same"), ("worse", "Worse")],
    )
    timing = forms.MultipleChoiceField(
        label="When does it hurt?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("during_run", "During runs"),
            ("after_run", "After runs"),
            ("at_rest", "At rest"),
            ("at_night", "At night"),
            ("morning", "In the morning"),
        ],
    )
    worse_with = forms.MultipleChoiceField(
        label="Which movements make it worse?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("bending_backward", "Bending backward"),
            ("bending_forward", "Bending forward"),
            ("twisting", "Twisting"),
            ("sitting", "Sitting"),
            ("standing", "Standing"),
        ],
    )
    eases_with_rest = forms.ChoiceField(
        label="Does it ease when you rest?", choices=YES_NO, widget=forms.RadioSelect
    )

    def pain(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["eases_with_rest"] = data["eases_with_rest"] == "yes"
        return data


class AboutYouForm(forms.Form):
    age = forms.IntegerField(label="Your age", min_value=12, max_value=100)
    level = forms.ChoiceField(
        label="Your running",
        widget=forms.RadioSelect,
        choices=[
            ("beginner", "Beginner"),
            ("intermediate", "Intermediate"),
            ("advanced", "Advanced"),
        ],
    )
    weekly_km = forms.FloatField(label="About how many km a week?", min_value=0, max_value=500)
    runs_per_week = forms.IntegerField(label="Runs a week", min_value=0, max_value=14)
    equipment = forms.MultipleChoiceField(
        label="Kit you have",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=_choices(list(EQUIPMENT)),
    )
    setting = forms.ChoiceField(
        label="Where will you train?",
        widget=forms.RadioSelect,
        choices=[("indoor", "Indoors"), ("outdoor", "Outdoors")],
    )
    minutes_per_session = forms.IntegerField(
        label="Minutes per session", min_value=5, max_value=120
    )
    strength_days_per_week = forms.IntegerField(
        label="Strength days a week", min_value=1, max_value=4
    )

    def about(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "age": d["age"],
            "running": {
                "level": d["level"],
                "weekly_km": d["weekly_km"],
                "runs_per_week": d["runs_per_week"],
            },
            "equipment": d["equipment"],
            "setting": d["setting"],
            "minutes_per_session": d["minutes_per_session"],
            "strength_days_per_week": d["strength_days_per_week"],
        }


def about_initial(profile: dict[str, Any]) -> dict[str, Any]:
    """A stored profile as the third step's initial values."""
    running = profile.get("running", {})
    return {**profile, **running}


STEPS: dict[int, tuple[type[forms.Form], str]] = {
    1: (WarningSignsForm, "Warning signs"),
    2: (PainForm, "Your pain"),
    3: (AboutYouForm, "Your running, kit and time"),
}
