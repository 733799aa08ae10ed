"""Credit records (信用档案) of providers and teachers (榕人专〔2009〕145号 五; 河南 2012 六(二))."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from jxjy.orgs.models import Provider

from ..choices import CreditEventKind
from .teachers import Teacher


class CreditEvent(models.Model):
    """One dated entry of a provider's or a teacher's credit record, with where it comes from (`source`).
    `points` is the effect on the credit score; when not given it comes from credit_scheme.toml."""

    provider = models.ForeignKey(Provider, verbose_name="施教机构", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="credit_events")
    teacher = models.ForeignKey(Teacher, verbose_name="教师", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="credit_events")
    kind = models.CharField("类别", max_length=30, choices=CreditEventKind.choices)
    occurred_on = models.DateField("发生日期")
    source = models.CharField("来源", max_length=200, help_text="例：培训班 继教〔2026〕001号 监督检查")
    description = models.CharField("说明", max_length=500)
    points = models.DecimalField("信用分值", max_digits=5, decimal_places=1)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="记录人", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "信用记录"
        verbose_name_plural = "信用记录"
        ordering = ["-occurred_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(provider__isnull=False, teacher__isnull=True)
                | models.Q(provider__isnull=True, teacher__isnull=False),
                name="credit_event_has_one_subject",
            ),
            models.CheckConstraint(condition=~models.Q(source=""), name="credit_event_has_source"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} {self.occurred_on:%Y-%m-%d} {self.get_kind_display()}"

    @property
    def subject(self) -> Any:
        return self.provider or self.teacher

    @property
    def region(self) -> Any:
        if self.provider is not None:
            return self.provider.region
        return self.teacher.home_provider.region if self.teacher is not None else None
