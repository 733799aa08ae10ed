"""The project's URLs plus routes that fail on purpose, for the error-page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.urls import path

from jxjy.urls import handler400, handler403, handler404, handler500
from jxjy.urls import urlpatterns as project_urls

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def _boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("deliberate failure for the 500 page test")


def _suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("deliberate")


def _forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


urlpatterns = [
    path("__boom__/", _boom),
    path("__suspicious__/", _suspicious),
    path("__forbidden__/", _forbidden),
    *project_urls,
]
