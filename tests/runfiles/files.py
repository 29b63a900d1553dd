"""Run files for tests: the real device files of the shared test data, and small files built
here with gpxpy, fit-tool or plain TCX XML (keyword overrides, like tests/factories.py)."""

from __future__ import annotations

import datetime as dt
import struct
from pathlib import Path

import gpxpy.gpx
from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.profile_type import FileType, Manufacturer, Sport, SubSport
from fitdecode.utils import compute_crc  # type: ignore[import-untyped]

# The shared/ folder beside the repository (the same layout in CI).
TESTDATA = Path(__file__).resolve().parents[3] / "shared" / "testdata" / "runfiles"
START = dt.datetime(2026, 11, 19, 7, 30, tzinfo=dt.UTC)
# 0.0045 degrees of latitude is 500.4 m on gpxpy's sphere (radius 6371 km).
STEP_DEGREES = 0.0045


def real(name: str) -> bytes:
    return (TESTDATA / name).read_bytes()


def gpx_run(
    points: int = 11,
    seconds_apart: int | None = 150,
    track_type: str | None = None,
    created: dt.datetime | None = None,
) -> bytes:
    """A straight track north, 500 m between points (5 km for 11), timed or not."""
    gpx = gpxpy.gpx.GPX()
    gpx.time = created
    track = gpxpy.gpx.GPXTrack()
    track.type = track_type
    segment = gpxpy.gpx.GPXTrackSegment()
    for i in range(points):
        when = START + dt.timedelta(seconds=i * seconds_apart) if seconds_apart else None
        segment.points.append(
            gpxpy.gpx.GPXTrackPoint(46.0 + i * STEP_DEGREES, 14.5, elevation=300, time=when)
        )
    track.segments.append(segment)
    gpx.tracks.append(track)
    return gpx.to_xml().encode()


def tcx_run(sport: str = "Running", lap_metres: tuple[float, ...] = (1000.0, 500.0)) -> bytes:
    """A TCX activity with one lap per distance, three points a minute apart in each; the
    points' positions are 10 m apart, so a distance from positions would be far off."""
    laps, minute = [], 0
    for number, metres in enumerate(lap_metres):
        points = []
        for step in range(3):
            when = START + dt.timedelta(minutes=minute)
            minute += 1
            points.append(
                f"<Trackpoint><Time>{when:%Y-%m-%dT%H:%M:%SZ}</Time><Position>"
                f"<LatitudeDegrees>{46 + (minute * 0.00009):.6f}</LatitudeDegrees>"
                f"<LongitudeDegrees>14.5</LongitudeDegrees></Position>"
                f"<DistanceMeters>{sum(lap_metres[:number]) + metres * step / 2}</DistanceMeters>"
                "</Trackpoint>"
            )
        lap_start = START + dt.timedelta(minutes=minute - 3)
        laps.append(
            f'<Lap StartTime="{lap_start:%Y-%m-%dT%H:%M:%SZ}"><TotalTimeSeconds>180'
            f"</TotalTimeSeconds><DistanceMeters>{metres}</DistanceMeters><Calories>50"
            f"</Calories><Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod>"
            f"<Track>{''.join(points)}</Track></Lap>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        f'<Activities><Activity Sport="{sport}"><Id>{START:%Y-%m-%dT%H:%M:%SZ}</Id>'
        f"{''.join(laps)}</Activity></Activities></TrainingCenterDatabase>"
    ).encode()


def fit_run(
    sport: Sport = Sport.RUNNING,
    metres: float = 5000.0,
    timer_seconds: float = 1500.0,
    elapsed_seconds: float = 1600.0,
    with_session: bool = True,
) -> bytes:
    """A FIT activity written with fit-tool: records every 150 s and 500 m, and a session
    whose timer time (paused for 100 s) is shorter than its elapsed time."""
    start_ms = round(START.timestamp() * 1000)
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.serial_number = 1
    file_id.time_created = start_ms
    builder.add(file_id)
    for i in range(11):
        record = RecordMessage()
        record.timestamp = start_ms + i * 150_000
        record.distance = i * 500.0
        builder.add(record)
    if with_session:
        session = SessionMessage()
        session.timestamp = start_ms + round(elapsed_seconds * 1000)
        session.start_time = start_ms
        session.sport = sport
        session.sub_sport = SubSport.GENERIC
        session.total_distance = metres
        session.total_timer_time = timer_seconds
        session.total_elapsed_time = elapsed_seconds
        builder.add(session)
    return bytes(builder.build().to_bytes())


def deep_gpx(levels: int = 200_000) -> bytes:
    """A timed track point whose <extensions> nest `levels` deep (1.4 MB at 200,000): gpxpy
    copies extensions with copy.deepcopy, which recursed off the C stack (issue 9)."""
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="crafted">'
        b'<trk><trkseg><trkpt lat="46.0" lon="14.5"><time>2026-11-19T07:30:00Z</time>'
        b"<extensions>" + b"<e>" * levels + b"</e>" * levels + b"</extensions>"
        b"</trkpt></trkseg></trk></gpx>"
    )


def fit_of_sessions(count: int) -> bytes:
    """A valid FIT activity of `count` tiny session messages (10 bytes each), written by
    hand: fitdecode reads about 20,000 a second, so a few MB of them keep it busy."""
    definition = bytes([0x40, 0, 0]) + struct.pack("<H", 18) + bytes([3, 2, 4, 0x86, 9, 4, 0x86])
    definition += bytes([5, 1, 0])  # start_time, total_distance, sport
    session = bytes([0x00]) + struct.pack("<IIB", 1_000_000_000, 500_000, 1)
    file_id = bytes([0x41, 0, 0]) + struct.pack("<H", 0) + bytes([1, 0, 1, 0]) + bytes([0x01, 4])
    records = file_id + definition + session * count
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(records), b".FIT")
    body = header + struct.pack("<H", compute_crc(header)) + records
    return body + struct.pack("<H", compute_crc(body))
