"""Enrolment (参训), half-day attendance (签到/签退) and exam scores."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jxjy.orgs.models import EmployerUnit
from jxjy.people.models import Professional

from ..choices import EnrolmentSource, SignMethod
from .classes import ScheduleItem, TrainingClass


class Enrolment(models.Model):
    """One trainee on a class roster (花名册), with certificate number and exam score."""

    training_class = models.ForeignKey(TrainingClass, verbose_name="培训班", on_delete=models.CASCADE,
                                       related_name="enrolments")
    professional = models.ForeignKey(Professional, verbose_name="学员", on_delete=models.PROTECT,
                                     related_name="training_enrolments")
    source = models.CharField("报名方式", max_length=20, choices=EnrolmentSource.choices)
    nominated_by_unit = models.ForeignKey(EmployerUnit, verbose_name="选派单位", null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="+")
    certificate_seq = models.PositiveIntegerField("证书序号")
    certificate_no = models.CharField("证书号", max_length=60)
    exam_score = models.DecimalField("考试成绩", max_digits=5, decimal_places=1, null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField("报名时间", auto_now_add=True)

    class Meta:
        verbose_name = "参训学员"
        verbose_name_plural = "参训学员"
        ordering = ["training_class", "certificate_seq"]
        constraints = [
            models.UniqueConstraint(fields=["training_class", "professional"], name="enrol_once_per_class"),
            models.UniqueConstraint(fields=["training_class", "certificate_seq"], name="certificate_seq_once_per_class"),
            models.CheckConstraint(condition=models.Q(exam_score__isnull=True)
                                   | models.Q(exam_score__gte=0, exam_score__lte=100), name="exam_score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.professional.name} @ {self.training_class}"

    @property
    def region(self):  # type: ignore[no-untyped-def]
        return self.professional.region


class Attendance(models.Model):
    """A trainee's sign-in and sign-out for one half-day session: who signed, how and when."""

    enrolment = models.ForeignKey(Enrolment, verbose_name="学员", on_delete=models.CASCADE, related_name="attendance")
    schedule_item = models.ForeignKey(ScheduleItem, verbose_name="时段", on_delete=models.CASCADE,
                                      related_name="attendance")
    signed_in_at = models.DateTimeField("签到时间", null=True, blank=True)
    sign_in_method = models.CharField("签到方式", max_length=10, choices=SignMethod.choices, blank=True)
    sign_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="签到操作人", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    signed_out_at = models.DateTimeField("签退时间", null=True, blank=True)
    sign_out_method = models.CharField("签退方式", max_length=10, choices=SignMethod.choices, blank=True)
    sign_out_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="签退操作人", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "考勤"
        verbose_name_plural = "考勤"
        ordering = ["schedule_item", "enrolment"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "schedule_item"], name="one_attendance_per_session"),
            models.CheckConstraint(condition=models.Q(signed_out_at__isnull=True) | models.Q(signed_in_at__isnull=False),
                                   name="sign_out_needs_sign_in"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment.professional.name} {self.schedule_item}"

    @property
    def complete(self) -> bool:
        return self.signed_in_at is not None and self.signed_out_at is not None


class AttendanceSheet(models.Model):
    """A scanned, signed paper sheet uploaded by the provider for one session."""

    schedule_item = models.ForeignKey(ScheduleItem, verbose_name="时段", on_delete=models.CASCADE,
                                      related_name="sheets")
    file = models.FileField("签到表", upload_to="training/sheets/%Y/")
    original_name = models.CharField("原文件名", max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "签到表"
        verbose_name_plural = "签到表"
        ordering = ["schedule_item", "id"]

    def __str__(self) -> str:
        return f"{self.schedule_item} 签到表"
