"""`backstride plan --pdf FILE`: the web app's printable page, rendered standalone, as a PDF."""

from __future__ import annotations

import datetime as dt
import sys
from importlib.resources import files
from pathlib import Path

from backstride.core.assessment import assess
from backstride.core.errors import InputError, Problem
from backstride.core.plan import PlanResult
from backstride.core.profile import Profile
from backstride.reports.printable import PdfUnavailable, html_to_pdf, printable_context

TEMPLATE = "coach/printable.html"


def template_dir() -> Path:
    return Path(str(files("backstride.web.coach") / "templates"))


def render_html(profile: Profile, result: PlanResult, today: dt.date) -> str:
    """The printable page, from the same template as the web app, without Django settings."""
    from django.template import Context, Engine

    engine = Engine(dirs=[str(template_dir())], autoescape=True)
    context = Context(printable_context(profile, result, today), autoescape=True)
    return str(engine.get_template(TEMPLATE).render(context))


def plan_pdf(profile_file: str, history_file: str | None, today: str, out: str) -> None:
    from backstride.cli.sources import read_inputs

    profile, history, day = read_inputs(profile_file, history_file, today)
    result = assess(profile, history, day).result
    try:
        pdf = html_to_pdf(render_html(profile, result, day))
    except PdfUnavailable as error:
        raise InputError([Problem("--pdf", str(error))]) from None
    write_file("--pdf", out, pdf)
    sys.stdout.write(f"Printable plan written to {out}\n")


def write_file(option: str, name: str, content: bytes) -> None:
    path = Path(name)
    try:
        if path.is_dir():
            raise InputError([Problem(option, f"{name} is a folder, not a file")])
        path.write_bytes(content)
    except FileNotFoundError:
        raise InputError([Problem(option, f"folder {path.parent} does not exist")]) from None
    except PermissionError:
        denied = f"{name} cannot be written (permission denied)"
        raise InputError([Problem(option, denied)]) from None
    except OSError as error:
        unwritten = f"{name} cannot be written ({error.strerror})"
        raise InputError([Problem(option, unwritten)]) from None
