"""`parse_run_file` in a forked child with memory, processor-time and wall-clock limits: a
reader that crashes, loops or eats memory on a hostile file loses that file (`rejected`),
never the server worker or the CLI that asked."""

from __future__ import annotations

import contextlib
import dataclasses
import faulthandler
import io
import logging
import math
import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, NoReturn

from pydantic import ValidationError

from backstride.core.history import Run
from backstride.runfiles.parse import parse_run_file
from backstride.runfiles.result import FileResult, rejected

log = logging.getLogger(__name__)

Reader = Callable[[str, bytes], FileResult]


@dataclass(frozen=True)
class Limits:
    """What one child may use: address space beyond what it was forked with, processor
    seconds, and seconds on the clock before the parent kills it."""

    memory_bytes: int
    cpu_seconds: int
    wall_seconds: float


# A 20 MB GPX of track points (the size cap) takes 14 s and 400 MB in gpxpy on the
# development machine, a 4 MB FIT (a day at one record a second) 14 s in fitdecode: the
# limits leave twice that. A few seconds would refuse such real files; these still stop a
# file that makes a reader run on, or ask for gigabytes, long before it hurts the server.
LIMITS = Limits(memory_bytes=1 << 30, cpu_seconds=30, wall_seconds=45.0)
UNSAFE = "could not be read safely"
OUT_OF_MEMORY = 3  # the child's exit code when its reader ran out of memory
# The signals that stop a process take their default action in the child (it ends), not
# the handlers it was forked with (gunicorn's would let it run on).
STOP_SIGNALS = ("SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM")
POLL_MS = 50
CHUNK = 1 << 16
# What a FileResult is made of: nothing else may come back from a child (see _Answer).
ANSWER_CLASSES = {
    ("backstride.runfiles.result", "FileResult"),
    ("backstride.core.history", "Run"),
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "timedelta"),
    ("datetime", "timezone"),
}


def parse_run_file_isolated(name: str, data: bytes) -> FileResult:
    """`parse_run_file` in a child process, as the web import, the API and the CLI call it."""
    return read_isolated(parse_run_file, name, data)


def read_isolated(read: Reader, name: str, data: bytes, limits: Limits = LIMITS) -> FileResult:
    """`read(name, data)` in a forked child; its FileResult comes back pickled through a
    pipe. A fork hands the child the file and the loaded readers as they are (nothing
    pickled on the way in, nothing imported again): about 9 ms from a server worker."""
    # os.fork rather than multiprocessing: the child's set-up (limits, default signals, no
    # inherited descriptors) comes first and its end is os._exit, waitpid gives the signal
    # that killed it, and nothing (a Process object, a pipe, a helper thread) stays behind.
    # Forking a threaded gunicorn worker copies only this thread; the child needs no lock
    # another thread could hold but logging's and the import lock, which Python renews in a
    # fork, and if one ever hung the deadline would end it.
    receive, send = os.pipe()
    try:
        pid = os.fork()
    except OSError as error:
        os.close(receive)
        os.close(send)
        log.warning("run file %r: no reader process could be started: %s", name, error)
        return rejected(name, f"{UNSAFE}: the server could not start a reader; try again later.")
    if pid == 0:
        _child(read, name, data, limits, send)
    os.close(send)
    try:
        answer, ending = _wait(pid, receive, limits.wall_seconds)
    finally:
        os.close(receive)
    return _outcome(name, answer, ending, limits)


# The child.


def _child(read: Reader, name: str, data: bytes, limits: Limits, send: int) -> NoReturn:
    """Never returns: it ends with os._exit, so no handler, buffer or database connection
    of the parent's is run, flushed or closed from here."""
    code = 1
    try:
        _confine(limits, send)
        answer = memoryview(pickle.dumps(read(name, data), protocol=pickle.HIGHEST_PROTOCOL))
        while answer:
            answer = answer[os.write(send, answer) :]
        code = 0
    except MemoryError:
        code = OUT_OF_MEMORY
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _confine(limits: Limits, send: int) -> None:
    for name in STOP_SIGNALS:
        signal.signal(getattr(signal, name), signal.SIG_DFL)
    # A crash is the parent's to report, in one line; no traceback dump from here.
    faulthandler.disable()
    # Only the pipe back is kept: another request's socket or another child's pipe held
    # open here would stay open until this child ends.
    os.closerange(3, send)
    os.closerange(send + 1, os.sysconf("SC_OPEN_MAX"))
    _limit(resource.RLIMIT_CORE, 0, 0)
    # SIGXCPU at the soft limit, SIGKILL a second later if it is caught.
    _limit(resource.RLIMIT_CPU, limits.cpu_seconds, limits.cpu_seconds + 1)
    room = _address_space() + limits.memory_bytes
    _limit(resource.RLIMIT_AS, room, room)
    # Ends the child by itself even if its parent is gone and cannot kill it.
    signal.alarm(math.ceil(limits.wall_seconds) + 1)


def _limit(kind: int, soft: int, hard: int) -> None:
    _, allowed = resource.getrlimit(kind)
    if allowed != resource.RLIM_INFINITY:
        soft, hard = min(soft, allowed), min(hard, allowed)
    resource.setrlimit(kind, (soft, hard))


def _address_space() -> int:
    """What the child was forked with (the worker's libraries, threads' stacks, heap)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


# The parent.


@dataclass(frozen=True)
class _Ending:
    """How the child ended: its exit code, or minus the signal that killed it; None when
    it was reaped elsewhere or killed here for taking too long."""

    code: int | None
    timed_out: bool = False


def _wait(pid: int, receive: int, wall_seconds: float) -> tuple[bytes, _Ending]:
    """Read the answer and reap the child; at the deadline, or if this thread is interrupted
    (Ctrl-C in the CLI), kill it first. Never blocks past the deadline, leaves no zombie."""
    deadline = time.monotonic() + wall_seconds
    chunks: list[bytes] = []
    poller = select.poll()  # not select.select: a busy worker's descriptors pass 1024
    poller.register(receive, select.POLLIN)
    reading = True
    ending: _Ending | None = None
    try:
        while ending is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                _kill(pid)
                ending = _Ending(code=None, timed_out=True)
                break
            if reading and poller.poll(min(remaining * 1000, POLL_MS)):
                chunk = os.read(receive, CHUNK)
                if chunk:
                    chunks.append(chunk)
                    continue
                reading = False  # end of file: the child is exiting
            elif not reading:
                time.sleep(min(remaining, 0.001))
            ending = _reaped(pid)
    finally:
        if ending is None:
            _kill(pid)
    chunks.extend(_drain(receive))
    return b"".join(chunks), ending


def _reaped(pid: int) -> _Ending | None:
    try:
        done, status = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return _Ending(code=None)
    return _Ending(code=os.waitstatus_to_exitcode(status)) if done else None


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _drain(receive: int) -> Iterator[bytes]:
    """What is left in the pipe, without waiting for more."""
    poller = select.poll()
    poller.register(receive, select.POLLIN)
    while poller.poll(0):
        chunk = os.read(receive, CHUNK)
        if not chunk:
            return
        yield chunk


def _outcome(name: str, answer: bytes, ending: _Ending, limits: Limits) -> FileResult:
    if not ending.timed_out and ending.code in (0, None):
        result = _load(name, answer)
        if result is not None:
            return result
    problem = _problem(ending, limits)
    log.warning("run file %r %s: %s", name, UNSAFE, problem)
    return rejected(name, f"{UNSAFE}: {problem}.")


def _problem(ending: _Ending, limits: Limits) -> str:
    code = ending.code
    if ending.timed_out or code == -signal.SIGALRM:
        return f"reading it took longer than {limits.wall_seconds:g} s"
    if code == -signal.SIGXCPU:
        return f"reading it took more than {limits.cpu_seconds} s of processor time"
    if code == OUT_OF_MEMORY:
        return f"reading it needs more than {limits.memory_bytes >> 20} MB of memory"
    if code == -signal.SIGKILL:
        return "its reader was stopped, out of memory or processor time"
    if code is not None and code < 0:
        return f"its reader crashed ({_signal_name(-code)})"
    return "its reader failed without an answer"


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


class _Answer(pickle.Unpickler):
    """Unpickles a FileResult and nothing else: a reader taken over by a crafted file must
    not be able to run code in the parent through what it sends back."""

    def find_class(self, module: str, name: str, /) -> Any:
        if (module, name) not in ANSWER_CLASSES:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a FileResult")
        return super().find_class(module, name)


def _load(name: str, answer: bytes) -> FileResult | None:
    try:
        result = _Answer(io.BytesIO(answer)).load()
    except Exception:
        return None
    if not isinstance(result, FileResult) or result.name != name:
        return None
    if result.run is None:
        return result
    try:
        # Unpickling sets a model's fields without checking them: check them again.
        run = Run.model_validate(result.run.model_dump())
    except (ValidationError, AttributeError, TypeError):
        return None
    return dataclasses.replace(result, run=run)
