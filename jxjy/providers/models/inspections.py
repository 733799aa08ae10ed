"""Annual inspection and evaluation of CE bases (常人社发〔2011〕11号 第二十五条) and rectification
(reminders go through the notification centre)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from ..choices import InspectionOutcome, RectificationStatus
from .bases import CEBase

_SCORE = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(20))]

# The five items of 第二十五条, each scored 0–20 (total 100).
INSPECTION_ITEMS: list[tuple[str, str]] = [
    ("score_running", "办学情况"),
    ("score_management", "管理情况"),
    ("score_development", "建设发展情况"),
    ("score_quality", "培训效果和质量情况"),
    ("score_certificates", "证书登记工作情况"),
]


class AnnualInspection(models.Model):
    """One year's inspection of one base: five items scored by officers, the facts the system held at the
    time (prefilled, kept as a snapshot), and the outcome."""

    base = models.ForeignKey(CEBase, verbose_name="基地", on_delete=models.PROTECT, related_name="inspections")
    year = models.PositiveSmallIntegerField("年度")
    inspected_on = models.DateField("检查日期")
    score_running = models.DecimalField("办学情况", max_digits=4, decimal_places=1, validators=_SCORE)
    score_management = models.DecimalField("管理情况", max_digits=4, decimal_places=1, validators=_SCORE)
    score_development = models.DecimalField("建设发展情况", max_digits=4, decimal_places=1, validators=_SCORE)
    score_quality = models.DecimalField("培训效果和质量情况", max_digits=4, decimal_places=1, validators=_SCORE)
    score_certificates = models.DecimalField("证书登记工作情况", max_digits=4, decimal_places=1, validators=_SCORE)
    facts = models.JSONField("系统数据", default=dict, blank=True)
    findings = models.TextField("评估意见", max_length=3000)
    outcome = models.CharField("结论", max_length=10, choices=InspectionOutcome.choices)
    inspector = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="检查人", on_delete=models.PROTECT,
                                  related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "年检评估"
        verbose_name_plural = "年检评估"
        ordering = ["base", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["base", "year"], name="one_inspection_per_base_and_year"),
            *[
                models.CheckConstraint(condition=models.Q(**{f"{f}__gte": 0, f"{f}__lte": 20}), name=f"inspection_{f}_range")
                for f, _ in INSPECTION_ITEMS
            ],
        ]

    def __str__(self) -> str:
        return f"{self.base.number} {self.year}年度年检：{self.get_outcome_display()}"

    @property
    def region(self) -> Any:
        return self.base.provider.region

    @property
    def total(self) -> Decimal:
        return sum((getattr(self, f) or Decimal(0) for f, _ in INSPECTION_ITEMS), Decimal(0))


class Rectification(models.Model):
    """A rectification ordered by an inspection, tracked to its deadline (责令限期整改)."""

    inspection = models.OneToOneField(AnnualInspection, verbose_name="年检", on_delete=models.PROTECT,
                                      related_name="rectification")
    requirements = models.TextField("整改要求", max_length=3000)
    deadline = models.DateField("整改期限")
    status = models.CharField("状态", max_length=20, choices=RectificationStatus.choices,
                              default=RectificationStatus.OPEN, db_index=True)
    report = models.TextField("整改情况报告", max_length=5000, blank=True)
    reported_at = models.DateTimeField("报送时间", null=True, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="验收人", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "限期整改"
        verbose_name_plural = "限期整改"
        ordering = ["deadline", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(status="reported") | models.Q(reported_at__isnull=False),
                                   name="reported_rectification_has_time"),
        ]

    def __str__(self) -> str:
        return f"{self.inspection.base} 整改（期限 {self.deadline:%Y-%m-%d}）"

    @property
    def base(self) -> CEBase:
        return self.inspection.base

    @property
    def region(self) -> Any:
        return self.inspection.base.provider.region
