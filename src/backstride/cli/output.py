"""How commands end: JSON on stdout, or one line per problem on stderr and exit code 2."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from typing import ParamSpec

import typer

from backstride.core.errors import InputError, Problem, as_lines

P = ParamSpec("P")


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def fail(problems: Sequence[Problem]) -> typer.Exit:
    """One 'error: field: message' line per problem (the message alone for the whole input)."""
    for line in as_lines(problems):
        sys.stderr.write(f"error: {line}\n")
    return typer.Exit(code=2)


def guarded(command: Callable[P, None], *args: P.args, **kwargs: P.kwargs) -> None:
    """Run a command body; a user mistake becomes exit 2 with a clear line, no traceback."""
    try:
        command(*args, **kwargs)
    except InputError as error:
        raise fail(error.problems) from None
