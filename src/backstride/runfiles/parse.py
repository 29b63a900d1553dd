"""`parse_run_file`: one uploaded or local file in, a run, a skip or a rejection out."""

from __future__ import annotations

import gzip
import io
import logging
import re
import zlib
from collections.abc import Callable
from pathlib import PurePath
from typing import Literal

from backstride.runfiles.fit import read_fit
from backstride.runfiles.gpx import read_gpx
from backstride.runfiles.result import Activity, FileResult, Unreadable, decide, rejected
from backstride.runfiles.tcx import read_tcx

log = logging.getLogger(__name__)

# The cap on one file, before and after unpacking: a long run's FIT file is well under 1 MB,
# a GPX with a point each second a few MB.
MAX_BYTES = 20 * 1024 * 1024
CAP_WORDS = "20 MB"

Format = Literal["gpx", "tcx", "fit"]
READERS: dict[Format, Callable[[bytes], Activity]] = {
    "gpx": read_gpx,
    "tcx": read_tcx,
    "fit": read_fit,
}
# The root element of a GPX or TCX document, after any XML declaration and comments.
XML_ROOT = re.compile(r"<(?:[\w.-]+:)?(gpx|TrainingCenterDatabase)[\s/>]")
GZIP_MAGIC = b"\x1f\x8b"


def parse_run_file(name: str, data: bytes) -> FileResult:
    """Read a GPX, TCX or FIT file (or one of them gzipped, as Strava exports them); the
    format comes from the content, never only from the name's extension."""
    if len(data) > MAX_BYTES:
        return _too_big(name)
    if not data.strip():
        return rejected(name, "is empty: there is nothing to import.")
    if data.startswith(GZIP_MAGIC):
        try:
            data = _gunzip(data)
        except Unreadable as error:
            return rejected(name, error.problem)
        if len(data) > MAX_BYTES:
            return _too_big(name)
    kind = sniff(data)
    if kind is None:
        return rejected(name, _not_a_run_file(name))
    return _read(name, kind, data)


def sniff(data: bytes) -> Format | None:
    """FIT files carry '.FIT' at bytes 8-11 of their header; GPX and TCX are XML documents
    whose root element names them."""
    if len(data) >= 12 and data[8:12] == b".FIT":
        return "fit"
    match = XML_ROOT.search(data[:4096].decode("utf-8", errors="ignore"))
    if match is None:
        return None
    return "gpx" if match.group(1) == "gpx" else "tcx"


def _read(name: str, kind: Format, data: bytes) -> FileResult:
    try:
        activity = READERS[kind](data)
    except Unreadable as error:
        return rejected(name, error.problem)
    except MemoryError:
        # Not a damaged file but one too big to read: isolated.py says so, with its limit.
        raise
    except Exception:
        # The parsers meet bytes from anywhere and fail in many ways (KeyError, TypeError,
        # struct.error...); each means this file is bad, and must not sink the whole batch.
        log.info("run file %r could not be read as %s", name, kind, exc_info=True)
        return rejected(name, f"could not be read as a {kind.upper()} file: it may be damaged.")
    return decide(name, activity)


def _gunzip(data: bytes) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as unpacked:
            # One byte over the cap is enough to refuse it, without unpacking a zip bomb.
            return unpacked.read(MAX_BYTES + 1)
    except (OSError, EOFError, zlib.error):
        raise Unreadable("is a damaged gzip archive: it cannot be unpacked.") from None


def _too_big(name: str) -> FileResult:
    return rejected(name, f"is larger than {CAP_WORDS}, the most a run file may be.")


def _not_a_run_file(name: str) -> str:
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension in READERS:
        return f"is not a valid {extension.upper()} file: its content is something else."
    return "is not a GPX, TCX or FIT file: export your run in one of these formats."
