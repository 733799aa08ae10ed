"""待办: what waits for a user, gathered from the apps that own the work.

Each app names a source in settings.WORKLIST_SOURCES: ``source(user) -> list[TodoItem]``, scoped
through jxjy.accounts.policy.restrict and costing one COUNT per item it can show the user's role.
The home page lists the items with a count above zero and the user's upcoming deadlines."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True, slots=True)
class TodoItem:
    """`count` things of one kind wait for the user at `url` (e.g. 3 办班申请待审核)."""

    label: str
    count: int
    url: str
    hint: str = ""


Source = Callable[[Any], list[TodoItem]]


@cache
def _sources() -> tuple[Source, ...]:
    return tuple(import_string(path) for path in getattr(settings, "WORKLIST_SOURCES", ()))


def todo_for(user: Any) -> list[TodoItem]:
    """The items waiting for `user`, in the order of the sources, those with nothing left out."""
    if not getattr(user, "is_authenticated", False):
        return []
    return [item for source in _sources() for item in source(user) if item.count > 0]
