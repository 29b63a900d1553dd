"""The level of each warning sign on a form, from core's triage, so the page can show what
to do at once even with no signal (app.js): the same steps as the emergency and doctor
pages, carried in the page. The server triages the entry for real when it arrives."""

from __future__ import annotations

import functools
import json
from typing import Any

from django import template
from django.conf import settings

from backstride.core.profile import Profile
from backstride.core.signs import LEVEL_ORDER, STEPS
from backstride.core.triage import highest, sign_alone
from backstride.core.vocab import RED_FLAGS
from backstride.web.accounts.models import User
from backstride.web.coach import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def sign_level(context: template.Context, code: str) -> str:
    """What ticking this sign alone says for this runner (their age and known fragile bones
    counted, so a fall at 65 shows the urgent steps offline too)."""
    return sign_alone(code, _profile(context))


def _profile(context: template.Context) -> Profile | None:
    """The runner's profile, read once per page however many signs it lists."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not isinstance(user, User):
        return None
    if not hasattr(request, "_sign_profile"):
        request._sign_profile = selectors.profile_of(user)  # type: ignore[union-attr]
    found: Profile | None = request._sign_profile  # type: ignore[union-attr]
    return found


@register.simple_tag
@functools.cache
def sign_raises(code: str) -> str:
    """JSON of the signs that, ticked together with this one, give a higher level than
    either alone (a fall or strain with osteoporosis: urgent). The same for every runner
    and page, so worked out once per sign, not for each checkbox of each page."""
    alone = LEVEL_ORDER[highest([code])]
    raised: dict[str, str] = {}
    for other in RED_FLAGS:
        together = highest([code, other])
        if LEVEL_ORDER[together] > max(alone, LEVEL_ORDER[highest([other])]):
            raised[other] = together
    return json.dumps(raised) if raised else ""


@register.inclusion_tag("coach/_offline_steps.html")
def offline_steps() -> dict[str, Any]:
    return {
        "levels": [(level, STEPS[level]) for level in ("emergency", "urgent", "see_doctor")],
        "emergency_number": settings.EMERGENCY_NUMBER,
        "urgent_number": settings.URGENT_NUMBER,
    }
