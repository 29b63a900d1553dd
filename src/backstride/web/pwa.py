"""The installable app: the web app manifest, the service worker (served from the root so
that it looks after every page), the page shown offline when nothing was kept, and
/favicon.ico for the browsers that still ask for it."""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from backstride.web.security import same_for_everyone

STATIC = Path(__file__).resolve().parent / "static"
ICONS = "backstride/icons/"
# What every page needs, kept at install so the pages kept for offline use still work.
SHELL_FILES = (
    "backstride/style.css",
    "backstride/offline.css",
    "backstride/app.js",
    "backstride/queue.js",
    "django_htmx/htmx-2.min.js",
    f"{ICONS}favicon.svg",
    f"{ICONS}icon-light-192.png",
    f"{ICONS}icon-dark-192.png",
)
# The colours of style.css: the light page and the dark one.
LIGHT_BACKGROUND, DARK_BACKGROUND, ACCENT = "#f7f6f2", "#121517", "#1f6f5c"
# A day: a browser keeps the favicon, and checks it again after that.
FAVICON_MAX_AGE = 24 * 60 * 60


def _icons() -> list[dict[str, str]]:
    icons = []
    for size in (192, 512):
        icons.append(_icon(f"icon-light-{size}.png", size, "any"))
        icons.append(_icon(f"maskable-light-{size}.png", size, "maskable"))
    icons.append({"src": static(f"{ICONS}favicon.svg"), "sizes": "any", "type": "image/svg+xml"})
    return icons


def _icon(name: str, size: int, purpose: str) -> dict[str, str]:
    return {
        "src": static(ICONS + name),
        "sizes": f"{size}x{size}",
        "type": "image/png",
        "purpose": purpose,
    }


@require_safe
def manifest(request: HttpRequest) -> HttpResponse:
    body: dict[str, Any] = {
        "name": "backstride: back care for runners",
        "short_name": "backstride",
        "description": "A back-care coach for runners: a plan, guided sessions and a log.",
        "id": "/",
        "start_url": reverse("coach:home"),
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "background_color": LIGHT_BACKGROUND,
        "theme_color": ACCENT,
        "icons": _icons(),
    }
    return same_for_everyone(JsonResponse(body, content_type="application/manifest+json"))


@functools.cache
def _shell() -> tuple[list[str], str]:
    """The shell's addresses, and a version that changes when any of its files (or the
    worker itself) does, so that a changed file reaches every phone."""
    digest = hashlib.sha256((STATIC / "backstride/sw.js").read_bytes())
    for name in SHELL_FILES:
        found = finders.find(name)
        digest.update(Path(str(found)).read_bytes() if found else name.encode())
    digest.update((Path(__file__).parent / "templates/offline.html").read_bytes())
    urls = [static(name) for name in SHELL_FILES]
    return [*urls, reverse("manifest"), reverse("offline")], digest.hexdigest()[:16]


def _config() -> dict[str, Any]:
    shell, version = _shell()
    session, today = reverse("coach:session"), reverse("coach:today")
    return {
        "version": version,
        "shell": shell,
        "offline": reverse("offline"),
        "outbox": static("backstride/queue.js"),
        "login": reverse("accounts:login"),
        # The pages a runner needs with no signal: kept each time they are visited.
        "pages": [
            session,
            reverse("coach:plan"),
            today,
            reverse("coach:emergency"),
            reverse("coach:see_doctor"),
        ],
        # The writes kept on the phone when they cannot be sent, and the page each returns to.
        "queue": {
            reverse("coach:session_set"): session,
            reverse("coach:session_item"): session,
            reverse("coach:session_feeling"): session,
            reverse("coach:morning_checkin"): today,
            reverse("coach:add_run"): today,
        },
        "logout": [reverse("accounts:logout"), reverse("accounts:delete")],
    }


@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    """Never cached by the browser as a file: the browser checks it on every visit, so a new
    version reaches the phone at once."""
    source = (STATIC / "backstride/sw.js").read_text()
    body = f"var CONFIG = {json.dumps(_config())};\n{source}"
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return same_for_everyone(response)


@require_safe
def offline(request: HttpRequest) -> HttpResponse:
    """Shown for a page never visited while online; it holds nothing of the runner's."""
    return same_for_everyone(render(request, "offline.html"))


@cache_control(public=True, max_age=FAVICON_MAX_AGE)
@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    icon = (STATIC / ICONS / "favicon.ico").read_bytes()
    return same_for_everyone(HttpResponse(icon, content_type="image/x-icon"))
