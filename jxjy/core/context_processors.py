from typing import Any

from django.http import HttpRequest

from . import demo_clock
from .navigation import menu_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    context: dict[str, Any] = {"nav_menu": menu_for(request.user)}
    if demo_clock.may_set(request.user):
        context["demo_clock"] = demo_clock.status()
    return context
