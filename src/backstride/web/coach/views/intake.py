"""Work in progress."""

from django.http import Http404, HttpRequest, HttpResponse


def start(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def step(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def emergency(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def see_doctor(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404
