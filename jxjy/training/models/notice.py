"""Public notice (公示) of a class approved in principle, and the objections (异议) anyone may file."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ..choices import ObjectionStatus
from .classes import TrainingClass


class PublicNotice(models.Model):
    """A class shown on the public page from `starts_on` through `ends_on` (the notice days of the rule set
    of the class's target region)."""

    training_class = models.OneToOneField(TrainingClass, verbose_name="培训班", on_delete=models.CASCADE,
                                          related_name="notice")
    starts_on = models.DateField("公示开始日期")
    ends_on = models.DateField("公示截止日期")
    published_at = models.DateTimeField("发布时间", auto_now_add=True)
    concluded_at = models.DateTimeField("公示结束处理时间", null=True, blank=True)

    class Meta:
        verbose_name = "公示"
        verbose_name_plural = "公示"
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="notice_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"公示：{self.training_class}（{self.starts_on:%Y-%m-%d}至{self.ends_on:%Y-%m-%d}）"

    @property
    def region(self):  # type: ignore[no-untyped-def]
        return self.training_class.provider.region


class Objection(models.Model):
    """An objection to a noticed class. An open objection blocks approval until an officer resolves it."""

    notice = models.ForeignKey(PublicNotice, verbose_name="公示", on_delete=models.CASCADE, related_name="objections")
    name = models.CharField("异议人姓名", max_length=50)
    contact = models.CharField("联系方式", max_length=100)
    reason = models.TextField("异议理由", max_length=2000)
    filed_at = models.DateTimeField("提出时间", auto_now_add=True)
    ip = models.GenericIPAddressField("IP地址", null=True, blank=True)
    status = models.CharField("状态", max_length=20, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN)
    resolution = models.CharField("处理意见", max_length=500, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="处理人", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    resolved_at = models.DateTimeField("处理时间", null=True, blank=True)

    class Meta:
        verbose_name = "异议"
        verbose_name_plural = "异议"
        ordering = ["notice", "filed_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="open") | ~models.Q(resolution=""), name="resolved_objection_has_resolution"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} 对 {self.notice.training_class} 的异议"

    @property
    def region(self):  # type: ignore[no-untyped-def]
        return self.notice.training_class.provider.region
