"""Fraud signals across activities (issue 14 §8): the same person cannot earn two things at once.
A trainee signed in to a class half day (泉洛政人社[2017]27号 一（五）3: 半日内至少签到、签退各一次)
who is credited online study in the same hours, or who declares a conference for that day, is
shown to the unit administrator and the HR officers in scope, and in the records review; a day
credited more 学时 than a day can hold is flagged too."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jxjy.online.models import Enrolment as OnlineEnrolment
from jxjy.online.models import StudySession
from jxjy.online.services.learning import enrolment_create
from jxjy.online.tests.builders import build_course
from jxjy.records.services.learning import learning_record_declare
from jxjy.records.signal_selectors import fraud_signals
from jxjy.training.choices import SignKind
from jxjy.training.services.attendance import attendance_sign_by_qr, qr_token

from .conftest import SHANGHAI, enrolled_class

pytestmark = pytest.mark.django_db
CLASS_DAY = dt.date(2026, 3, 18)


def at(hour: int, minute: int = 0, day: dt.date = CLASS_DAY) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


def attend_morning(scene, user):  # type: ignore[no-untyped-def]
    """The trainee scans in at 08:30 and out at 12:00 of the class's morning."""
    training_class, _ = enrolled_class(scene)
    item = training_class.schedule.get(half_day="am")
    for hour, minute, kind in ((8, 30, SignKind.IN), (12, 0, SignKind.OUT)):
        scene.clock.set(item.date, hour, minute)
        attendance_sign_by_qr(actor=user, item=item, token=qr_token(item=item, kind=kind))
    return training_class


def online_enrolment(world) -> OnlineEnrolment:  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"])
    return enrolment_create(actor=world.users["pro_gl_doctor"], course=course)


def studied(enrolment: OnlineEnrolment, start: dt.datetime, end: dt.datetime) -> StudySession:
    """A study session as the heartbeats leave it: credited from `start` to `end`."""
    return StudySession.objects.create(
        enrolment=enrolment, unit=enrolment.course.units.get(), started_at=start, last_beat_at=end,
        last_credited_at=end, credited_seconds=(end - start).total_seconds(), beats=10,
    )


def signals_page(client_for, name: str) -> str:  # type: ignore[no-untyped-def]
    response = client_for(name).get("/records/signals/", {"start": "2026-03-01", "end": "2026-03-31"})
    assert response.status_code == 200, name
    return response.content.decode()


def test_online_study_credited_during_a_signed_in_class_half_day_is_an_overlap(scene, client_for):  # type: ignore[no-untyped-def]
    world = scene.world
    user = world.users["pro_gl_doctor"]
    training_class = attend_morning(scene, user)
    enrolment = online_enrolment(world)
    studied(enrolment, at(10), at(11))  # inside the morning the trainee was signed in for
    studied(enrolment, at(12, 30), at(13, 30))  # lunch: no class then

    signals = fraud_signals(user=world.users["hr_fuzhou"], start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31))
    assert len(signals.overlaps) == 1
    overlap = signals.overlaps[0]
    assert {overlap.first.kind, overlap.second.kind} == {"class", "online"}
    assert overlap.minutes == 60 and overlap.professional_id == user.professional_id

    for name in ("unit_gl_hospital", "hr_fuzhou", "hr_gulou"):
        page = signals_page(client_for, name)
        assert "时间重叠" in page and training_class.name in page and enrolment.course.title in page, name
        assert "时间重叠 <strong>1</strong> 处" in page, name
    # outside the jurisdiction: another city's officer and another unit see nothing of it
    for name in ("hr_quanzhou", "unit_tj_company"):
        assert training_class.name not in signals_page(client_for, name), name
    assert client_for("pro_gl_doctor").get("/records/signals/").status_code == 404

    # the same list through the API, in the same scope
    api = client_for("unit_gl_hospital").get("/api/v1/signals", {"start": "2026-03-01", "end": "2026-03-31"}).json()
    assert api["count"] == 1 and api["items"][0]["kind"] == "overlap" and api["items"][0]["minutes"] == 60
    assert {c["kind"] for c in api["items"][0]["claims"]} == {"class", "online"}
    assert client_for("hr_quanzhou").get("/api/v1/signals", {"start": "2026-03-01", "end": "2026-03-31"}).json()["count"] == 0
    assert client_for("pro_gl_doctor").get("/api/v1/signals", {"start": "2026-03-01", "end": "2026-03-31"}).status_code == 403
    backwards = client_for("hr_fuzhou").get("/api/v1/signals", {"start": "2026-03-31", "end": "2026-03-01"})
    assert backwards.status_code == 400 and backwards.json()["field"] == "end"


def test_a_conference_declared_for_the_class_day_is_flagged_in_the_records_review(scene, client_for):  # type: ignore[no-untyped-def]
    world = scene.world
    user = world.users["pro_gl_doctor"]
    attend_morning(scene, user)
    record = learning_record_declare(actor=user, professional=user.professional, date=CLASS_DAY,
                                     subject="professional", form="conference", course="全国医院管理学术年会",
                                     hours=Decimal("6"))
    other = learning_record_declare(actor=user, professional=user.professional, date=CLASS_DAY + dt.timedelta(days=2),
                                    subject="professional", form="conference", course="省医学会年会",
                                    hours=Decimal("6"))
    review = client_for("unit_gl_hospital").get("/records/reviews/").content.decode()
    row = review[review.index(record.course):]
    row = row[: row.index("</tr>")]
    assert "学时冲突" in row and "申报记录与培训班考勤时间重叠" in row
    other_row = review[review.index(other.course):]
    assert "学时冲突" not in other_row[: other_row.index("</tr>")]
    assert "全国医院管理学术年会" in signals_page(client_for, "hr_fuzhou")


def test_a_day_credited_more_than_it_can_hold_is_flagged_without_any_overlap(scene, client_for):  # type: ignore[no-untyped-def]
    """Class all day (6 学时) and online study before and after it that crosses neither half day:
    no overlap, but 6 学时 + 8 h online (≈10.6 学时 at 45 minutes) is more than the default 12 学时."""
    world = scene.world
    user = world.users["pro_gl_doctor"]
    attend_morning(scene, user)  # 3 学时
    training_class = user.professional.training_enrolments.get().training_class
    item = training_class.schedule.get(half_day="pm")
    for hour, kind in ((14, SignKind.IN), (17, SignKind.OUT)):
        scene.clock.set(item.date, hour)
        attendance_sign_by_qr(actor=user, item=item, token=qr_token(item=item, kind=kind))
    enrolment = online_enrolment(world)
    studied(enrolment, at(6), at(8))
    studied(enrolment, at(18), at(23, 59))

    signals = fraud_signals(user=world.users["unit_gl_hospital"], start=CLASS_DAY, end=CLASS_DAY)
    assert signals.overlaps == []
    assert [(d.date, d.capacity) for d in signals.impossible_days] == [(CLASS_DAY, Decimal(12))]
    assert signals.impossible_days[0].hours > 12
    page = signals_page(client_for, "hr_fuzhou")
    assert "超出一天可计学时" in page and "上限依据：默认：来源文件未规定一天最多可计的学时" in page

    # the same evening without the class is a full, possible day
    StudySession.objects.filter(started_at=at(6)).delete()
    training_class.enrolments.get(professional=user.professional).attendance.all().delete()
    assert fraud_signals(user=world.users["unit_gl_hospital"], start=CLASS_DAY, end=CLASS_DAY).impossible_days == []
