"""Work in progress."""

from django.http import Http404, HttpRequest, HttpResponse


def calibrate(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404
