"""Public notice with objections and the numbers of approval (榕人专〔2009〕145号 三, 附件1, 附件2)."""

from __future__ import annotations

import datetime as dt
import io
import threading

import pytest
from django.db import close_old_connections, connection

from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied
from jxjy.numbering.models import NumberCounter, Series
from jxjy.training.choices import ClassStatus, NoticeMode
from jxjy.training.models import TrainingClass, TrainingSettings
from jxjy.training.services.notice import (
    notice_start,
    objection_file,
    objection_resolve,
    public_notice_conclude,
)

from .conftest import approved_class, noticed_class

pytestmark = pytest.mark.django_db


def test_an_open_objection_blocks_approval_until_an_officer_resolves_it_145号_附件2(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = noticed_class(scene)
    objection = objection_file(notice=training_class.notice, name="某市民", contact="13800000000",
                               reason="授课教师资质存疑", ip="10.0.0.1")
    scene.clock.advance(days=5)
    with pytest.raises(ConflictError, match="1条异议尚未处理"):
        public_notice_conclude(actor=scene.hr, training_class=training_class)
    objection_resolve(actor=scene.hr, objection=objection, upheld=False, resolution="经核实教师资质符合要求")
    approved = public_notice_conclude(actor=scene.hr, training_class=training_class)
    assert approved.status == ClassStatus.APPROVED


def test_an_upheld_objection_refuses_the_class(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = noticed_class(scene)
    objection = objection_file(notice=training_class.notice, name="某市民", contact="138", reason="重复办班",
                               ip="10.0.0.1")
    objection_resolve(actor=scene.hr, objection=objection, upheld=True, resolution="异议属实")
    training_class.refresh_from_db()
    assert training_class.status == ClassStatus.REJECTED


def test_approval_waits_for_the_five_days_of_notice_145号_附件2(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = noticed_class(scene)
    scene.clock.advance(days=4)
    with pytest.raises(ConflictError, match="公示期至2026年3月6日"):
        public_notice_conclude(actor=scene.hr, training_class=training_class)


def test_only_the_approving_bureau_concludes_and_resolves(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = noticed_class(scene)
    scene.clock.advance(days=5)
    with pytest.raises(PermissionDenied):
        public_notice_conclude(actor=scene.authority, training_class=training_class)


def test_objections_need_name_contact_and_reason_and_are_rate_limited(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = noticed_class(scene)
    with pytest.raises(ApplicationError, match="请填写联系方式"):
        objection_file(notice=training_class.notice, name="甲", contact="", reason="x", ip="10.0.0.2")
    for _ in range(5):
        objection_file(notice=training_class.notice, name="甲", contact="c", reason="r", ip="10.0.0.2")
    with pytest.raises(ApplicationError, match="提交过于频繁"):
        objection_file(notice=training_class.notice, name="甲", contact="c", reason="r", ip="10.0.0.2")
    objection_file(notice=training_class.notice, name="乙", contact="c", reason="r", ip="10.0.0.3")


def test_objections_are_refused_outside_the_notice_period(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = noticed_class(scene)
    scene.clock.advance(days=5)
    with pytest.raises(ConflictError, match="不在公示期内"):
        objection_file(notice=training_class.notice, name="甲", contact="c", reason="r", ip="10.0.0.4")


def test_fuzhou_publishes_notices_in_the_first_week_of_each_quarter_145号_流程图() -> None:
    rounds = TrainingSettings(notice_mode=NoticeMode.ROUNDS)
    assert notice_start(dt.date(2026, 4, 3), rounds) == dt.date(2026, 4, 3)
    assert notice_start(dt.date(2026, 4, 8), rounds) == dt.date(2026, 7, 1)
    assert notice_start(dt.date(2026, 11, 25), rounds) == dt.date(2027, 1, 1)
    assert notice_start(dt.date(2026, 11, 25), TrainingSettings()) == dt.date(2026, 11, 25)


def test_rounds_mode_is_configured_per_bureau(scene) -> None:  # type: ignore[no-untyped-def]
    TrainingSettings.objects.filter(hr_bureau=scene.world.bureaus["350100"]).update(notice_mode=NoticeMode.ROUNDS)
    training_class = noticed_class(scene, start=dt.date(2026, 4, 20))  # approved on 2 March
    assert training_class.notice.starts_on == dt.date(2026, 4, 1)


def test_approval_assigns_the_configured_approval_number_and_a_certificate_block_sized_to_the_trainees(scene) -> None:  # type: ignore[no-untyped-def]
    TrainingSettings.objects.filter(hr_bureau=scene.world.bureaus["350100"]).update(
                                    approval_no_format="榕人专继〔{year}〕{seq:03d}号",
                                    certificate_no_format="榕继{year}{seq:05d}")
    first = approved_class(scene)
    second = approved_class(scene, runs=2, trainees_per_run=4)
    assert first.approval_no == "榕人专继〔2026〕001号"
    assert second.approval_no == "榕人专继〔2026〕002号"
    assert (first.certificate_first, first.certificate_last) == (1, 3)
    assert (second.certificate_first, second.certificate_last) == (4, 11)
    assert second.certificate_range == "榕继202600004 至 榕继202600011"


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_officers_approving_at_the_same_instant_get_unique_gap_free_numbers_145号_附件1(scene) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks (DATABASE_URL=$(scripts/pg start))")
    from jxjy.accounts.models import Role
    from jxjy.core.testing import make_user

    second_officer = make_user("hr_fuzhou_2", Role.HR_OFFICER, hr_bureau=scene.world.bureaus["350100"],
                               region=scene.world.fuzhou)
    classes = [noticed_class(scene, trainees_per_run=n) for n in (3, 5, 2, 4, 6, 1)]
    scene.clock.advance(days=5)
    barrier = threading.Barrier(len(classes))
    errors: list[BaseException] = []

    def approve(training_class: TrainingClass, officer) -> None:  # type: ignore[no-untyped-def]
        try:
            barrier.wait()
            public_notice_conclude(actor=officer, training_class=training_class)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=approve, args=(c, scene.hr if i % 2 else second_officer))
               for i, c in enumerate(classes)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    done = list(TrainingClass.objects.filter(pk__in=[c.pk for c in classes]).order_by("certificate_first"))
    assert sorted(int(c.approval_no.split("〕")[1][:-1]) for c in done) == list(range(1, 7))
    expected_first = 1
    for c in done:
        assert c.certificate_first == expected_first
        assert c.certificate_last - c.certificate_first + 1 == c.capacity
        expected_first = c.certificate_last + 1
    last = NumberCounter.objects.get(series=Series.CLASS_CERTIFICATE).last
    assert last == sum(c.capacity for c in done) == expected_first - 1


def test_a_notice_that_ends_clean_approves_the_class_without_an_officer_145号_附件2(scene) -> None:  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    clean = noticed_class(scene)
    objected = noticed_class(scene)
    objection_file(notice=objected.notice, name="甲", contact="c", reason="r", ip="10.0.0.9")
    scene.clock.advance(days=4)
    call_command("training_conclude_notices", stdout=io.StringIO())
    clean.refresh_from_db()
    assert clean.status == ClassStatus.UNDER_NOTICE  # the fifth day is still notice
    scene.clock.advance(days=1)
    out = io.StringIO()
    call_command("training_conclude_notices", stdout=out)
    clean.refresh_from_db()
    objected.refresh_from_db()
    assert clean.status == ClassStatus.APPROVED and clean.approval_no == "继教〔2026〕001号"
    assert objected.status == ClassStatus.UNDER_NOTICE
    assert "共批准 1 个培训班" in out.getvalue()
