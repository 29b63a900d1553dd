"""What tomllib made of the catalog files, kept as JSON between processes and keyed on the
files' bytes. Parsing the 34 TOML files was most of the catalog's load (about 10 ms of every
command); validating what they hold takes about 1 ms, so that is still done on every load,
under the code of the day. The figures' checks (anatomy, contact) take longer and run only
when a parse is stored, so the key holds the code of those checks too."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

Parsed = dict[str, dict[str, Any]]  # file name -> what tomllib made of that file
NAME = "catalog.json"
# Bumped when the layout of the cache file changes.
FORMAT = 1


def cache_key(sources: Sequence[tuple[str, bytes]]) -> str:
    """Every file's name and bytes, the Python version (tomllib comes with it) and the code
    of the figures' checks: a stored parse stands for a catalog whose figures passed them."""
    digest = hashlib.sha256(f"backstride catalog {FORMAT}\0{sys.version}\0".encode())
    digest.update(_figure_checks())
    for name, data in sources:
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def _figure_checks() -> bytes:
    folder = files("backstride.core.figures")
    code = sorted((r.name, r.read_bytes()) for r in folder.iterdir() if r.name.endswith(".py"))
    return b"".join(name.encode() + b"\0" + data for name, data in code)


def default_folders() -> list[Path]:
    """The user's cache folder, then the catalog's own __pycache__ (where Python keeps its
    bytecode) for a home that cannot be written. Whoever can write that one can already
    rewrite the catalog files beside it."""
    beside = Path(__file__).resolve().parent / "__pycache__"
    try:
        return [_user_cache() / "backstride", beside]
    except (RuntimeError, KeyError):  # no home directory to be found
        return [beside]


def _user_cache() -> Path:
    given = os.environ.get("XDG_CACHE_HOME", "")
    if given and Path(given).is_absolute():
        return Path(given)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches"
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"])
    return Path.home() / ".cache"


def read(folders: Sequence[Path], key: str) -> Parsed | None:
    """The parse stored under this key, or None: a missing, unreadable, foreign or older
    file is never an error, only a cache miss."""
    for folder in folders:
        try:
            stored = json.loads((folder / NAME).read_bytes())
        except (OSError, ValueError, RecursionError):  # RecursionError: nested too deep
            continue
        if not isinstance(stored, dict) or stored.get("key") != key:
            continue
        parsed = stored.get("files")
        if isinstance(parsed, dict) and all(isinstance(v, dict) for v in parsed.values()):
            return parsed
    return None


def write(folders: Sequence[Path], key: str, parsed: Parsed) -> None:
    """Store the parse in the first folder that takes it; written whole, then renamed, so a
    process reading at the same time sees the old file or the new one, never half of one."""
    try:
        text = json.dumps({"key": key, "files": parsed}, ensure_ascii=False)
    except (TypeError, ValueError):
        return  # a TOML date has no JSON form: then no cache, rather than a wrong one
    for folder in folders:
        partial = folder / f".{NAME}.{os.getpid()}"
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, folder / NAME)
            return
        except OSError:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
