"""The demo clock (模拟日期): development settings only (JXJY_DEMO_CLOCK); see jxjy/core/demo_clock.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class DemoClock(models.Model):
    """One row: how far the trial site's workflow clock runs ahead of the real date."""

    offset_days = models.PositiveIntegerField("前移天数", default=0)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="设置人", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    set_at = models.DateTimeField("设置时间", null=True, blank=True)

    class Meta:
        verbose_name = "模拟日期"
        verbose_name_plural = "模拟日期"

    def __str__(self) -> str:
        return f"模拟日期：前移{self.offset_days}天"
