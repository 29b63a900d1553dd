"""Reading the files a command is given, with one clear line when that fails."""

from __future__ import annotations

import sys
from pathlib import Path

from backstride.core.errors import InputError

MAX_INPUT_BYTES = 20 * 1024 * 1024


def read_text(option: str, name: str) -> str:
    """The text of FILE, or of standard input for '-'."""
    if name == "-":
        return sys.stdin.read(MAX_INPUT_BYTES + 1)[: MAX_INPUT_BYTES + 1]
    path = Path(name)
    try:
        if path.is_dir():
            raise InputError([f"{option}: {name} is a folder, not a file"])
        if path.stat().st_size > MAX_INPUT_BYTES:
            raise InputError([f"{option}: {name} is larger than 20 MB"])
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError([f"{option}: file {name} does not exist"]) from None
    except PermissionError:
        raise InputError([f"{option}: file {name} cannot be read (permission denied)"]) from None
    except UnicodeDecodeError:
        raise InputError([f"{option}: file {name} is not UTF-8 text"]) from None
    except OSError as error:
        raise InputError([f"{option}: file {name} cannot be read ({error.strerror})"]) from None
