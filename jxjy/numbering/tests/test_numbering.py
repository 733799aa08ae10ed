"""The one numbering service: every series gap-free and duplicate-free (证书号 unique, gap-free within its
series; 榕人专〔2009〕145号 三 继续教育证书统一由主管部门编号; 附件1 批准号)."""

from __future__ import annotations

import threading

import pytest
from django.db import close_old_connections, connection, transaction

from jxjy.numbering.models import NumberCounter, Series
from jxjy.numbering.services import number_allocate, number_last, scope_of


@pytest.mark.django_db
def test_numbers_run_on_without_gaps_per_series_scope_and_year() -> None:
    """Each (series, scope, year) counts on its own from 1; a block reserves consecutive numbers."""
    with transaction.atomic():
        assert number_allocate(series=Series.APPROVAL, scope=scope_of("bureau", 1), year=2026) == 1
        assert number_allocate(series=Series.APPROVAL, scope=scope_of("bureau", 1), year=2026) == 2
        assert number_allocate(series=Series.APPROVAL, scope=scope_of("bureau", 1), year=2027) == 1
        assert number_allocate(series=Series.APPROVAL, scope=scope_of("bureau", 2), year=2026) == 1
        assert number_allocate(series=Series.CLASS_CERTIFICATE, scope=scope_of("bureau", 1), year=2026, count=40) == 1
        assert number_allocate(series=Series.CLASS_CERTIFICATE, scope=scope_of("bureau", 1), year=2026, count=5) == 41
    assert number_last(series=Series.CLASS_CERTIFICATE, scope="bureau:1", year=2026) == 45
    assert NumberCounter.objects.count() == 4


@pytest.mark.django_db
def test_a_rolled_back_issue_gives_its_number_back() -> None:
    """The number is taken in the issuing transaction: a failure after allocation leaves no gap."""
    with pytest.raises(RuntimeError), transaction.atomic():
        number_allocate(series=Series.CE_CERTIFICATE, scope="bureau:7")
        raise RuntimeError("the certificate could not be saved")
    with transaction.atomic():
        assert number_allocate(series=Series.CE_CERTIFICATE, scope="bureau:7") == 1


@pytest.mark.django_db(transaction=True)
def test_numbers_are_allocated_only_inside_a_transaction_and_in_positive_blocks() -> None:
    with pytest.raises(RuntimeError, match="inside the issuing transaction"):
        number_allocate(series=Series.APPROVAL, scope="bureau:1", year=2026)
    with transaction.atomic(), pytest.raises(ValueError, match="positive"):
        number_allocate(series=Series.APPROVAL, scope="bureau:1", year=2026, count=0)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("series", [Series.APPROVAL, Series.CLASS_CERTIFICATE, Series.CE_CERTIFICATE,
                                    Series.PASS_CERTIFICATE, Series.CE_BASE])
def test_sixteen_concurrent_issuers_get_gap_free_and_duplicate_free_numbers(series: Series) -> None:
    """16 threads, each its own PostgreSQL connection, issue 10 numbers each (some in blocks of 3), all
    starting at the same instant on a series that does not exist yet: every number from 1 to the end
    is issued exactly once."""
    writers, rounds = 16, 10
    barrier = threading.Barrier(writers)
    issued: list[tuple[int, int]] = []  # (first, count)
    lock = threading.Lock()
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            barrier.wait()
            for i in range(rounds):
                count = 3 if (n + i) % 4 == 0 else 1
                with transaction.atomic():
                    first = number_allocate(series=series, scope="bureau:99", year=2026, count=count)
                with lock:
                    issued.append((first, count))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = sorted(first + k for first, count in issued for k in range(count))
    assert len(numbers) == len(set(numbers))  # no duplicate
    assert numbers == list(range(1, len(numbers) + 1))  # no gap
    assert number_last(series=series, scope="bureau:99", year=2026) == len(numbers)
    assert NumberCounter.objects.filter(series=series).count() == 1
