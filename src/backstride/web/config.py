"""Settings from the environment, checked at start with a clear message for a bad value."""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dj_database_url
from platformdirs import user_data_dir

from backstride.web.email_url import EmailUrlError, email_settings


class ConfigError(Exception):
    """A setting in the environment is wrong; the message names it."""


def env_bool(name: str, default: bool) -> bool:
    """Only true/false (any case) or 1/0: 'yes', 'on' or a typo is refused, not guessed."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    raise ConfigError(f"{name} must be true or false, got {raw!r}")


@dataclass(frozen=True)
class Config:
    data_dir: Path
    secret_key: str
    debug: bool
    https: bool
    trusted_proxies: int
    allowed_hosts: list[str]
    database: dict[str, Any]
    emergency_number: str
    urgent_number: str
    # Django's EMAIL_* settings; empty when no email is configured (no reset emails then).
    email: dict[str, Any]
    email_from: str
    site_url: str


def data_dir() -> Path:
    path = Path(os.environ.get("BACKSTRIDE_DATA_DIR") or user_data_dir("backstride"))
    try:
        # Health data: a folder we create is the runner's alone (an existing one is left as
        # it is, and the files in it are made private by `private_files`).
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigError(f"BACKSTRIDE_DATA_DIR {path} cannot be created: {error}") from None
    return path


def secret_key(folder: Path) -> str:
    """BACKSTRIDE_SECRET_KEY, else a key generated once and kept in the data folder."""
    given = os.environ.get("BACKSTRIDE_SECRET_KEY")
    if given is not None:
        if len(given) < 32:
            raise ConfigError("BACKSTRIDE_SECRET_KEY must be at least 32 characters")
        return given
    path = folder / "secret_key"
    if not path.exists():
        # Created private: writing first and narrowing after would leave a readable moment.
        handle = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(handle, "w") as out:
            out.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def private_files(folder: Path) -> None:
    """The SQLite database and its WAL files readable by the runner alone; SQLite creates
    the WAL files with the database file's permissions."""
    for path in folder.glob("backstride.sqlite3*"):
        path.chmod(0o600)


def database(folder: Path) -> dict[str, Any]:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(folder / "backstride.sqlite3"),
            # WAL lets readers go on while a set is written; IMMEDIATE avoids lock upgrades.
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                " PRAGMA busy_timeout=5000;",
                "transaction_mode": "IMMEDIATE",
            },
            # Tests run on a file too, so their SQLite locks and snapshots are the real ones
            # (an in-memory database shares a cache with table locks of its own).
            "TEST": {"NAME": str(folder / "test-backstride.sqlite3")},
        }
    if not url.startswith(("postgres://", "postgresql://", "sqlite:///")):
        raise ConfigError("DATABASE_URL must start with postgres://, postgresql:// or sqlite:///")
    try:
        parsed: dict[str, Any] = dict(
            dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        )
    except ValueError as error:
        raise ConfigError(f"DATABASE_URL cannot be read: {error}") from None
    if parsed["ENGINE"].endswith("postgresql") and not parsed.get("NAME"):
        raise ConfigError("DATABASE_URL names no database")
    return parsed


MAX_PROXIES = 5


def trusted_proxies(https: bool) -> int:
    """BACKSTRIDE_TRUSTED_PROXIES: how many proxies in front of the server each append the
    address they were reached from to X-Forwarded-For. Never guessed: too many would believe
    an address the client wrote, too few would count every runner as the proxy. Behind HTTPS
    (a TLS proxy, by SECURE_PROXY_SSL_HEADER) it must be said, even if it is 0."""
    name = "BACKSTRIDE_TRUSTED_PROXIES"
    raw = os.environ.get(name, "").strip()
    if not raw:
        if https:
            raise ConfigError(
                f"BACKSTRIDE_HTTPS=true needs {name}: the number of proxies in front of the "
                "server that add the client's address to X-Forwarded-For (usually 1)"
            )
        return 0
    if not (raw.isascii() and raw.isdigit()) or int(raw) > MAX_PROXIES:
        raise ConfigError(f"{name} must be a whole number from 0 to {MAX_PROXIES}, got {raw!r}")
    return int(raw)


PHONE = re.compile(r"^\+?[0-9][0-9 ]{1,18}$")


def phone_number(name: str) -> str:
    """A number the help pages offer to call; none by default, since a wrong number is
    worse than none (the README says how to set them)."""
    raw = os.environ.get(name, "").strip()
    if raw and not PHONE.match(raw):
        raise ConfigError(f"{name} must be a phone number of digits (and spaces), got {raw!r}")
    return raw


def email() -> tuple[dict[str, Any], str]:
    """BACKSTRIDE_EMAIL_URL as Django's settings, and the sender (BACKSTRIDE_EMAIL_FROM, else
    the mail server's login when it is an address). Without it no email is sent at all."""
    url = os.environ.get("BACKSTRIDE_EMAIL_URL", "").strip()
    if not url:
        return {}, ""
    try:
        found = email_settings(url)
    except EmailUrlError as error:
        raise ConfigError(str(error)) from None
    sender = os.environ.get("BACKSTRIDE_EMAIL_FROM", "").strip()
    login = str(found.get("EMAIL_HOST_USER", ""))
    if not sender and "@" in login:
        sender = login
    if not sender:
        if found["EMAIL_BACKEND"].endswith("console.EmailBackend"):
            sender = "backstride <backstride@localhost>"
        else:
            raise ConfigError(
                "BACKSTRIDE_EMAIL_URL needs BACKSTRIDE_EMAIL_FROM, the address reset emails "
                "come from (e.g. backstride <coach@example.com>)"
            )
    if any(c in sender for c in "\r\n"):
        raise ConfigError("BACKSTRIDE_EMAIL_FROM must be one line")
    return found, sender


SITE = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?$")


def site_url(raw: str, name: str = "BACKSTRIDE_SITE_URL") -> str:
    """The address runners open the app at (e.g. https://coach.example.com), without a
    trailing slash: the start of the links in reset emails and `users reset-password`."""
    value = raw.strip()
    if not value:
        return ""
    if not SITE.match(value):
        raise ConfigError(f"{name} must look like https://coach.example.com, got {raw!r}")
    return value.rstrip("/")


def load() -> Config:
    folder = data_dir()
    hosts = os.environ.get("BACKSTRIDE_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    https = env_bool("BACKSTRIDE_HTTPS", False)
    mail, sender = email()
    return Config(
        data_dir=folder,
        secret_key=secret_key(folder),
        debug=env_bool("BACKSTRIDE_DEBUG", False),
        https=https,
        trusted_proxies=trusted_proxies(https),
        allowed_hosts=[h.strip() for h in hosts.split(",") if h.strip()],
        database=database(folder),
        emergency_number=phone_number("BACKSTRIDE_EMERGENCY_NUMBER"),
        urgent_number=phone_number("BACKSTRIDE_URGENT_NUMBER"),
        email=mail,
        email_from=sender,
        site_url=site_url(os.environ.get("BACKSTRIDE_SITE_URL", "")),
    )


# Keys carry today's date, so an entry is of no use after two days; the cap keeps the
# cache's size bounded for a clinic's many runners (each entry is tens of kilobytes).
DERIVED_TIMEOUT = 2 * 24 * 3600
DERIVED_ENTRIES = 20_000


def derived_cache(database: dict[str, Any], folder: Path) -> dict[str, Any]:
    """The derived-state cache shared by every worker. On SQLite (one machine) files in the
    data folder: reading and writing them takes no database lock, so a miss never holds
    SQLite's one write lock. On PostgreSQL a table in the same database, which every app
    server of a deployment shares, with no extra service to run."""
    options = {"MAX_ENTRIES": DERIVED_ENTRIES}
    if "sqlite" in database["ENGINE"]:
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(folder / "derived"),
            "TIMEOUT": DERIVED_TIMEOUT,
            "OPTIONS": options,
        }
    return {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "backstride_derived",
        "TIMEOUT": DERIVED_TIMEOUT,
        "OPTIONS": options,
    }


def throttle_cache(database: dict[str, Any], folder: Path) -> dict[str, Any]:
    """Counters of password-reset requests, shared by every worker as the derived cache is:
    on SQLite a folder of their own, on PostgreSQL rows in the derived cache's table under a
    prefix of their own (no second table to create). Losing them only resets the counts."""
    found = derived_cache(database, folder)
    if "sqlite" in database["ENGINE"]:
        return {**found, "LOCATION": str(folder / "throttle")}
    return {**found, "KEY_PREFIX": "throttle"}
