"""GPX files (gpxpy): distance over every track segment, times from the track points."""

from __future__ import annotations

import datetime as dt
import re

import gpxpy
import gpxpy.gpx

from backstride.runfiles.result import Activity, Unreadable, counts_as_run, utc
from backstride.runfiles.xml_bounds import check_xml

DECLARED_ENCODING = re.compile(rb"""<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']""")
BROKEN = "is not a valid GPX file: it may be cut off or damaged"
# gpxpy scans namespace declarations with a regular expression and a process-wide prefix
# table whose cost grows with the square of their number: a crafted 3 KB file kept both
# server workers busy past their timeout. Real GPX files declare a handful.
MAX_NAMESPACES = 32
NAMESPACE = re.compile(r"""\sxmlns(?::[\w.-]{1,64})?\s*=\s*(?:"[^"<]{0,512}"|'[^'<]{0,512}')""")


def read_gpx(data: bytes) -> Activity:
    gpx = _parse(data)
    if not gpx.tracks:
        if gpx.routes:
            raise Unreadable("is a planned route, not a recorded run: nothing was recorded.")
        raise Unreadable("holds no track: nothing was recorded.")
    points = [p for track in gpx.tracks for s in track.segments for p in s.points]
    if not points:
        raise Unreadable("holds a track with no points: nothing was recorded.")
    times = sorted(utc(p.time) for p in points if p.time is not None)
    # Some devices stamp only a few points (a GPSBabel export timed at its last five of 296):
    # first to last of those is not the run's duration. Most points timed, or no duration.
    timed = len(times) * 2 > len(points)
    return Activity(
        sport=_sport(gpx),
        # 2D: the GPS elevation of a watch is too noisy to add to the distance.
        metres=gpx.length_2d(),
        seconds=(times[-1] - times[0]).total_seconds() if timed else None,
        started_at=_start(gpx, times),
    )


def _parse(data: bytes) -> gpxpy.gpx.GPX:
    text = _text(data)
    _check_namespaces(text)
    check_xml(text, "GPX")
    try:
        return gpxpy.parse(text)
    except gpxpy.gpx.GPXException as error:
        first = str(error).strip().splitlines()[0][:160] if str(error).strip() else "bad XML"
        raise Unreadable(f"{BROKEN} ({first}).") from None


def _check_namespaces(text: str) -> None:
    declared = text.count("xmlns")
    if declared > MAX_NAMESPACES:
        raise Unreadable(f"is not a valid GPX file: it declares {declared} XML namespaces.")
    if len(NAMESPACE.findall(text)) != declared:
        raise Unreadable(f"{BROKEN} (a malformed XML namespace declaration).")


def _text(data: bytes) -> str:
    """UTF-8, or the encoding the XML declaration names (older Garmin and GPSBabel files
    say ISO-8859-1)."""
    declared = DECLARED_ENCODING.search(data[:200])
    encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        return data.decode("utf-8-sig" if encoding.lower() in ("utf-8", "utf8") else encoding)
    except (UnicodeDecodeError, LookupError):
        raise Unreadable(f"is not a valid GPX file: its text is not {encoding}.") from None


def _sport(gpx: gpxpy.gpx.GPX) -> str | None:
    """A run type if any track has one, else the first type named; None when none is."""
    named = (str(track.type or "").strip() for track in gpx.tracks)
    types = [t for t in named if t]
    runs = [t for t in types if counts_as_run(t)]
    if runs or types:
        return (runs or types)[0]
    return None


def _start(gpx: gpxpy.gpx.GPX, times: list[dt.datetime]) -> dt.datetime | None:
    """The first stamp of the track, even when only a few points carry one (they date the run
    and tell the same file apart when it comes again), else the file's own creation time,
    which an export tool may have written long after the run."""
    if times:
        return times[0]
    return utc(gpx.time) if gpx.time is not None else None
