"""Idempotent writes: a write sent again with the same key (a retry after a lost answer,
the offline queue resending) answers as the first did and stores nothing more."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from backstride.core.errors import InputError, Problem
from backstride.web.accounts.models import User
from backstride.web.coach import selectors, services
from backstride.web.coach.services.gate import write_transaction

KEY = re.compile(r"^[\x21-\x7e]{1,200}$")
Answer = tuple[int, Any]


def check_key(key: str | None) -> str | None:
    """None when no key was sent; a key is 1 to 200 visible ASCII characters."""
    if key is None:
        return None
    if not KEY.match(key):
        bad = "must be 1 to 200 visible ASCII characters (a UUID is ideal)"
        raise InputError([Problem("Idempotency-Key", bad)])
    return key


def once(user: User, key: str | None, write: Callable[[], Answer]) -> Answer:
    """Run `write` (itself one transaction's worth of work) unless this key was seen;
    the receipt is stored in the same transaction, under the runner's write lock, and
    the unique key in the database holds even if two requests race."""
    if key is None:
        return write()
    with write_transaction():
        services.lock_runner(user)
        found = selectors.receipt_of(user, key)
        if found is not None:
            return found
        status, body = write()
        services.store_receipt(user=user, key=key, status=status, body=body)
    return status, body
