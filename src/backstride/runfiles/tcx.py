"""TCX files (tcxreader): distance from the laps' own totals, times from the track points."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any
from xml.etree.ElementTree import ParseError

from gpxpy.geo import Location, length_2d
from tcxreader.tcxreader import TCXReader  # type: ignore[import-untyped]

from backstride.runfiles.result import Activity, Unreadable, utc
from backstride.runfiles.xml_bounds import check_xml

BROKEN = "is not a valid TCX file: it may be cut off or damaged"


def read_tcx(data: bytes) -> Activity:
    check_xml(data, "TCX")
    try:
        # only_gps=False: a treadmill run has no positions and is still a run.
        exercise = TCXReader().read(io.BytesIO(data), only_gps=False)
    except ParseError as error:
        raise Unreadable(f"{BROKEN} ({error}).") from None
    points: list[Any] = list(exercise.trackpoints or [])
    if exercise.activity_type is None:
        if b"<Course" in data:
            raise Unreadable("is a planned course, not a recorded run: nothing was recorded.")
        raise Unreadable("holds no activity: nothing was recorded.")
    if not points:
        raise Unreadable("holds no recorded track points: nothing was recorded.")
    times = sorted(utc(p.time) for p in points if isinstance(p.time, dt.datetime))
    return Activity(
        sport=str(exercise.activity_type),
        metres=_metres(float(exercise.distance or 0), points),
        # TotalTimeSeconds (timer time) is not read by tcxreader: first to last point.
        seconds=(times[-1] - times[0]).total_seconds() if len(times) > 1 else None,
        started_at=times[0] if times else None,
    )


def _metres(laps_total: float, points: list[Any]) -> float:
    """The laps' DistanceMeters, else the points' running total, else the track's length."""
    if laps_total > 0:
        return laps_total
    running = [float(p.distance) for p in points if p.distance is not None]
    if running and max(running) > 0:
        return max(running)
    located = [
        Location(float(p.latitude), float(p.longitude))
        for p in points
        if p.latitude is not None and p.longitude is not None
    ]
    return float(length_2d(located)) if len(located) > 1 else 0.0
