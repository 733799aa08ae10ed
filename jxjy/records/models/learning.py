"""Learning records (学习记录): one recognised (or pending) piece of CE of one professional.

Every source — recognised classes, online courses, declared and unit-registered records — ends
here, and the rules engine reads these rows (as its case `records`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models

from jxjy.orgs.models import Provider
from jxjy.people.models import Professional

from ..choices import (
    CreditClass,
    LearningForm,
    RecordSource,
    RecordStatus,
    ReviewDecision,
    ReviewStage,
    Subject,
)


class LearningRecord(models.Model):
    """One piece of CE of one professional; pending until its review chain ends (see `ReviewStage`)."""

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
    review_stage = models.CharField(
        "审核环节", max_length=20, choices=ReviewStage.choices, default=ReviewStage.DONE,
        help_text="申报/单位登记的记录依次经单位、（卫生系列）卫生主管部门、主管部门或人社局审核",
    )
    declared_by = models.ForeignKey(
        "accounts.User", verbose_name="申报人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField("情况说明", blank=True)
    paper_confirmation_no = models.CharField("论文确认编号", max_length=64, blank=True)
    paper_confirmed_on = models.DateField(
        "论文确认日期", null=True, blank=True, help_text="以论文计算学时或学分的，必须事先办好确认手续（泉洛政人社[2017]27号 二（一）6）"
    )
    make_up_for_year = models.PositiveSmallIntegerField(
        "补课所属年度", null=True, blank=True, help_text="补课（常人社发〔2011〕11号 第十三条）计入所欠的年度"
    )
    rejection_reason = models.CharField("未通过原因", max_length=300, blank=True)
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)
    revoked_by = models.ForeignKey(
        "accounts.User", verbose_name="撤销人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revocation_reason = models.CharField(
        "撤销原因", max_length=300, blank=True,
        help_text="如培训班经检查认定弄虚作假、基地摘牌时撤销其培训班的学时（records.services.revocation）",
    )

    class Meta:
        verbose_name = "学习记录"
        verbose_name_plural = "学习记录"
        ordering = ["professional_id", "date", "id"]
        indexes = [
            models.Index(fields=["professional", "year", "status"]),
            models.Index(fields=["source", "source_ref"]),
            models.Index(fields=["review_stage", "status"]),
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
            models.CheckConstraint(
                condition=~models.Q(form="paper") | ~models.Q(status="recognised")
                | ~models.Q(source__in=["declared", "unit_registered"]) | models.Q(paper_confirmed_on__isnull=False),
                name="recognised_paper_was_confirmed",
            ),
            models.CheckConstraint(
                condition=models.Q(make_up_for_year__isnull=True) | models.Q(make_up_for_year__lt=models.F("year")),
                name="make_up_is_for_an_earlier_year",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="revoked") | (models.Q(revoked_at__isnull=False) & ~models.Q(revocation_reason="")),
                name="revoked_record_has_time_and_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.professional.name} {self.date:%Y-%m-%d} {self.course}"

    @property
    def counted_year(self) -> int:
        """The year the record counts for: its own, or the earlier year it makes up for."""
        return self.make_up_for_year or self.year

    def as_case_record(self) -> dict[str, object]:
        """This record in the rules engine's case format (a make-up counts on the last day of its year)."""
        date = dt.date(self.make_up_for_year, 12, 31) if self.make_up_for_year else self.date
        record: dict[str, object] = {
            "date": date.isoformat(),
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


class EvidenceFile(models.Model):
    """佐证材料: a file backing a declared or unit-registered record (notice, receipt, diploma …)."""

    record = models.ForeignKey(LearningRecord, verbose_name="学习记录", on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField("文件", upload_to="records/evidence/%Y/%m/")
    name = models.CharField("材料名称", max_length=200)
    uploaded_by = models.ForeignKey(
        "accounts.User", verbose_name="上传人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"
        ordering = ["record_id", "id"]

    def __str__(self) -> str:
        return self.name


class RecordReview(models.Model):
    """One step of a record's review chain: who decided, at which stage, and why."""

    record = models.ForeignKey(LearningRecord, verbose_name="学习记录", on_delete=models.CASCADE, related_name="reviews")
    stage = models.CharField("审核环节", max_length=20, choices=ReviewStage.choices)
    decision = models.CharField("结论", max_length=10, choices=ReviewDecision.choices)
    reason = models.CharField("意见", max_length=300, blank=True)
    reviewer = models.ForeignKey("accounts.User", verbose_name="审核人", on_delete=models.PROTECT, related_name="+")
    reviewer_org = models.CharField("审核单位", max_length=150)
    decided_at = models.DateTimeField("审核时间")

    class Meta:
        verbose_name = "学习记录审核"
        verbose_name_plural = "学习记录审核"
        ordering = ["record_id", "decided_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(decision="rejected") | ~models.Q(reason=""), name="record_rejection_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}：{self.get_decision_display()}"
