"""`backstride runs import`: run files into the local database (the one `backstride serve`
uses), one line per file saying what became of it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from backstride.core.errors import InputError, Problem
from backstride.runfiles import MAX_BYTES

if TYPE_CHECKING:
    from backstride.web.accounts.models import User

NO_ACCOUNT = "no account in this database yet: sign up in the web app first (backstride serve)"


def import_command(paths: list[Path], email: str | None) -> None:
    prepare_database()
    import_into(paths, email)


def prepare_database() -> None:
    """The settings and migrations of `backstride serve`; static files are not needed here."""
    from backstride.web.server import migrate

    migrate()


def import_into(paths: list[Path], email: str | None) -> None:
    """Import into the configured database; each file is its own transaction, so a file that
    fails leaves the others imported. A rejected file is bad input: it is listed on stderr
    and the command ends with exit code 2, after the good files are in."""
    from backstride.web.coach.run_import import import_files

    # A device or a pipe could block or never end: refuse them before importing anything.
    odd = [Problem(str(path), "is not a regular file") for path in paths if not path.is_file()]
    if odd:
        raise InputError(odd)
    user = _account(email)
    batch = ((path.name, _read(path)) for path in paths)
    rejected = 0
    for outcome in import_files(user, batch):
        rejected += outcome.status == "rejected"
        typer.echo(f"{outcome.status}: {outcome.message}", err=outcome.status == "rejected")
    if rejected:
        raise typer.Exit(code=2)


def _account(email: str | None) -> User:
    from backstride.web.accounts.models import User

    if email is not None:
        user = User.objects.filter(email=email.strip().lower()).first()
        if user is None:
            missing = f"no account with the email {email} in this database"
            raise InputError([Problem("--email", missing)])
        return user
    users = list(User.objects.order_by("id")[:2])
    if not users:
        raise InputError([Problem("", NO_ACCOUNT)])
    if len(users) > 1:
        several = "this database holds several accounts; say which with --email"
        raise InputError([Problem("--email", several)])
    return users[0]


def _read(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            # One byte over the cap is enough for the file to be refused as too big.
            return handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise InputError([Problem(str(path), f"cannot be read: {error.strerror}")]) from None
