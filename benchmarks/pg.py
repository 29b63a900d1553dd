"""A PostgreSQL database of the benchmark's own for one measurement, created and dropped again,
so that no run starts from the rows an earlier one left behind."""

from __future__ import annotations

import contextlib
import os
import urllib.parse
from collections.abc import Iterator

import psycopg
from psycopg import sql


def _with_database(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + urllib.parse.quote(name)))


def _admin(url: str) -> psycopg.Connection[tuple[object, ...]]:
    """A connection to issue CREATE/DROP DATABASE from: the named database, or `postgres`
    when the named one does not exist (yet)."""
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.OperationalError:
        return psycopg.connect(_with_database(url, "postgres"), autocommit=True, connect_timeout=10)


@contextlib.contextmanager
def fresh_database(url: str, purpose: str) -> Iterator[str | None]:
    """The URL of a new, empty database named after the one in `url`, dropped afterwards;
    None without the CREATEDB privilege."""
    base = urllib.parse.unquote(urllib.parse.urlsplit(url).path.lstrip("/")) or "backstride"
    name = f"{base}_{purpose}_{os.getpid()}"[:63]
    with _admin(url) as admin:
        try:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except psycopg.errors.InsufficientPrivilege:
            yield None
            return
    try:
        yield _with_database(url, name)
    finally:
        with _admin(url) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
