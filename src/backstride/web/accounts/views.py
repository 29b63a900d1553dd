"""Work in progress."""

from django.http import Http404, HttpRequest, HttpResponse


from django.contrib.auth.views import LoginView


class EmailLoginView(LoginView):
    pass


def signup(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def logout_view(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def account(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def change_password(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def delete_account(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def export_json(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404


def import_json(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    raise Http404
