"""Gap-free 公共科目合格证 numbers under real concurrency (常人社发〔2011〕11号 第九条): learners
passing at the same instant each get a distinct number, with no gap (PostgreSQL row locks)."""

from __future__ import annotations

import threading

import pytest
from django.db import close_old_connections, connection
from django.utils import timezone

from jxjy.core.testing import build_world, make_professional, make_user
from jxjy.numbering.services import Series, number_last
from jxjy.online.models import Enrolment, PassCertificate
from jxjy.online.services.certificates import pass_certificate_issue
from jxjy.online.services.learning import enrolment_create

from .builders import add_changzhou, build_course


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_simultaneous_passes_get_distinct_gap_free_certificate_numbers() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks (DATABASE_URL=$(scripts/pg start))")
    world = build_world()
    cz = add_changzhou(world)
    course = build_course(provider_admin=cz.provider_admin, officer=cz.officer, subject="public", code="CZ-GG-C")
    enrolments: list[Enrolment] = []
    for n in range(6):
        person = make_professional(cz.professional.unit, f"并发学员{n}", title=world.titles["工程师"])
        user = make_user(f"cz_parallel_{n}", "professional", professional=person, region=cz.district)
        enrolment = enrolment_create(actor=user, course=course)
        Enrolment.objects.filter(pk=enrolment.pk).update(units_completed_at=timezone.now(), passed_at=timezone.now())
        enrolments.append(enrolment)
    barrier = threading.Barrier(len(enrolments))
    errors: list[BaseException] = []

    def issue(enrolment: Enrolment) -> None:
        try:
            barrier.wait()
            pass_certificate_issue(actor=cz.officer, enrolment=enrolment)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=issue, args=(e,)) for e in enrolments]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    serials = sorted(PassCertificate.objects.values_list("serial", flat=True))
    assert serials == [1, 2, 3, 4, 5, 6]
    year = PassCertificate.objects.values_list("year", flat=True).get(serial=1)
    assert number_last(series=Series.PASS_CERTIFICATE, scope=f"region:{cz.city.pk}", year=year) == 6
