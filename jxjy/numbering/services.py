"""The one numbering service: `number_allocate(series=…, scope=…, year=…, count=…)`.

Every numbered thing of the system (approval numbers, certificate-number blocks of a class, CE
certificates, pass certificates, CE bases) takes its number here, inside the transaction that creates
it. The counter row is created if missing, then locked (SELECT … FOR UPDATE), so concurrent issuers
queue on the row; a rolled-back issue gives its number back."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from .models import NumberCounter, Series


def scope_of(kind: str, pk: int | str) -> str:
    """The scope key of an issuing body: ``scope_of("bureau", 12) == "bureau:12"``."""
    return f"{kind}:{pk}"


def _ensure_row(series: str, scope: str, year: int) -> None:
    if NumberCounter.objects.filter(series=series, scope=scope, year=year).exists():
        return
    try:
        with transaction.atomic():  # a savepoint: a concurrent creator wins, we then lock its row
            NumberCounter.objects.create(series=series, scope=scope, year=year)
    except IntegrityError:
        pass


def number_allocate(*, series: Series | str, scope: str, year: int = 0, count: int = 1) -> int:
    """Reserves `count` consecutive numbers of (series, scope, year) and answers the first.

    Must run inside the caller's transaction, so the number and the thing it numbers commit together."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("numbers are allocated inside the issuing transaction")
    if count < 1:
        raise ValueError("count must be positive")
    series = Series(series).value
    _ensure_row(series, scope, year)
    counter = NumberCounter.objects.select_for_update().get(series=series, scope=scope, year=year)
    first = counter.last + 1
    counter.last += count
    counter.save(update_fields=["last"])
    return first


def number_last(*, series: Series | str, scope: str, year: int = 0) -> int:
    """The last number issued so far (0 when none)."""
    row = NumberCounter.objects.filter(series=Series(series).value, scope=scope, year=year).first()
    return row.last if row is not None else 0
