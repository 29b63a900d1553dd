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


@pytest.fixture(autouse=True)
def _fresh_derived_cache() -> Iterator[None]:
    """Each test's database starts empty and its ids may repeat, so no test may find
    another's derived state; the cache is emptied after each."""
    yield
    from backstride.web.coach.derived import forget_all

    forget_all()
