"""Work in progress."""

from django.http import Http404, HttpRequest, HttpResponse


def today(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def morning_checkin(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def add_run(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def history(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def edit_checkin(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def edit_run(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def edit_session(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def delete_entry(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404
