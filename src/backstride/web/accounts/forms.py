"""Account forms, and how a form shows the problems of an InputError."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UsernameField

from backstride.core.errors import Problem
from backstride.web.accounts.models import User

MAX_IMPORT_BYTES = 5 * 1024 * 1024


def top_field(path: str) -> str:
    """'history.runs[0].km' -> 'history': the form field a problem's path belongs to."""
    return path.split(".")[0].split("[")[0]


def add_problems(
    form: forms.Form, problems: Iterable[Problem], field_of: Callable[[str], str] = top_field
) -> None:
    """Put each problem on the form field it names, else on the whole form, path and all."""
    for problem in problems:
        name = field_of(problem.field)
        if name in form.fields:
            form.add_error(name, problem.message.replace("is required", "please fill this in"))
        else:
            form.add_error(None, str(problem))


def error_summary(form: forms.Form) -> list[str]:
    """Every problem as 'Label: problem', for the list at the top of a rejected form."""
    lines = [str(e) for e in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name in form.fields:
            label = form.fields[name].label or name
            lines += [f"{label}: {e}" for e in errors]
    return lines


class EmailLoginForm(AuthenticationForm):
    """Django's login form; the field keeps the name 'username' (django-axes reads it)."""

    username = UsernameField(
        label="Email",
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "That email and password do not match an account. Check both and "
        "try again.",
    }

    def clean_username(self) -> str:
        return str(self.cleaned_data.get("username", "")).strip().lower()


class SignupForm(forms.Form):
    """Only the widgets: accounts.service.create_account judges the email and password."""

    email = forms.CharField(
        label="Email",
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label="Password",
        required=False,
        strip=False,
        help_text="At least 8 characters. A few words you will remember work well.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Please enter your password to confirm."},
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = str(self.cleaned_data["password"])
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password. Nothing was deleted.")
        return password


class ImportForm(forms.Form):
    """Each problem is a 'where: problem' line, as the CLI and the API word them."""

    file = forms.FileField(
        label="Export file (.json)",
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
        error_messages={
            "required": "file: please choose a file",
            "empty": "file: is empty; expected a JSON object",
        },
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("file: is larger than 5 MB")
        return upload

    def text(self) -> str:
        """The file's text; raises ValueError when it is not UTF-8."""
        return bytes(self.cleaned_data["file"].read()).decode("utf-8-sig")
