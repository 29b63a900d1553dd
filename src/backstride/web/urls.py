"""Routes: the runner's pages, accounts, the JSON API under /api/v1, and /healthz."""

from django.contrib import admin
from django.urls import include, path

from backstride.web.api.router import api
from backstride.web.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("accounts/", include("backstride.web.accounts.urls")),
    path("admin/", admin.site.urls),
    path("", include("backstride.web.coach.urls")),
]

handler400 = "backstride.web.errors.bad_request"
