"""A way back into a forgotten account: Django's own reset flow with our pages and email.

The answer to a reset request is the same whether or not the email has an account, and
as quick: the email is sent from a thread of its own, so a slow mail server does not tell
anyone timing the answer that it had something to send."""

from __future__ import annotations

import hashlib
import threading
from typing import Any

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.contrib.auth.views import (
    PasswordResetCompleteView,
    PasswordResetConfirmView,
    PasswordResetView,
)
from django.core.cache import caches
from django.core.mail import EmailMessage
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse_lazy

from backstride.web.accounts import service
from backstride.web.accounts.forms import error_summary
from backstride.web.accounts.throttle import client_address

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
_sending: set[threading.Thread] = set()
_sending_lock = threading.Lock()


def _send(message: EmailMessage) -> None:
    try:
        # fail_silently: a refused send is logged by Django's backend, and the runner who
        # gets nothing asks again; the page they saw cannot change afterwards anyway.
        message.send(fail_silently=True)
    finally:
        with _sending_lock:
            _sending.discard(threading.current_thread())


def send_apart(message: EmailMessage) -> None:
    thread = threading.Thread(target=_send, args=(message,), name="reset-email", daemon=True)
    with _sending_lock:
        _sending.add(thread)
    thread.start()


def wait_for_sending(seconds: float = 10) -> None:
    """Wait for the emails still being sent (tests read the outbox after this)."""
    with _sending_lock:
        pending = list(_sending)
    for thread in pending:
        thread.join(seconds)


def counted(key: str, limit: int) -> bool:
    """Count one more request under key in the current window; False once over the limit."""
    cache = caches["throttle"]
    cache.add(key, 0, timeout=settings.RESET_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the two calls: this is the window's first
        cache.set(key, 1, timeout=settings.RESET_WINDOW_SECONDS)
        count = 1
    return int(count) <= limit


def base_url(request: HttpRequest) -> str:
    """Where the link in the email points: the configured site, else the address the
    request came to (its host is one of ALLOWED_HOSTS, which Django has checked)."""
    return str(settings.SITE_URL) or f"{request.scheme}://{request.get_host()}"


class ResetRequestForm(PasswordResetForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["email"]
        field.widget.attrs.update(autofocus=True)
        field.error_messages.update(
            required="Please enter the email you signed up with.",
            invalid="That does not look like an email address; please check it.",
        )

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        """Plain text only, in our words, sent apart from the answer."""
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        send_apart(EmailMessage(subject, body, from_email, [to_email]))


class ResetRequestView(PasswordResetView):
    form_class = ResetRequestForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_sent")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context.get("form")
        problems = error_summary(form) if form is not None and form.is_bound else []
        return {**context, "email_configured": settings.EMAIL_CONFIGURED, "problems": problems}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.EMAIL_CONFIGURED:
            return self.render_to_response(self.get_context_data(), status=400)
        address = client_address(request) or "unknown"
        if not counted(f"reset-address:{address}", settings.RESET_LIMIT_PER_ADDRESS):
            return self.response_class(
                request=request, template="accounts/password_reset_paused.html", status=429
            )
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form: Any) -> HttpResponse:
        email = str(form.cleaned_data["email"]).strip().lower()
        key = "reset-email:" + hashlib.sha256(email.encode()).hexdigest()
        # Past the email's limit nothing is sent, and the answer stays the same.
        if counted(key, settings.RESET_LIMIT_PER_EMAIL):
            form.save(
                request=self.request,
                token_generator=self.token_generator,
                email_template_name=self.email_template_name,
                subject_template_name=self.subject_template_name,
                extra_email_context={"base_url": base_url(self.request)},
            )
        return HttpResponseRedirect(self.get_success_url())


class NewPasswordForm(SetPasswordForm):  # type: ignore[type-arg]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[
            "new_password1"
        ].help_text = "At least 8 characters. A few words you will remember work well."
        self.fields["new_password2"].label = "The new password again"
        self.fields["new_password2"].help_text = "Once more, to be sure it is what you meant."


class NewPasswordView(PasswordResetConfirmView):
    """The link from the email or from `backstride users reset-password`. It works once:
    the token is made from the password's hash, which the new password changes."""

    form_class = NewPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_done")
    post_reset_login = True
    post_reset_login_backend = MODEL_BACKEND

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context.get("form")
        problems = error_summary(form) if form is not None and form.is_bound else []
        return {**context, "problems": problems}

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        # As with a changed password: a token got with the old one must not outlive it.
        service.revoke_api_tokens(form.user)
        return response


class ResetDoneView(PasswordResetCompleteView):
    template_name = "accounts/password_reset_done.html"
