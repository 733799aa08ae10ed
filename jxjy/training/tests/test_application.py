"""Class application and review (榕人专〔2009〕145号 三 and 附件1; 泉洛政人社[2017]27号 一(五)2)."""

from __future__ import annotations

import datetime as dt

import pytest

from jxjy.audit.models import AuditEvent
from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied
from jxjy.notifications.models import Notification
from jxjy.training.choices import ClassStatus, ReviewerKind, ReviewStatus
from jxjy.training.models import Holiday, ReviewChain, ReviewChainStep
from jxjy.training.services.calendar import latest_on_time
from jxjy.training.services.classes import teacher_resume_attach, training_class_submit
from jxjy.training.services.review import class_review_approve, class_review_reject, class_review_return

from .conftest import PDF, accredit_broadly, draft_class, submitted_class

pytestmark = pytest.mark.django_db

NATIONAL_DAY_2026 = [dt.date(2026, 10, d) for d in range(1, 8)]


def test_ten_working_days_skip_the_weekends_27号_一五2() -> None:
    # First day Monday 16 March 2026: the ten working days before it are 2–13 March.
    assert latest_on_time(dt.date(2026, 3, 16), 10) == dt.date(2026, 3, 2)


def test_ten_working_days_skip_the_holiday_calendar_27号_一五2() -> None:
    first_day = dt.date(2026, 10, 15)
    assert latest_on_time(first_day, 10) == dt.date(2026, 10, 1)
    assert latest_on_time(first_day, 10, holidays=NATIONAL_DAY_2026) == dt.date(2026, 9, 24)


def test_a_weekend_day_worked_in_exchange_counts_as_a_working_day() -> None:
    # Sunday 27 September 2026 declared a working day (调休): one working day more, so a day later.
    assert latest_on_time(dt.date(2026, 10, 15), 10, holidays=NATIONAL_DAY_2026,
                          workdays=[dt.date(2026, 9, 27)]) == dt.date(2026, 9, 25)


def test_submission_refused_across_a_weekend_names_the_on_time_date_27号_一五2(scene) -> None:  # type: ignore[no-untyped-def]
    scene.clock.set(dt.date(2026, 3, 3))  # Tuesday; the class starts Monday 16 March
    training_class = draft_class(scene, start=dt.date(2026, 3, 16))
    with pytest.raises(ApplicationError) as exc:
        training_class_submit(actor=scene.provider, training_class=training_class)
    assert "最迟应于2026年3月2日提交" in exc.value.message
    assert exc.value.extra["latest_on_time"] == "2026-03-02"
    training_class.refresh_from_db()
    assert training_class.status == ClassStatus.DRAFT


def test_submission_refused_across_a_holiday_from_the_configured_calendar_27号_一五2(scene) -> None:  # type: ignore[no-untyped-def]
    for day in NATIONAL_DAY_2026:
        Holiday.objects.create(date=day, name="国庆节")
    scene.clock.set(dt.date(2026, 9, 24))
    on_time = draft_class(scene, start=dt.date(2026, 10, 15))
    assert training_class_submit(actor=scene.provider, training_class=on_time).status == ClassStatus.UNDER_REVIEW
    scene.clock.set(dt.date(2026, 9, 25))
    late = draft_class(scene, start=dt.date(2026, 10, 15))
    with pytest.raises(ApplicationError, match="最迟应于2026年9月24日提交"):
        training_class_submit(actor=scene.provider, training_class=late)


def test_submission_needs_every_teachers_resume_145号_三(scene) -> None:  # type: ignore[no-untyped-def]
    from jxjy.training.services.classes import training_class_create

    from .conftest import application

    scene.clock.set(dt.date(2026, 3, 2))
    data, schedule = application(dt.date(2026, 3, 18))
    training_class = training_class_create(actor=scene.provider, data=data, schedule=schedule)
    teacher_resume_attach(actor=scene.provider, training_class=training_class, teacher_name="李教授",
                          filename="cv.pdf", data=PDF)
    with pytest.raises(ApplicationError, match="缺少师资简历：张主任"):
        training_class_submit(actor=scene.provider, training_class=training_class)


def test_resume_uploads_are_checked_for_type_and_content(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = draft_class(scene)
    with pytest.raises(ApplicationError, match="文件类型不允许"):
        teacher_resume_attach(actor=scene.provider, training_class=training_class, teacher_name="李教授",
                              filename="cv.exe", data=b"MZ")
    with pytest.raises(ApplicationError, match="内容与扩展名不符"):
        teacher_resume_attach(actor=scene.provider, training_class=training_class, teacher_name="李教授",
                              filename="cv.pdf", data=b"<html>")
    with pytest.raises(ApplicationError, match="文件过大"):
        teacher_resume_attach(actor=scene.provider, training_class=training_class, teacher_name="李教授",
                              filename="cv.pdf", data=PDF + b"0" * (5 * 1024 * 1024))


def test_schedule_hours_must_add_up_to_the_class_hours(scene) -> None:  # type: ignore[no-untyped-def]
    from decimal import Decimal

    with pytest.raises(ApplicationError, match="课程表学时合计 6 与培训学时 8"):
        draft_class(scene, total_hours=Decimal("8"))


def test_a_city_level_class_is_reviewed_by_its_authority_then_the_city_bureau_145号_附件1(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = submitted_class(scene)
    steps = list(training_class.reviews.order_by("order"))
    assert [s.reviewer for s in steps] == [scene.world.fz_health, scene.world.bureaus["350100"]]
    assert [s.status for s in steps] == [ReviewStatus.PENDING, ReviewStatus.WAITING]
    assert Notification.objects.filter(user=scene.authority).exists()
    with pytest.raises(PermissionDenied, match="当前应由福州市卫健委审核"):
        class_review_approve(actor=scene.hr, training_class=training_class)
    class_review_approve(actor=scene.authority, training_class=training_class, comment="同意")
    assert training_class.reviews.get(order=2).status == ReviewStatus.PENDING
    class_review_approve(actor=scene.hr, training_class=training_class, comment="同意")
    training_class.refresh_from_db()
    assert training_class.status == ClassStatus.UNDER_NOTICE
    assert training_class.notice.starts_on == dt.date(2026, 3, 2)
    assert training_class.notice.ends_on == dt.date(2026, 3, 6)
    messages = list(AuditEvent.objects.filter(object_type="training.trainingclass",
                                              object_id=str(training_class.pk)).values_list("message", flat=True))
    assert any("福州市卫健委审核同意" in m for m in messages)
    assert any("公示2026-03-02至2026-03-06" in m for m in messages)


def test_a_county_level_class_without_authority_goes_to_the_county_then_the_city_bureau(scene) -> None:  # type: ignore[no-untyped-def]
    from jxjy.orgs.models import Provider

    from .conftest import application

    provider = Provider.objects.create(name="鼓楼区培训中心", credit_code="12350102900000009X", region=scene.world.gulou)
    scene.provider.provider = provider
    scene.provider.save()
    accredit_broadly(scene.world, provider, officer="hr_gulou", tier="county")
    training_class = submitted_class(scene)
    assert [s.reviewer for s in training_class.reviews.order_by("order")] == [
        scene.world.bureaus["350102"], scene.world.bureaus["350100"]]
    _ = application


def test_the_review_chain_is_configuration_not_code(scene) -> None:  # type: ignore[no-untyped-def]
    chain = ReviewChain.objects.create(hr_bureau=scene.world.bureaus["350100"], organiser_level="city",
                                       name="福州市直单位办班：市人社局直接审核")
    ReviewChainStep.objects.create(chain=chain, order=1, reviewer=ReviewerKind.CITY_BUREAU)
    training_class = submitted_class(scene)
    assert [s.reviewer for s in training_class.reviews.all()] == [scene.world.bureaus["350100"]]


def test_returning_for_changes_needs_comments_and_resubmission_starts_the_chain_again(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = submitted_class(scene)
    with pytest.raises(ApplicationError, match="须填写修改意见"):
        class_review_return(actor=scene.authority, training_class=training_class, comment=" ")
    class_review_return(actor=scene.authority, training_class=training_class, comment="请补充教学计划")
    training_class.refresh_from_db()
    assert training_class.status == ClassStatus.RETURNED
    assert Notification.objects.filter(user=scene.provider, message__contains="请补充教学计划").exists()
    with pytest.raises(ConflictError):
        class_review_approve(actor=scene.authority, training_class=training_class)
    training_class_submit(actor=scene.provider, training_class=training_class)
    training_class.refresh_from_db()
    assert training_class.review_round == 2
    assert training_class.reviews.filter(round=2, order=1, status=ReviewStatus.PENDING).exists()


def test_rejection_needs_a_reason_and_is_final(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = submitted_class(scene)
    class_review_approve(actor=scene.authority, training_class=training_class)
    with pytest.raises(ApplicationError, match="须填写理由"):
        class_review_reject(actor=scene.hr, training_class=training_class, reason="")
    class_review_reject(actor=scene.hr, training_class=training_class, reason="培训内容与继续教育无关")
    training_class.refresh_from_db()
    assert training_class.status == ClassStatus.REJECTED
    with pytest.raises(ConflictError, match="不能提交申请"):
        training_class_submit(actor=scene.provider, training_class=training_class)
    assert AuditEvent.objects.filter(message__contains="不予批准：培训内容与继续教育无关").exists()


def test_a_reviewer_outside_the_chain_cannot_decide(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = submitted_class(scene)
    with pytest.raises(PermissionDenied):
        class_review_approve(actor=scene.world.users["hr_quanzhou"], training_class=training_class)
