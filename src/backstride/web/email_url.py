"""BACKSTRIDE_EMAIL_URL read into Django's email settings, strictly: a scheme, option or
value we do not know is refused with a message naming it, never guessed or ignored."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

NAME = "BACKSTRIDE_EMAIL_URL"
SMTP = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE = "django.core.mail.backends.console.EmailBackend"
# Submission with STARTTLS is 587, implicit TLS 465; plain port 25 only when said.
DEFAULT_PORTS = {"smtp": 587, "smtps": 465}
OPTIONS = ("tls", "timeout")
EXAMPLE = "smtp://user:password@mail.example.com:587/?tls=true, smtps://..., or console://"


class EmailUrlError(ValueError):
    """The URL cannot be used; the message says why, without the password."""


def _flag(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    raise EmailUrlError(f"{NAME} option {name} must be true or false, got {raw!r}")


def _timeout(raw: str) -> int:
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= 300:
        raise EmailUrlError(f"{NAME} option timeout must be whole seconds from 1 to 300")
    return int(raw)


def _options(query: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for key, value in parse_qsl(query, keep_blank_values=True, strict_parsing=False):
        if key.lower() not in OPTIONS:
            known = ", ".join(OPTIONS)
            raise EmailUrlError(f"{NAME} has an unknown option {key!r} (known: {known})")
        found[key.lower()] = value
    return found


def email_settings(url: str) -> dict[str, Any]:
    """Django's EMAIL_* settings for one URL: smtp:// (STARTTLS with ?tls=true),
    smtps:// (implicit TLS) or console:// (each message printed, for trying it out)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme == "console":
        return {"EMAIL_BACKEND": CONSOLE}
    if scheme not in DEFAULT_PORTS:
        raise EmailUrlError(f"{NAME} must look like {EXAMPLE}")
    try:
        port = parts.port or DEFAULT_PORTS[scheme]
    except ValueError:
        raise EmailUrlError(f"{NAME} has a port that is not a number from 1 to 65535") from None
    if not parts.hostname:
        raise EmailUrlError(f"{NAME} names no mail server (the host after @)")
    options = _options(parts.query)
    tls = _flag("tls", options["tls"]) if "tls" in options else False
    if scheme == "smtps" and tls:
        raise EmailUrlError(f"{NAME}: smtps:// is already TLS; leave out ?tls=true")
    found: dict[str, Any] = {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": tls,
        "EMAIL_USE_SSL": scheme == "smtps",
        # A mail server that never answers must not hold a worker for ever.
        "EMAIL_TIMEOUT": _timeout(options["timeout"]) if "timeout" in options else 20,
    }
    return found
