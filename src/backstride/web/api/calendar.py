"""`GET /api/v1/me/calendar.ics`: the coming four weeks of the runner's plan as iCalendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from backstride.core.dates import IsoDate
from backstride.web.api.auth import BearerToken, current_user
from backstride.web.api.schemas import BAD_INPUT, NEEDS_TOKEN, Problem
from backstride.web.coach import takeaway

router = Router(auth=BearerToken(), tags=["my data"])

ICS_RESPONSE = {
    "responses": {
        "200": {
            "description": (
                "An iCalendar file of the plan's week (its first seven days) and the weeks "
                "after it at the same cadence: an event for each strength day, mobility and "
                "run, with its exercises and dosage. At the runner's reminder times (their "
                "settings) an event is timed in floating local time, so the "
                "phone's own time zone applies, and carries an alarm at its start; without a "
                "time it is all-day, without alarm. UIDs are stable for a runner, date and "
                "activity, so importing it again (or subscribing) updates the events instead "
                "of duplicating them."
            ),
            "content": {"text/calendar": {"schema": {"type": "string"}}},
        }
    }
}


@router.get(
    "/calendar.ics",
    response={**NEEDS_TOKEN, 404: Problem, **BAD_INPUT},
    openapi_extra=ICS_RESPONSE,
    summary="The plan's coming four weeks as calendar events",
)
def calendar_ics(request: HttpRequest, today: IsoDate | None = None) -> Any:
    """Derived on each call from the stored profile, history and reminder times, starting
    `today` (default: the server's date). No events while warning signs hold the plan back."""
    body = takeaway.calendar_for(current_user(request), today or dt.date.today())
    if body is None:
        return Status(404, Problem(detail="no profile yet: PUT /api/v1/me/profile first"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="backstride-plan.ics"'
    return response
