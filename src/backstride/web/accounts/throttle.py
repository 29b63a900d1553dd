"""Login throttling for django-axes: the client's address behind the configured proxies, and
one lock for an (email, address) pair beside a higher one for an address over any emails."""

from __future__ import annotations

import ipaddress
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.http import HttpRequest


def _address(text: str) -> str | None:
    """One address as a proxy or the server writes it (bare, or with a port), normalised;
    None when it is not an address."""
    text = text.strip()
    if text.startswith("["):  # [2001:db8::1]:443
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:  # 203.0.113.7:443
        text = text.partition(":")[0]
    try:
        found = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(found, ipaddress.IPv6Address):
        if found.ipv4_mapped is not None:
            return str(found.ipv4_mapped)
        # One household, or one attacker, holds a whole /64: it counts as one address, or
        # the per-address limit would be a new address away.
        return str(ipaddress.IPv6Network((int(found), 64), strict=False).network_address)
    return str(found)


def client_address(request: HttpRequest) -> str | None:
    """The address django-axes counts. With TRUSTED_PROXIES = n, each of those n proxies
    appends the address it was reached from to X-Forwarded-For, so the client is the n-th
    entry from the right; whatever the client sent itself stands to the left and is never
    read. Without trusted proxies the header is ignored: anyone can write it."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies: int = settings.TRUSTED_PROXIES
    if proxies:
        hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        found = _address(hops[-proxies]) if len(hops) >= proxies else None
        if found is not None:
            return found
    # No proxy, or a request that did not come through all of them: the peer is the client.
    return _address(remote) or remote or None


def _total(attempts: QuerySet[Any]) -> int:
    return int(attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)


# django-axes ships no types (and there are no stubs), so its handler is Any to mypy.
class PairAndAddressHandler(AxesDatabaseHandler):  # type: ignore[misc]
    """Locks an (email, address) pair at AXES_FAILURE_LIMIT failures and an address at
    ADDRESS_FAILURE_LIMIT failures over any emails, each within the cool-off.

    No lock is by email alone: then anyone could lock a runner out from everywhere. Axes has
    one failure limit, compared with the largest count of its AXES_LOCKOUT_PARAMETERS
    ([pair, address], in that order); so the address's count is shifted to reach that limit
    exactly when it reaches its own."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        pair, address = (_total(a) for a in self.get_user_attempts(request, credentials))
        shift = settings.ADDRESS_FAILURE_LIMIT - settings.AXES_FAILURE_LIMIT
        return max(pair, address - shift)

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        """A login clears its own pair's failures only: logging in to one's own account must
        not clear the address's failures against other accounts."""
        pair = self.filter_user_attempts(request, credentials)[0]
        return int(pair.delete()[0])
