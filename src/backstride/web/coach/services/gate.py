"""The runner's writes as transactions; on SQLite, queued one at a time across the
server's threads and workers before they ask for the database's one write lock.

SQLite makes a writer that finds the lock taken sleep and retry (its busy handler backs off
up to 100 ms a try), so under many writers at once most of the time went to sleeping. A
thread lock and a file lock (flock) wake the next writer the moment the last one is done.
PostgreSQL locks each runner's row instead and needs none of this."""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from collections.abc import Iterator

from django.db import connection, transaction

_threads = threading.Lock()
_files: dict[str, int] = {}


@contextlib.contextmanager
def write_transaction() -> Iterator[None]:
    """One transaction; inside another one it is a savepoint of it, and waits for nothing."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        with transaction.atomic():
            yield
        return
    with _threads:
        handle = _lock_file(str(connection.settings_dict["NAME"]))
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            with transaction.atomic():
                yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _lock_file(database: str) -> int:
    """A file beside the database, opened once per process (under the thread lock)."""
    if database not in _files:
        _files[database] = os.open(f"{database}-writers", os.O_CREAT | os.O_RDWR, 0o600)
    return _files[database]
