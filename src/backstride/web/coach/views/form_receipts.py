"""A form post sent with a `client_key` (the offline outbox, a double tap, a retry after a
lost answer) is stored once: the same key from the same runner answers as the first post
did (the same page to go to, the same message) and stores nothing more (DESIGN section 5).
Only a post that stored something and moved on keeps a receipt; a refusal or a question
(a re-rendered page) stores nothing, so sending it again asks again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.messages.storage.base import BaseStorage
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect

from backstride.core.errors import InputError
from backstride.web.coach import receipts
from backstride.web.coach.views.common import user_of
from backstride.web.coach.views.help import REPORTED

FIELD = "client_key"


class _NothingStored(Exception):
    """The view answered with a page instead of moving on: no receipt is kept."""

    def __init__(self, response: HttpResponse) -> None:
        super().__init__("answered with a page")
        self.response = response


def once_per_key(request: HttpRequest, view: Callable[[], HttpResponse]) -> HttpResponse:
    """Run `view` (a POST that redirects once it has stored its write) at most once per key;
    without a key it simply runs."""
    try:
        key = receipts.check_key(request.POST.get(FIELD))
    except InputError as error:
        raise BadRequest(f"{FIELD} {error.problems[0].message}") from None
    if key is None:
        return view()
    try:
        _status, body = receipts.once(user_of(request), key, lambda: _receipt(request, view()))
    except _NothingStored as asked:
        return asked.response
    return _replayed(request, body)


def _receipt(request: HttpRequest, response: HttpResponse) -> tuple[int, dict[str, Any]]:
    if not isinstance(response, HttpResponseRedirect):
        raise _NothingStored(response)
    notes = [{"level": m.level, "text": m.message} for m in _said(request)]
    return response.status_code, {
        "to": response.url,
        "messages": notes,
        "reported": request.session.get(REPORTED),
    }


def _replayed(request: HttpRequest, body: dict[str, Any]) -> HttpResponse:
    """The first answer's page and words (the first time through, they are already there)."""
    already = {m.message for m in _said(request)}
    for note in body["messages"]:
        if note["text"] not in already:
            messages.add_message(request, note["level"], note["text"])
    if body.get("reported") is not None:
        request.session[REPORTED] = body["reported"]
    return redirect(body["to"])


def _said(request: HttpRequest) -> list[Any]:
    """The messages for the next page, read without using them up (still shown there)."""
    storage = messages.get_messages(request)
    notes = list(storage)
    if isinstance(storage, BaseStorage):
        storage.used = False
    return notes
