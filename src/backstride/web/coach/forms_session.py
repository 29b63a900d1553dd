"""The guided session's one form with a field of its own: how the back feels at the end.
Its rule (a whole number 0 to 10, with something saved today) is core's decide_feeling."""

from __future__ import annotations

from django import forms

from backstride.web.coach.forms_log import PAIN_CHOICES


class FeelingForm(forms.Form):
    feeling_after = forms.CharField(
        label="How does your back feel now? (0 no pain, 10 the worst you can imagine)",
        required=False,
        widget=forms.RadioSelect(choices=PAIN_CHOICES),
    )


def whole_number(value: str | None) -> int | None:
    """The answer as a whole number, None for anything else (core refuses None)."""
    text = (value or "").strip()
    if text.isascii() and text.isdigit() and len(text) <= 3:
        return int(text)
    return None
