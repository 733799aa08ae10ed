"""The annual statistical report (年报, 河南 2012 五(二)) as a stored background computation: a dated
snapshot of the figures (compliance read from the standings, `records.Standing`) at generation."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jxjy.regions.models import Region

from ..choices import ReportStatus


class AnnualReport(models.Model):
    """One computation of the annual report of a region and year, under one viewer scope.

    `scope_key` records whose view it is ('' = the whole region, `sector:health` = an industry
    authority's sector, `unit:12` = one unit), so a report is only shown to users of that scope.
    The figures are stored in `result`, so exports and later readers see exactly what was computed:
    a published report is a snapshot as of `data_as_of` and never changes with later records."""

    region = models.ForeignKey(Region, verbose_name="统计区划", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("统计年度")
    scope_key = models.CharField("统计范围", max_length=40, blank=True, default="")
    status = models.CharField("状态", max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField("进度（%）", default=0)
    stage = models.CharField("当前步骤", max_length=100, blank=True)
    result = models.JSONField("统计结果", null=True, blank=True)
    error = models.CharField("失败原因", max_length=500, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="申请人", on_delete=models.PROTECT,
                                     related_name="+")
    requested_at = models.DateTimeField("申请时间")
    data_as_of = models.DateTimeField("数据截至", null=True, blank=True,
                                      help_text="统计数据（含达标情况）读取的时刻；报表此后不再变化")
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "年度统计报表"
        verbose_name_plural = "年度统计报表"
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="report_progress_at_most_100"),
            models.CheckConstraint(condition=models.Q(year__gte=2000, year__lte=2100), name="report_year_range"),
            models.CheckConstraint(condition=~models.Q(status="done") | models.Q(result__isnull=False),
                                   name="done_report_has_result"),
            models.CheckConstraint(condition=~models.Q(status="done") | models.Q(data_as_of__isnull=False),
                                   name="done_report_has_data_as_of"),
        ]

    def __str__(self) -> str:
        return f"{self.region.name}{self.year}年度继续教育统计报表"

    @property
    def seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None
