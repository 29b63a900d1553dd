"""The check-in, step by step: Django forms drawn from core's one question set
(`core.questions`); core validates the profile they add up to."""

from __future__ import annotations

from typing import Any

from django import forms

from backstride.core.questions import (
    ABOUT_QUESTIONS,
    INFLAMMATORY_QUESTIONS,
    PAIN_QUESTIONS,
    WARNING_SIGNS,
    Question,
)

YES_NO = [("no", "No"), ("yes", "Yes")]
ANSWER_YES_OR_NO = "Please answer yes or no."
SCALE_SPAN = 10
GROUP_HEADINGS = {
    "emergency": "Signs that need emergency care",
    "urgent": "Signs that need advice today",
    "see_doctor": "Signs to see a doctor about",
    "self_manage": "How it began",
}  # whole-number questions with at most 11 answers are a row of buttons


def field_name(question: Question) -> str:
    return question.code.rpartition(".")[2]


def _number_field(q: Question) -> forms.Field:
    low, high = q.low, q.high
    if q.whole and low is not None and high is not None and high - low <= SCALE_SPAN:
        values = range(int(low), int(high) + 1)
        return forms.TypedChoiceField(
            label=q.text,
            choices=[(str(n), str(n)) for n in values],
            coerce=int,
            widget=forms.RadioSelect,
        )
    if q.whole:
        # Core's bounds are floats; a whole-number field's are whole, and shown as 12, not 12.0.
        return forms.IntegerField(label=q.text, min_value=_whole(low), max_value=_whole(high))
    return forms.FloatField(label=q.text, min_value=low, max_value=high)


def _whole(bound: float | None) -> int | None:
    return None if bound is None else int(bound)


def form_field(q: Question) -> forms.Field:
    """The Django field that asks one core question."""
    if q.kind == "yes_no":
        return forms.ChoiceField(
            label=q.text,
            choices=YES_NO,
            widget=forms.RadioSelect,
            error_messages={"required": ANSWER_YES_OR_NO},
        )
    if q.kind == "one":
        return forms.ChoiceField(label=q.text, choices=q.choices, widget=forms.RadioSelect)
    if q.kind == "many":
        return forms.MultipleChoiceField(
            label=q.text,
            choices=q.choices,
            required=q.required,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": "Please pick at least one."},
        )
    return _number_field(q)


class QuestionsForm(forms.Form):
    """A form of core questions; `answers()` gives them back in the profile's shape."""

    questions: tuple[Question, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for q in self.questions:
            self.fields[field_name(q)] = form_field(q)

    def answers(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for q in self.questions:
            value = self.cleaned_data[field_name(q)]
            if q.kind == "yes_no":
                value = value == "yes"
            head, _, tail = q.code.rpartition(".")
            (out.setdefault(head, {}) if head else out)[tail] = value
        return out

    def grouped(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The fields under a heading per level, in the order asked (emergency first)."""
        groups: dict[str, list[forms.BoundField]] = {}
        for q in self.questions:
            groups.setdefault(GROUP_HEADINGS[q.level], []).append(self[field_name(q)])
        return list(groups.items())

    def ticked(self) -> list[str]:
        """The codes of the yes/no questions answered yes."""
        return [q.code for q in self.questions if self.cleaned_data.get(q.code) == "yes"]


class WarningSignsForm(QuestionsForm):
    """One yes/no question per warning sign, the emergency ones first."""

    questions = WARNING_SIGNS


class PainForm(QuestionsForm):
    questions = PAIN_QUESTIONS


class AboutYouForm(QuestionsForm):
    questions = ABOUT_QUESTIONS


class InflammatoryForm(QuestionsForm):
    """Asked only for pain of 12 weeks or more that began before 45."""

    questions = INFLAMMATORY_QUESTIONS


def initial_of(questions: tuple[Question, ...], profile: dict[str, Any]) -> dict[str, Any]:
    """A stored profile as a step's initial values."""
    initial: dict[str, Any] = {}
    for q in questions:
        head, _, tail = q.code.rpartition(".")
        source = profile.get(head, {}) if head else profile
        if tail in source:
            value = source[tail]
            initial[field_name(q)] = ("yes" if value else "no") if q.kind == "yes_no" else value
    return initial


STEPS: dict[int, tuple[type[QuestionsForm], str]] = {
    1: (WarningSignsForm, "Warning signs"),
    2: (PainForm, "Your pain"),
    3: (AboutYouForm, "Your running, kit and time"),
    4: (InflammatoryForm, "A few more questions about your pain"),
}
