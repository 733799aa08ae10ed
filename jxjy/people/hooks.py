"""What other apps must hear when professionals change: the records app keeps each person's
standing (达标情况) current and registers here from its `ready()` (people sits below records and
cannot import it). Subscribers run synchronously, inside the transaction of the change."""

from __future__ import annotations

from collections.abc import Callable, Iterable

# (professional ids, names of the changed fields; "created" for new people)
Subscriber = Callable[[list[int], set[str]], None]
_subscribers: list[Subscriber] = []


def on_professionals_changed(fn: Subscriber) -> Subscriber:
    if fn not in _subscribers:
        _subscribers.append(fn)
    return fn


def professionals_changed(ids: Iterable[int], fields: set[str]) -> None:
    pks = sorted(set(ids))
    if not pks or not fields:
        return
    for fn in _subscribers:
        fn(pks, fields)
