"""Run files in, runs out: every real device file of the shared test data as its README says,
and files built here (GPX with and without times, TCX with laps, FIT from fit-tool, bad ones)."""

from __future__ import annotations

import datetime as dt
import gzip
import re

import pytest
from fit_tool.profile.profile_type import Sport

from backstride.runfiles import MAX_BYTES, FileResult, parse_run_file
from backstride.runfiles.result import Activity, decide
from tests.runfiles.files import START, TESTDATA, fit_run, gpx_run, real, tcx_run

UTC = dt.UTC

# name: (km, minutes or None, start in UTC); figures from the test data's README.md.
RUNS = {
    "2013-02-06-12-11-14.fit": (4.835, 43.75, dt.datetime(2013, 2, 6, 12, 11, 14, tzinfo=UTC)),
    "activity-small-fenix2-run.fit": (9.008, 47.2, dt.datetime(2015, 8, 15, 14, 45, 8, tzinfo=UTC)),
    "garmin-fenix-5-run.fit": (0.158, 0.95, dt.datetime(2017, 6, 11, 14, 34, 9, tzinfo=UTC)),
    # 09:36 to 13:19 UTC: 223 minutes.
    "korita-zbevnica.gpx": (14.9, 223.0, dt.datetime(2010, 10, 3, 9, 36, 30, tzinfo=UTC)),
    # Timestamps only at the end: no duration (the runner is asked), dated by those stamps.
    "cerknicko-without-times.gpx": (4.58, None, dt.datetime(2010, 8, 5, 16, 22, 52, tzinfo=UTC)),
}
# name: what the message says the sport is.
SKIPPED = {
    "garmin-fenix-5-bike.fit": "cycling",
    "garmin-fenix-5-walk.fit": "walking",
    "garmin-fr935-cr.fit": "swimming",
    "mapmyride_biking.tcx": "Biking",
    # TCX knows only Running, Biking and Other: "Other" (here paddle boarding) is skipped,
    # not asked about; a runner's TCX run says Running.
    "sup_activity_1.tcx": "Other",
}
# name: words the message must hold.
REJECTED = {
    "bad-activity-settings-corruptheader.fit": "corrupt",
    "bad-activity-unexpected-eof.fit": "truncated",
    # Rejected, not imported with a warning: a damaged byte could change the distance or time
    # that the load warnings rest on (see runfiles/fit.py).
    "bad-activity-filecrc.fit": "checksum does not match",
    "route.gpx": "planned route",
    "unicode_with_bom.gpx": "no track",
}


def parse(name: str, data: bytes) -> FileResult:
    return parse_run_file(name, data)


def assert_close(value: float | None, expected: float) -> None:
    assert value is not None
    assert value == pytest.approx(expected, rel=0.01)


def test_every_shared_file_has_an_expected_result() -> None:
    files = {p.name for p in TESTDATA.iterdir() if p.name != "README.md"}
    assert files == set(RUNS) | set(SKIPPED) | set(REJECTED)


@pytest.mark.parametrize("name", sorted(RUNS))
def test_real_run_files_import_as_the_readme_says(name: str) -> None:
    km, minutes, start = RUNS[name]
    result = parse(name, real(name))
    assert result.status == "run", result.message
    assert result.run is not None
    assert_close(result.run.km, km)
    if minutes is None:
        assert result.run.minutes is None
        assert "no duration" in result.message
    else:
        assert_close(result.run.minutes, minutes)
    assert result.run.started_at == start
    assert result.run.date == start.date()
    assert result.run.pain_during is None and result.run.pain_after is None


@pytest.mark.parametrize("name", sorted(SKIPPED))
def test_activities_that_are_not_runs_are_skipped_with_their_sport(name: str) -> None:
    result = parse(name, real(name))
    assert result.status == "skipped"
    assert result.run is None
    assert name in result.message
    assert SKIPPED[name] in result.message


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_damaged_and_trackless_files_are_rejected_naming_the_file(name: str) -> None:
    result = parse(name, real(name))
    assert result.status == "rejected"
    assert result.run is None
    assert result.message.startswith(name)
    assert REJECTED[name] in result.message


def test_a_timed_gpx_gives_distance_duration_and_start() -> None:
    result = parse("morning.gpx", gpx_run())
    assert result.run is not None
    assert_close(result.run.km, 5.0)
    assert_close(result.run.minutes, 25.0)
    assert result.run.started_at == START
    assert result.run.date == START.date()


def test_a_gpx_without_timestamps_is_dated_by_the_file_and_has_no_duration() -> None:
    created = dt.datetime(2026, 11, 18, 18, 0, tzinfo=UTC)
    result = parse("untimed.gpx", gpx_run(seconds_apart=None, created=created))
    assert result.run is not None
    assert_close(result.run.km, 5.0)
    assert result.run.minutes is None
    assert result.run.date == dt.date(2026, 11, 18)


def test_a_gpx_with_no_time_at_all_cannot_be_placed() -> None:
    result = parse("timeless.gpx", gpx_run(seconds_apart=None))
    assert result.status == "rejected"
    assert result.message.startswith("timeless.gpx holds no date or time")


@pytest.mark.parametrize("track_type", [None, "running", "Trail Run", "9"])
def test_a_gpx_of_unknown_or_running_type_counts_as_a_run(track_type: str | None) -> None:
    assert parse("a.gpx", gpx_run(track_type=track_type)).status == "run"


def test_a_gpx_in_the_encoding_its_declaration_names_is_read() -> None:
    data = gpx_run().decode().replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    data = data.replace("<trk>", "<trk><name>Laufen am Wörthersee</name>")
    assert 'encoding="ISO-8859-1"' in data
    assert parse("latin.gpx", data.encode("latin-1")).status == "run"


def test_a_gpx_ride_is_skipped() -> None:
    result = parse("ride.gpx", gpx_run(track_type="cycling"))
    assert result.status == "skipped"
    assert result.message == "ride.gpx is not a run (the file says cycling)."


def test_a_tcx_run_takes_its_distance_from_the_laps() -> None:
    result = parse("laps.tcx", tcx_run(lap_metres=(1000.0, 500.0)))
    assert result.run is not None
    assert result.run.km == 1.5
    # First to last point: six points a minute apart.
    assert result.run.minutes == 5.0
    assert result.run.started_at == START


def test_a_tcx_without_lap_distances_uses_the_points_running_total() -> None:
    data = re.sub(rb"<DistanceMeters>[\d.]+</DistanceMeters><Calories>", b"<Calories>", tcx_run())
    result = parse("nolaps.tcx", data)
    assert result.run is not None
    assert result.run.km == 1.5  # the last point's total, not the 50 m between positions


def test_a_tcx_without_any_distance_measures_its_track() -> None:
    data = re.sub(rb"<DistanceMeters>[\d.]+</DistanceMeters>", b"", tcx_run())
    result = parse("positions.tcx", data)
    assert result.run is not None
    assert_close(result.run.km, 0.05)  # six points 10 m apart


def test_a_tcx_ride_is_skipped() -> None:
    assert parse("ride.tcx", tcx_run(sport="Biking")).status == "skipped"


def test_a_fit_run_from_fit_tool_uses_the_session_and_its_timer_time() -> None:
    result = parse("watch.fit", fit_run(metres=5000.0, timer_seconds=1500.0))
    assert result.run is not None
    assert result.run.km == 5.0
    assert result.run.minutes == 25.0  # timer time, not the 1600 s elapsed
    assert result.run.started_at == START


def test_a_fit_without_a_session_falls_back_to_its_records() -> None:
    result = parse("records.fit", fit_run(with_session=False))
    assert result.run is not None
    assert result.run.km == 5.0
    assert result.run.minutes == 25.0
    assert result.run.started_at == START


def test_a_fit_ride_is_skipped() -> None:
    result = parse("ride.fit", fit_run(sport=Sport.CYCLING))
    assert result.status == "skipped"
    assert "cycling" in result.message


def test_the_format_comes_from_the_content_not_the_name() -> None:
    assert parse("really-a-fit.gpx", fit_run()).status == "run"
    assert parse("export.dat", gpx_run()).status == "run"
    assert parse("activity", tcx_run()).status == "run"


def test_a_gzipped_file_is_unpacked() -> None:
    assert parse("strava.fit.gz", gzip.compress(fit_run())).status == "run"


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("empty.gpx", b"", "empty.gpx is empty"),
        ("blank.tcx", b"  \n", "blank.tcx is empty"),
        ("notes.txt", b"ran 5 km today", "notes.txt is not a GPX, TCX or FIT file"),
        ("photo.fit", b"\x89PNG\r\n\x1a\n" + bytes(64), "photo.fit is not a valid FIT file"),
        ("broken.gz", b"\x1f\x8b\x08\x00broken", "broken.gz is a damaged gzip archive"),
    ],
)
def test_files_that_are_not_run_files_are_rejected(name: str, data: bytes, words: str) -> None:
    result = parse(name, data)
    assert result.status == "rejected"
    assert result.message.startswith(words)


@pytest.mark.parametrize("maker", [gpx_run, tcx_run, fit_run])
def test_a_truncated_file_is_rejected(maker: object) -> None:
    data = maker()  # type: ignore[operator]
    result = parse("cut.bin", data[: len(data) // 2])
    assert result.status == "rejected"
    assert result.message.startswith("cut.bin ")


def test_a_file_over_the_cap_is_rejected_before_it_is_read() -> None:
    result = parse("huge.gpx", gpx_run() + b" " * MAX_BYTES)
    assert result.status == "rejected"
    assert result.message == "huge.gpx is larger than 20 MB, the most a run file may be."


def test_a_gzip_bomb_is_stopped_at_the_cap() -> None:
    result = parse("bomb.gpx.gz", gzip.compress(gpx_run() + b" " * MAX_BYTES))
    assert result.status == "rejected"
    assert "larger than 20 MB" in result.message


def test_a_file_whose_figures_are_not_a_run_is_rejected_with_the_reason() -> None:
    result = parse("ultra.fit", fit_run(metres=600_000.0))
    assert result.status == "rejected"
    assert "km: must be at most 500" in result.message


def test_a_start_no_run_can_have_is_rejected_not_a_crash() -> None:
    # Year 1 at +01:00 is before the first moment UTC can hold: converting it overflows.
    start = dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    activity = Activity(sport="running", metres=5000.0, seconds=1500.0, started_at=start)
    result = decide("old.tcx", activity)
    assert result.status == "rejected"
    assert result.message == "old.tcx holds a start time no run can have (near year 1 or 9999)."


def test_a_long_sport_name_is_cut_short_in_the_message() -> None:
    result = parse("long.gpx", gpx_run(track_type="x" * 100_000))
    assert result.status == "skipped" and len(result.message) < 100


@pytest.mark.parametrize(
    ("declarations", "words"),
    [
        (b" xmlns" * 5000, "declares 5000 XML namespaces"),
        (b"".join(b' xmlns:p%d="x"' % i for i in range(40)), "declares 40 XML namespaces"),
        (b" xmlns xmlns", "a malformed XML namespace declaration"),
    ],
)
def test_crafted_namespace_declarations_are_refused_before_parsing(
    declarations: bytes, words: str
) -> None:
    # gpxpy's namespace handling costs the square of their number: a 3 KB file of them
    # once kept the server's workers busy past their timeout.
    data = b'<?xml version="1.0"?><gpx version="1.1"' + declarations + b"><trk/></gpx>"
    result = parse("crafted.gpx", data)
    assert result.status == "rejected" and words in result.message
