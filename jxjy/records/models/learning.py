"""Learning records (学习记录): one recognised (or pending) piece of CE of one professional.

Every source — recognised classes, online courses, declared and unit-registered records — ends
here, and the rules engine reads these rows (as its case `records`)."""

from __future__ import annotations

from decimal import Decimal

from django.db import models

from jxjy.orgs.models import Provider
from jxjy.people.models import Professional

from .choices import CreditClass, LearningForm, RecordSource, RecordStatus, Subject


class LearningRecord(models.Model):
    professional = models.ForeignKey(
        Professional, verbose_name="专业技术人员", on_delete=models.PROTECT, related_name="learning_records"
    )
    date = models.DateField("学习日期", help_text="计入年度以此日期为准")
    year = models.PositiveSmallIntegerField("年度", editable=False, db_index=True)
    subject = models.CharField("科目", max_length=20, choices=Subject.choices)
    form = models.CharField("形式", max_length=20, choices=LearningForm.choices)
    hours = models.DecimalField("学时", max_digits=6, decimal_places=1, null=True, blank=True)
    days = models.DecimalField("天数", max_digits=5, decimal_places=1, null=True, blank=True)
    credits = models.DecimalField("学分", max_digits=6, decimal_places=1, null=True, blank=True)
    credit_class = models.CharField("学分类别", max_length=2, choices=CreditClass.choices, blank=True)
    general_practice = models.BooleanField("全科医学", default=False)
    course = models.CharField("课程/项目名称", max_length=200)
    required_course = models.BooleanField("公需必修课", default=False)
    source = models.CharField("来源", max_length=20, choices=RecordSource.choices)
    source_ref = models.CharField("来源编号", max_length=64, blank=True, help_text="如培训班批准号、网络课程编号")
    provider = models.ForeignKey(
        Provider, verbose_name="施教机构", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField("状态", max_length=20, choices=RecordStatus.choices, default=RecordStatus.PENDING)
    recognised_at = models.DateTimeField("认定时间", null=True, blank=True)
    recognised_by = models.ForeignKey(
        "accounts.User", verbose_name="认定人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "学习记录"
        verbose_name_plural = "学习记录"
        ordering = ["professional_id", "date", "id"]
        indexes = [
            models.Index(fields=["professional", "year", "status"]),
            models.Index(fields=["source", "source_ref"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__isnull=False) | models.Q(days__isnull=False) | models.Q(credits__isnull=False),
                name="record_has_an_amount",
            ),
            models.CheckConstraint(
                condition=(models.Q(hours__isnull=True) | models.Q(hours__gte=0))
                & (models.Q(days__isnull=True) | models.Q(days__gte=0))
                & (models.Q(credits__isnull=True) | models.Q(credits__gte=0)),
                name="record_amounts_not_negative",
            ),
            models.UniqueConstraint(
                fields=["professional", "source", "source_ref"],
                condition=models.Q(source__in=["training_class", "online_course"]) & ~models.Q(status="revoked"),
                name="one_record_per_class_or_course",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.professional.name} {self.date:%Y-%m-%d} {self.course}"

    def as_case_record(self) -> dict[str, object]:
        """This record in the rules engine's case format."""
        record: dict[str, object] = {
            "date": self.date.isoformat(),
            "subject": self.subject,
            "form": self.form,
            "course": self.course,
        }
        for name in ("hours", "days", "credits"):
            value: Decimal | None = getattr(self, name)
            if value is not None:
                record[name] = float(value)
        if self.required_course:
            record["required_course"] = True
        if self.credit_class:
            record["credit_class"] = self.credit_class
        if self.general_practice:
            record["general_practice"] = True
        return record
