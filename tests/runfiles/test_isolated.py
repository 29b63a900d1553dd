"""Run files read in a child process with limits: a reader that crashes, sleeps, spins or
eats memory loses its file (rejected, naming it), never the process that asked (issue 9)."""

from __future__ import annotations

import ctypes
import datetime as dt
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from backstride.core.history import Run
from backstride.runfiles import FileResult, parse_run_file, parse_run_file_isolated
from backstride.runfiles import gpx as gpx_reader
from backstride.runfiles.isolated import Limits, read_isolated
from tests.runfiles.files import TESTDATA, deep_gpx, fit_of_sessions, gpx_run

# Small limits, so that a test of each one ends soon; none of them is asserted on.
QUICK = Limits(memory_bytes=256 << 20, cpu_seconds=1, wall_seconds=0.5)
ROOMY = Limits(memory_bytes=256 << 20, cpu_seconds=1, wall_seconds=60)


def noting_pid(folder: Path, then: Callable[[], object]) -> Callable[[str, bytes], FileResult]:
    """A test reader that writes its process id to a file, then does `then`."""

    def read(name: str, data: bytes) -> FileResult:
        (folder / "pid").write_text(str(os.getpid()))
        then()
        raise AssertionError("the reader should not have come back")

    return read


def assert_gone(folder: Path) -> None:
    """The child is dead and reaped: no process, and no zombie left to wait for."""
    pid = int((folder / "pid").read_text())
    assert pid != os.getpid()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def segfault() -> None:
    os.kill(os.getpid(), signal.SIGSEGV)


def read_address_zero() -> None:
    ctypes.string_at(0)


@pytest.mark.parametrize("name", sorted(p.name for p in TESTDATA.glob("*.[fgt][ipc][tx]")))
def test_a_file_read_in_a_child_gives_what_it_gives_in_process(name: str) -> None:
    data = (TESTDATA / name).read_bytes()
    assert parse_run_file_isolated(name, data) == parse_run_file(name, data)


@pytest.mark.parametrize("crash", [segfault, read_address_zero])
def test_a_reader_that_crashes_is_rejected_naming_the_file(
    tmp_path: Path, crash: Callable[[], None]
) -> None:
    result = read_isolated(noting_pid(tmp_path, crash), "crash.gpx", b"<gpx/>", ROOMY)
    assert result.status == "rejected" and result.run is None
    assert result.message == "crash.gpx could not be read safely: its reader crashed (SIGSEGV)."
    assert_gone(tmp_path)


def test_gpxpy_crashing_on_the_deep_gpx_takes_only_that_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Without the depth bound gpxpy gets the file and (with an 8 MB stack) overflows it: the
    # child dies, this process carries on and the file is rejected.
    monkeypatch.setattr(gpx_reader, "check_xml", lambda document, kind: None)
    result = parse_run_file_isolated("deep.gpx", deep_gpx())
    assert result.status == "rejected" and result.message.startswith("deep.gpx ")
    assert parse_run_file_isolated("next.gpx", gpx_run()).status == "run"


def test_a_reader_that_sleeps_past_the_deadline_is_killed_and_reaped(tmp_path: Path) -> None:
    result = read_isolated(noting_pid(tmp_path, lambda: time.sleep(600)), "slow.gpx", b"", QUICK)
    assert result.status == "rejected"
    assert result.message == "slow.gpx could not be read safely: reading it took longer than 0.5 s."
    assert_gone(tmp_path)


def test_a_reader_that_spins_past_its_processor_time_is_rejected(tmp_path: Path) -> None:
    def spin() -> None:
        while True:
            pass

    result = read_isolated(noting_pid(tmp_path, spin), "busy.tcx", b"", ROOMY)
    assert result.message == (
        "busy.tcx could not be read safely: reading it took more than 1 s of processor time."
    )
    assert_gone(tmp_path)


def test_a_fit_that_keeps_fitdecode_busy_is_stopped_at_the_processor_limit() -> None:
    # 300,000 tiny sessions (3 MB) take fitdecode about 15 s; 20 MB of them, within the size
    # cap, would take minutes. The processor limit stops them (at 30 s in the app).
    result = read_isolated(parse_run_file, "sessions.fit", fit_of_sessions(300_000), ROOMY)
    assert result.status == "rejected"
    assert "could not be read safely: reading it took more than 1 s of processor time" in (
        result.message
    )


@pytest.mark.parametrize("allocate", ["at once", "bit by bit"])
def test_a_reader_that_allocates_past_the_memory_limit_is_rejected(
    tmp_path: Path, allocate: str
) -> None:
    def eat() -> object:
        if allocate == "at once":
            return bytearray(2 << 30)
        return [bytes(1 << 20) for _ in range(2048)]

    result = read_isolated(noting_pid(tmp_path, eat), "huge.gpx", b"", ROOMY)
    assert result.message == (
        "huge.gpx could not be read safely: reading it needs more than 256 MB of memory."
    )
    assert_gone(tmp_path)


def test_a_reader_that_fails_is_rejected() -> None:
    def fail(name: str, data: bytes) -> FileResult:
        raise RuntimeError("boom")

    result = read_isolated(fail, "odd.gpx", b"", ROOMY)
    assert (
        result.message == "odd.gpx could not be read safely: its reader failed without an answer."
    )


class RunsCode:
    """What a child taken over by a crafted file could send back instead of a FileResult."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, (f"touch {self.marker}",))


def test_an_answer_that_would_run_code_in_the_parent_is_refused(tmp_path: Path) -> None:
    marker = tmp_path / "ran"

    def take_over(name: str, data: bytes) -> Any:
        return RunsCode(marker)

    result = read_isolated(take_over, "evil.gpx", b"", ROOMY)
    assert result.status == "rejected" and "could not be read safely" in result.message
    assert not marker.exists()


def test_a_forged_run_is_checked_again_in_the_parent() -> None:
    # 10,000 km: model_construct, like unpickling, sets fields without checking them.
    forged = Run.model_construct(date=dt.date(2026, 11, 19), km=10_000.0, minutes=None)

    def forge(name: str, data: bytes) -> FileResult:
        return FileResult(name=name, status="run", message="a run", run=forged)

    result = read_isolated(forge, "forged.gpx", b"", ROOMY)
    assert result.status == "rejected" and result.run is None


def test_an_interrupted_wait_kills_the_child(tmp_path: Path) -> None:
    # Ctrl-C in the CLI while a file is read: the child must not be left running.
    class Interrupted(Exception):
        pass

    def interrupt(signum: int, frame: object) -> None:
        raise Interrupted

    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.3)
        with pytest.raises(Interrupted):
            read_isolated(noting_pid(tmp_path, lambda: time.sleep(600)), "x.gpx", b"", ROOMY)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert_gone(tmp_path)


def test_files_read_from_several_threads_at_once_each_get_their_own_answer() -> None:
    # A gunicorn gthread worker reads uploads in several threads of one process.
    names = ["korita-zbevnica.gpx", "2013-02-06-12-11-14.fit", "sup_activity_1.tcx"] * 3
    expected = {name: parse_run_file(name, (TESTDATA / name).read_bytes()) for name in names}
    answers: dict[int, FileResult] = {}

    def read(index: int, name: str) -> None:
        answers[index] = parse_run_file_isolated(name, (TESTDATA / name).read_bytes())

    threads = [threading.Thread(target=read, args=pair) for pair in enumerate(names)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [answers[i] for i in range(len(names))] == [expected[name] for name in names]


@pytest.fixture(autouse=True)
def _no_child_left() -> Iterator[None]:
    """Every test here reaps what it forks (other tests' servers may be children too)."""
    before = _children()
    yield
    assert _children() <= before


def _children() -> set[int]:
    """This process's children, zombies included (a zombie stays in /proc until reaped)."""
    found: set[int] = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # ended meanwhile
        if int(stat.rpartition(")")[2].split()[1]) == os.getpid():
            found.add(int(entry.name))
    return found
