"""Work in progress."""

from django.http import Http404, HttpRequest, HttpResponse


def guided(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def log_set(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404
