"""Work in progress."""

from django.http import Http404, HttpRequest, HttpResponse


def home(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def plan(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def exercise_list(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def exercise_detail(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404
