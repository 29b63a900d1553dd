"""`backstride users`: looking after the accounts of a self-hosted install, such as a
reset link for a runner who forgot their password where no email can be sent."""

from __future__ import annotations

import typer

from backstride.core.errors import InputError, Problem

DEFAULT_BASE = "http://127.0.0.1:8000"


def reset_password_command(email: str, base_url: str | None) -> None:
    from backstride.web.server import migrate

    migrate()
    print_reset_link(email, base_url)


def print_reset_link(email: str, base_url: str | None) -> None:
    """The link on stdout (for a script or a message to the runner); what it is on stderr."""
    from django.conf import settings

    from backstride.web.accounts import service
    from backstride.web.config import ConfigError, site_url

    try:
        base = site_url(base_url, "--base-url") if base_url is not None else settings.SITE_URL
    except ConfigError as error:
        raise InputError([Problem("", str(error))]) from None
    if base_url is not None and not base:
        raise InputError([Problem("--base-url", "is empty; give the address, or leave it out")])
    link = f"{base or DEFAULT_BASE}{service.reset_path(email)}"
    hours = settings.PASSWORD_RESET_TIMEOUT // 3600
    typer.echo(
        f"A link that sets a new password for {email.strip()}: it works once, within "
        f"{hours} hours. Send it to them privately.",
        err=True,
    )
    typer.echo(link)
