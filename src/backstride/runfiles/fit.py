"""FIT files (fitdecode): distance and timer time from the session records, which the watch
wrote itself; record messages only when a file has no session."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

import fitdecode  # type: ignore[import-untyped]

from backstride.runfiles.result import Activity, Unreadable, counts_as_run, utc

# Sub-sports that are runs whatever the sport says (older watches log a treadmill run as
# "fitness_equipment" / "treadmill").
RUN_SUB_SPORTS = ("treadmill", "indoor_running", "trail", "track", "street")
DAMAGED = "export it again from your watch or app."


@dataclass
class FitContent:
    """What is kept from a FIT stream: its file types, sessions and a summary of records."""

    file_types: list[str] = field(default_factory=list)
    sport: str | None = None
    sessions: list[dict[str, Any]] = field(default_factory=list)
    first_time: dt.datetime | None = None
    last_time: dt.datetime | None = None
    max_distance: float = 0.0


def read_fit(data: bytes) -> Activity:
    content = _decode(data)
    for kind in content.file_types:
        if kind == "course":
            raise Unreadable("is a planned course, not a recorded run: nothing was recorded.")
        if kind != "activity":
            raise Unreadable(f"is a FIT {kind} file, not a recorded activity.")
    if content.sessions:
        return _from_sessions(content.sessions)
    if content.first_time is None and content.max_distance <= 0:
        raise Unreadable("holds no recorded activity: nothing was recorded.")
    return _from_records(content)


def _decode(data: bytes) -> FitContent:
    content = FitContent()
    # CRC checked (RAISE): a file whose checksum fails is rejected rather than imported with a
    # warning. Its distance and time feed the load warnings (weekly_jump, long_run_spike), a
    # damaged byte can change them silently, and the runner can export the file again or log
    # the run by hand; storing figures we know may be wrong is worse than asking for that.
    # Unknown developer fields are ignored: apps add them freely and they are not needed here.
    try:
        with fitdecode.FitReader(
            io.BytesIO(data),
            check_crc=fitdecode.CrcCheck.RAISE,
            error_handling=fitdecode.ErrorHandling.IGNORE,
        ) as reader:
            for frame in reader:
                if isinstance(frame, fitdecode.FitDataMessage):
                    _keep(content, frame)
    except fitdecode.FitEOFError:
        raise Unreadable(f"is cut off before its end (truncated): {DAMAGED}") from None
    except fitdecode.FitCRCError:
        raise Unreadable(f"is damaged (its checksum does not match): {DAMAGED}") from None
    except fitdecode.FitHeaderError:
        raise Unreadable(f"is damaged (a FIT header is corrupt): {DAMAGED}") from None
    except fitdecode.FitError as error:
        raise Unreadable(f"is damaged ({error}): {DAMAGED}") from None
    return content


def _keep(content: FitContent, frame: Any) -> None:
    name = frame.name
    if name == "file_id":
        kind = frame.get_value("type", fallback=None)
        if kind is not None:
            content.file_types.append(str(kind))
    elif name == "session":
        content.sessions.append({f.name: f.value for f in frame.fields})
    elif name == "sport" and content.sport is None:
        content.sport = _sport(frame.get_value("sport", fallback=None), None)
    elif name == "record":
        _keep_record(content, frame)


def _keep_record(content: FitContent, frame: Any) -> None:
    moment = frame.get_value("timestamp", fallback=None)
    if isinstance(moment, dt.datetime):
        content.first_time = content.first_time or utc(moment)
        content.last_time = utc(moment)
    distance = frame.get_value("distance", fallback=None)
    if isinstance(distance, int | float):
        content.max_distance = max(content.max_distance, float(distance))


def _sport(sport: Any, sub_sport: Any) -> str | None:
    if sub_sport is not None and str(sub_sport) in RUN_SUB_SPORTS:
        return "running"
    return None if sport is None else str(sport)


def _from_sessions(sessions: list[dict[str, Any]]) -> Activity:
    """A multisport file (a triathlon) brings in its running legs only."""
    sports = [_sport(s.get("sport"), s.get("sub_sport")) for s in sessions]
    runs = [s for s, sport in zip(sessions, sports, strict=True) if counts_as_run(sport)]
    if not runs:
        return Activity(sport=sports[0], metres=0.0, seconds=None, started_at=None)
    starts = [utc(s["start_time"]) for s in runs if isinstance(s.get("start_time"), dt.datetime)]
    return Activity(
        sport="running",
        metres=sum(_number(s.get("total_distance")) for s in runs),
        seconds=sum(_session_seconds(s) for s in runs) or None,
        started_at=min(starts) if starts else None,
    )


def _session_seconds(session: dict[str, Any]) -> float:
    """Timer time (the clock stops at auto-pause), else elapsed time, else 0 (unknown)."""
    return _number(session.get("total_timer_time")) or _number(session.get("total_elapsed_time"))


def _from_records(content: FitContent) -> Activity:
    seconds = None
    if content.first_time and content.last_time:
        seconds = (content.last_time - content.first_time).total_seconds()
    return Activity(
        sport=content.sport,
        metres=content.max_distance,
        seconds=seconds,
        started_at=content.first_time,
    )


def _number(value: Any) -> float:
    return float(value) if isinstance(value, int | float) and value > 0 else 0.0
