"""Fee standards in force (收费标准, e.g. 榕价费[2008]40号) and their caps by class type."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from jxjy.regions.models import Region

from ..choices import FeeBasis


class FeeStandard(models.Model):
    """A price document that caps CE training fees in a region from `valid_from` (to `valid_to`)."""

    region = models.ForeignKey(Region, verbose_name="适用区划", on_delete=models.PROTECT, related_name="+")
    document_no = models.CharField("文号", max_length=60)
    title = models.CharField("文件名称", max_length=200)
    valid_from = models.DateField("施行日期")
    valid_to = models.DateField("废止日期", null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT,
                                    related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "收费标准"
        verbose_name_plural = "收费标准"
        ordering = ["region__path", "-valid_from"]
        constraints = [
            models.CheckConstraint(condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                                   name="fee_standard_dates_ordered"),
            models.UniqueConstraint(fields=["region", "document_no"], name="fee_document_once_per_region"),
        ]

    def __str__(self) -> str:
        return f"{self.document_no} {self.title}"


class FeeCap(models.Model):
    """The highest fee a class of one type may charge under a standard, per hour or per class."""

    standard = models.ForeignKey(FeeStandard, verbose_name="收费标准", on_delete=models.CASCADE, related_name="caps")
    class_type = models.CharField("办班类型", max_length=20)
    basis = models.CharField("计费方式", max_length=10, choices=FeeBasis.choices)
    amount = models.DecimalField("上限（元）", max_digits=8, decimal_places=2)

    class Meta:
        verbose_name = "收费上限"
        verbose_name_plural = "收费上限"
        ordering = ["standard", "class_type"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "class_type"], name="one_cap_per_class_type"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="fee_cap_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.standard.document_no} {self.class_type_label} ≤ {self.amount}元（{self.get_basis_display()}）"

    @property
    def region(self) -> Any:
        return self.standard.region

    @property
    def class_type_label(self) -> str:
        try:
            from jxjy.training.choices import ClassType

            return str(ClassType(self.class_type).label)
        except (ImportError, ValueError):
            return self.class_type
