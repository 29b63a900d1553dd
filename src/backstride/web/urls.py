"""Routes: the runner's pages, accounts, the JSON API under /api/v1, /healthz, and the
installable app's manifest, service worker, offline page and favicon."""

from django.contrib import admin
from django.urls import include, path

from backstride.web import pwa
from backstride.web.api.router import api
from backstride.web.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # At the root: a service worker looks after the pages below its own address.
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("offline/", pwa.offline, name="offline"),
    path("favicon.ico", pwa.favicon, name="favicon"),
    path("api/v1/", api.urls),
    path("accounts/", include("backstride.web.accounts.urls")),
    path("admin/", admin.site.urls),
    path("", include("backstride.web.coach.urls")),
]

handler400 = "backstride.web.errors.bad_request"
