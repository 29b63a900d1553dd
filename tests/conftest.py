"""Test-wide set-up: a throwaway data folder and the Django settings, before Django loads."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator

import pytest

os.environ.setdefault("BACKSTRIDE_DATA_DIR", tempfile.mkdtemp(prefix="backstride-test-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backstride.web.settings")

import django

django.setup()

from django.core.cache.backends.db import DatabaseCache  # noqa: E402


@pytest.fixture(autouse=True)
def _fresh_derived_cache() -> Iterator[None]:
    """Each test's SQLite database starts empty and its ids repeat, so no test may find
    another's derived state: both tiers are emptied after each test. On PostgreSQL the
    shared tier is a table, rolled back with each test's transaction, and its keys never
    repeat (ids come from sequences, versions are random), so it is left to the database."""
    yield
    from django.core.cache import caches

    from backstride.web.coach import derived

    derived.forget_local()
    shared = caches[derived.CACHE]
    if not isinstance(shared, DatabaseCache):
        shared.clear()
