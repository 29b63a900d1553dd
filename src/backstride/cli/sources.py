"""Reading the files a command is given, with one clear line when that fails."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import BinaryIO

from backstride.core.errors import InputError, Problem
from backstride.core.history import History
from backstride.core.inputs import history_from_json, parse_today, profile_from_json
from backstride.core.profile import Profile

MAX_INPUT_BYTES = 20 * 1024 * 1024


def read_text(option: str, name: str) -> str:
    """The text of FILE, or of standard input for '-'; at most 20 MB of either."""
    if not name:
        raise InputError([Problem(option, "needs a file name, or - for standard input")])
    if name == "-":
        return _limited(option, "standard input", sys.stdin.buffer)
    path = Path(name)
    try:
        if path.is_dir():
            raise InputError([Problem(option, f"{name} is a folder, not a file")])
        # A device or a pipe (/dev/zero, a FIFO) could block or never end; only files are read.
        if path.exists() and not path.is_file():
            raise InputError([Problem(option, f"{name} is not a regular file")])
        with path.open("rb") as stream:
            return _limited(option, f"file {name}", stream)
    except FileNotFoundError:
        raise InputError([Problem(option, f"file {name} does not exist")]) from None
    except PermissionError:
        denied = f"file {name} cannot be read (permission denied)"
        raise InputError([Problem(option, denied)]) from None
    except OSError as error:
        unread = f"file {name} cannot be read ({error.strerror})"
        raise InputError([Problem(option, unread)]) from None


def _limited(option: str, what: str, stream: BinaryIO) -> str:
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError([Problem(option, f"{what} is larger than 20 MB")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([Problem(option, f"{what} is not UTF-8 text")]) from None


def read_inputs(
    profile_file: str, history_file: str | None, today: str
) -> tuple[Profile, History, dt.date]:
    """The profile, the history (empty without a file) and the day, as commands take them."""
    if profile_file == "-" and history_file == "-":
        raise InputError([Problem("--history", "standard input is already used by --profile")])
    day = parse_today(today)
    profile = profile_from_json(read_text("--profile", profile_file), "--profile")
    history = _history(history_file) if history_file is not None else History()
    return profile, history, day


def _history(name: str) -> History:
    """A problem outside the three lists names the history file: a profile given as
    --history by mistake would otherwise read as a problem with the profile."""
    text = read_text("--history", name)
    try:
        return history_from_json(text, "--history")
    except InputError as error:
        own = ("--history", "sessions", "checkins", "runs")
        # The option names where, then the field inside the file: '--history: age'.
        named = [
            p if p.field.startswith(own) else Problem(_in_history(p.field), p.message)
            for p in error.problems
        ]
        raise InputError(named) from None


def _in_history(field: str) -> str:
    return f"--history: {field}" if field else "--history"
