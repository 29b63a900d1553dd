"""Security headers. Every response: a Content-Security-Policy (scripts and everything else
from this server only, no plugins, no framing; inline styles stay allowed for a few style
attributes and the printable plan's own style sheet, no inline script runs anywhere) and a
Permissions-Policy that turns off the device features the app never uses. A runner's own
pages and API answers: Cache-Control: no-store."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        # The app's own service worker (/sw.js) and web app manifest, nothing else.
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# The guided session keeps the screen awake (app.js), so that one is this site's alone; every
# other feature is off for the site and anything it could embed.
PERMISSIONS = ", ".join(
    [
        "accelerometer=()",
        "camera=()",
        "display-capture=()",
        "geolocation=()",
        "gyroscope=()",
        "hid=()",
        "magnetometer=()",
        "microphone=()",
        "midi=()",
        "payment=()",
        "publickey-credentials-get=()",
        "screen-wake-lock=(self)",
        "serial=()",
        "usb=()",
        "xr-spatial-tracking=()",
    ]
)


class SecurityHeaders:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS)
        return response


# Set on an answer that is the same whoever asks (the service worker, the manifest, the
# offline page): it keeps its own caching rules even for a logged-in runner.
SAME_FOR_EVERYONE = "same_for_everyone"


def same_for_everyone(response: HttpResponse) -> HttpResponse:
    setattr(response, SAME_FOR_EVERYONE, True)
    return response


class PrivateNotStored:
    """A page for a logged-in runner, or an answer to a request with a bearer token, holds
    their health data: no browser or proxy may keep a copy (a shared computer, the back
    button after logging out). Sits after AuthenticationMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        private = "HTTP_AUTHORIZATION" in request.META or request.user.is_authenticated
        response = self.get_response(request)
        if getattr(response, SAME_FOR_EVERYONE, False):
            return response
        # After the view too: the answer to a successful login is the runner's already.
        if private or request.user.is_authenticated:
            patch_cache_control(response, no_store=True)
        return response
