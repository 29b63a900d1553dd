"""The derived-state cache (DESIGN section 6): a runner's assessment, kept under a key of
(runner, data version of their facts, today, code version). A write gives the facts a new
version, a new day or new code a new key, so an entry is never stale: it is found for
exactly the facts it was derived from, or not at all. It is never read as a fact.

Two tiers, both holding only what a fresh derivation would give:
- in each worker, the last assessments made or fetched (no copy, no unpickling);
- the `derived` cache of the settings, shared by every worker (and, on PostgreSQL, every
  app server), so one worker's derivation serves the others."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final, TypeVar, cast

import pydantic
from django.core.cache import caches

import backstride.core
import backstride.reports
import backstride.web.coach
from backstride.core.assessment import Assessment, assess
from backstride.core.plan import PlanResult
from backstride.web.accounts.models import User
from backstride.web.coach import selectors

CACHE: Final = "derived"
DAY_START: Final = "day_start"
LOCAL_ENTRIES: Final = 256
_MISSING: Final = object()
T = TypeVar("T")
_local: OrderedDict[str, object] = OrderedDict()
_local_lock = threading.Lock()
# What an assessment and the parts drawn from it are made by: the rules and the catalog,
# the charts, the coach's templates and their tags (with pydantic and Python, for pickles).
_SOURCES = (
    Path(backstride.core.__file__).parent,
    Path(backstride.reports.__file__).parent,
    Path(backstride.web.coach.__file__).parent / "templates",
    Path(backstride.web.coach.__file__).parent / "templatetags",
)
_SUFFIXES = (".py", ".toml", ".json", ".html")


@functools.cache
def code_version() -> str:
    digest = hashlib.blake2b(digest_size=10)
    digest.update(f"{pydantic.VERSION} {sys.version}".encode())
    for root in _SOURCES:
        for path in sorted(root.rglob("*")):
            if path.suffix in _SUFFIXES and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root.parent)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Derived:
    """An assessment with the key it is cached under, for the parts drawn from it."""

    key: str
    assessment: Assessment


def key_of(user_id: int, version: str, today: dt.date, what: str = "assessment") -> str:
    return f"{what}:{user_id}:{version or '-'}:{today.isoformat()}:{code_version()}"


def assessment_of(user: User, today: dt.date) -> Assessment | None:
    """The runner's assessment for today, None before they have a profile."""
    found = of(user, today)
    return found.assessment if found else None


def of(user: User, today: dt.date) -> Derived | None:
    """The runner's assessment for today with its key. A cache miss reads the facts in one
    snapshot and derives them outside every transaction, so it never holds SQLite's write
    lock while it works."""
    key = key_of(user.pk, selectors.data_version_of(user), today)
    found = _cached(key)
    if found is _MISSING:
        (version, base), profile, history = selectors.facts_of(user)
        found = assess(profile, history, today) if profile is not None else None
        # The keys of the facts just read: a write since the first look has its own version.
        key = key_of(user.pk, version, today)
        _keep(key, found)
        _keep(key_of(user.pk, base, today, DAY_START), found.day_start if found else None)
    return Derived(key, cast(Assessment, found)) if found is not None else None


def day_start_of(user: User, today: dt.date) -> PlanResult | None:
    """The plan as the day began, for the guided session; None before a profile. It reads
    every fact but today's sets, so it is kept under the base version, which a logged set
    does not change: a whole session of sets is served from the cache."""
    kept = _cached(key_of(user.pk, selectors.versions_of(user)[1], today, DAY_START))
    if kept is _MISSING:
        found = of(user, today)  # files the day's start under the base key it read
        kept = found.assessment.day_start if found else None
    return cast(PlanResult | None, kept)


def part(found: Derived, name: str, make: Callable[[], T]) -> T:
    """Something drawn from the assessment alone (a chart, a page's body), kept beside
    it: `make` runs only when this part of these facts was not kept yet."""
    key = f"{found.key}:{name}"
    kept = _cached(key)
    if kept is _MISSING:
        kept = make()
        _keep(key, kept)
    return cast(T, kept)


def _cached(key: str) -> object:
    kept = _remembered(key)
    if kept is _MISSING:
        kept = caches[CACHE].get(key, _MISSING)
        if kept is not _MISSING:
            _remember(key, kept)
    return kept


def _keep(key: str, value: object) -> None:
    caches[CACHE].set(key, value)
    _remember(key, value)


def _remembered(key: str) -> object:
    with _local_lock:
        if key not in _local:
            return _MISSING
        _local.move_to_end(key)
        return _local[key]


def _remember(key: str, value: object) -> None:
    with _local_lock:
        _local[key] = value
        _local.move_to_end(key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)


def forget_local() -> None:
    """Empty this worker's tier."""
    with _local_lock:
        _local.clear()


def forget_all() -> None:
    """Empty both tiers. Nothing a runner sees changes: every page derives again."""
    forget_local()
    caches[CACHE].clear()
