"""Sign up, log in and out, change the password, and leave with (or bring) your data."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from backstride.core.errors import InputError, Problem, parse_json, validate
from backstride.web.accounts import service
from backstride.web.accounts.forms import (
    DeleteAccountForm,
    EmailLoginForm,
    ImportForm,
    SignupForm,
    add_problems,
    error_summary,
)
from backstride.web.accounts.models import User
from backstride.web.api.schemas import ExportData
from backstride.web.coach import selectors, services

# Several backends are configured (django-axes first), so login() must be told which one.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _page(
    request: HttpRequest, template: str, form: Any, status: int = 200, **extra: Any
) -> HttpResponse:
    context = {"form": form, "problems": error_summary(form) if form.is_bound else [], **extra}
    return render(request, f"accounts/{template}", context, status=status)


class EmailLoginView(LoginView):
    """Log in by email. django-axes counts failures and answers 429 with accounts/locked.html."""

    form_class = EmailLoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # The reset link is offered only where a reset email can be sent.
        return {**super().get_context_data(**kwargs), "email_configured": settings.EMAIL_CONFIGURED}


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("coach:plan")
    if request.method == "GET":
        return _page(request, "signup.html", SignupForm())
    form = SignupForm(request.POST)
    if form.is_valid():
        try:
            user = service.create_account(form.cleaned_data["email"], form.cleaned_data["password"])
        except InputError as error:
            add_problems(form, error.problems)
        else:
            login(request, user, backend=MODEL_BACKEND)
            messages.success(request, "Welcome to backstride. Let's start with a short check-in.")
            return redirect("coach:intake")
    return _page(request, "signup.html", form, status=400)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, "You are logged out.")
    return redirect("coach:home")


@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    context = {"email": user.email, "tokens": service.api_tokens(user)}
    return render(request, "accounts/account.html", context)


@login_required
@require_POST
def sign_out_api_tokens(request: HttpRequest) -> HttpResponse:
    """Logging out here ends this browser's session only; this signs out the apps and
    scripts that hold an API token."""
    revoked = service.revoke_api_tokens(_user(request))
    messages.success(request, f"{revoked} API token(s) were signed out.")
    return redirect("accounts:account")


@login_required
@require_http_methods(["GET", "POST"])
def change_password(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if request.method == "GET":
        return _page(request, "password.html", PasswordChangeForm(user))
    form = PasswordChangeForm(user, request.POST)
    if not form.is_valid():
        return _page(request, "password.html", form, status=400)
    form.save()
    update_session_auth_hash(request, form.user)
    # A token got with the old password must not outlive it (a lost phone, a shared laptop).
    revoked = service.revoke_api_tokens(form.user)
    signed_out = f" {revoked} API token(s) were signed out." if revoked else ""
    messages.success(request, f"Your password is changed.{signed_out}")
    return redirect("accounts:account")


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    """Deleting the user deletes every row that hangs off it (profile, logs, tokens)."""
    user = _user(request)
    if request.method == "GET":
        return _page(request, "delete.html", DeleteAccountForm(user))
    form = DeleteAccountForm(user, request.POST)
    if not form.is_valid():
        return _page(request, "delete.html", form, status=400)
    logout(request)
    service.delete_account(user)
    messages.success(request, "Your account and all your data are deleted. Take care.")
    return redirect("coach:home")


@login_required
@require_GET
def export_json(request: HttpRequest) -> HttpResponse:
    body = json.dumps(selectors.export(_user(request)), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="backstride-export.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_json(request: HttpRequest) -> HttpResponse:
    """Set the profile and add the history items not stored yet; a bad file stores nothing."""
    if request.method == "GET":
        return render(request, "accounts/import.html", {"form": ImportForm()})
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            data = _read_export(form)
        except InputError as error:
            # The page words each problem as the CLI and the API do; the file is the whole input.
            for field, message in error.problems:
                form.add_error("file", f"{field or 'file'}: {message}")
        else:
            added = services.import_data(
                user=_user(request), profile=data.profile, history=data.history
            )
            messages.success(
                request,
                f"Imported: {added['sessions']} sessions, {added['checkins']} check-ins, "
                f"{added['runs']} runs",
            )
            return redirect("coach:history")
    return render(request, "accounts/import.html", {"form": form}, status=400)


def _read_export(form: ImportForm) -> ExportData:
    try:
        text = form.text()
    except UnicodeDecodeError:
        raise InputError([Problem("file", "is not a text file (expected UTF-8 JSON)")]) from None
    return validate(ExportData, parse_json(text, "file"))
