"""Template context for every page: imported runs still waiting for their pain."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from backstride.web.accounts.models import User
from backstride.web.coach.run_import import store_runs_to_rate


def runs_to_rate(request: HttpRequest) -> dict[str, Any]:
    """Lazy: the query runs only when a page shows the prompt."""
    user = getattr(request, "user", None)
    if isinstance(user, User):
        return {"runs_to_rate": store_runs_to_rate(user)}
    return {}
