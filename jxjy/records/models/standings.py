"""Standings (达标情况): every professional's stored, current verdict for each year (and cycle).

The rules engine stays the one source of truth: a standing stores the engine's verdict over the
person's counted records of the period, together with the totals it was computed from, so that
every page, gate, batch and dashboard reads one row instead of recomputing. Every change that can
alter a verdict refreshes the affected standings in its own transaction
(`records.services.standings`); `jxjy standings verify` recomputes from scratch and reports drift."""

from __future__ import annotations

from django.db import models

from jxjy.orgs.models import EmployerUnit
from jxjy.people.models import Professional
from jxjy.regions.models import Region


class StandingKind(models.TextChoices):
    ANNUAL = "annual", "年度"
    CYCLE = "cycle", "周期"


class StandingVerdict(models.TextChoices):
    MET = "met", "达标"
    SHORT = "short", "未达标"
    UNKNOWN = "unknown", "无法评估"


class Standing(models.Model):
    """One person's verdict for one year (kind annual, start = end) or cycle (start..end)."""

    professional = models.ForeignKey(
        Professional, verbose_name="专业技术人员", on_delete=models.CASCADE, related_name="standings"
    )
    kind = models.CharField("考核方式", max_length=10, choices=StandingKind.choices, default=StandingKind.ANNUAL)
    start_year = models.PositiveSmallIntegerField("起始年度")
    end_year = models.PositiveSmallIntegerField("截止年度")
    # Where the person is now (jurisdiction and lists) — kept current on transfers.
    region_path = models.CharField("所在区划路径", max_length=100)
    unit = models.ForeignKey(
        EmployerUnit, verbose_name="所在单位", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Which region's rule set judged the period (the region the person was in then).
    judged_region = models.ForeignKey(
        Region, verbose_name="评估所依区划", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ruleset_id = models.CharField("规则集", max_length=64, blank=True)
    ruleset_version = models.CharField("规则集版本", max_length=16, blank=True)
    verdict = models.CharField("结论", max_length=10, choices=StandingVerdict.choices)
    shortfall = models.DecimalField(
        "差额", max_digits=7, decimal_places=1, default=0,
        help_text="学时或学分要求中最大的差额（达标时为0）",
    )
    counted = models.DecimalField("已计入", max_digits=8, decimal_places=1, default=0)
    required = models.DecimalField("应完成", max_digits=8, decimal_places=1, null=True, blank=True)
    amount_unit = models.CharField("计量单位", max_length=4, blank=True, help_text="学时或学分")
    totals = models.JSONField("计入汇总", default=list, help_text="按科目、形式、学分类别等汇总的已认定记录")
    requirements = models.JSONField("各项要求", default=list)
    notes = models.JSONField("说明", default=list, blank=True)
    computed_at = models.DateTimeField("计算时间")
    reason = models.CharField("计算原因", max_length=200)

    class Meta:
        verbose_name = "达标情况"
        verbose_name_plural = "达标情况"
        ordering = ["professional_id", "kind", "start_year"]
        constraints = [
            models.UniqueConstraint(fields=["professional", "kind", "start_year", "end_year"], name="one_standing_per_period"),
            models.CheckConstraint(condition=models.Q(end_year__gte=models.F("start_year")), name="standing_period_order"),
            models.CheckConstraint(condition=models.Q(shortfall__gte=0), name="standing_shortfall_not_negative"),
            models.CheckConstraint(
                condition=~models.Q(verdict="met") | models.Q(shortfall=0), name="met_standing_has_no_shortfall"
            ),
        ]
        indexes = [
            models.Index(fields=["end_year", "kind", "region_path", "verdict"], name="standing_region_year"),
            models.Index(fields=["unit", "end_year", "verdict"], name="standing_unit_year"),
        ]

    def __str__(self) -> str:
        period = str(self.start_year) if self.start_year == self.end_year else f"{self.start_year}–{self.end_year}"
        return f"{self.professional_id} {period} {self.get_verdict_display()}"

    @property
    def compliant(self) -> bool:
        return self.verdict == StandingVerdict.MET

    @property
    def period_label(self) -> str:
        if self.kind == StandingKind.ANNUAL:
            return f"{self.start_year}年度"
        return f"{self.start_year}—{self.end_year}周期"


class RebuildStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "重算中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class StandingRebuild(models.Model):
    """A rebuild of the standings of a region subtree (after a rule set changed, or on request):
    a background job that advances in batches and resumes after the last person it finished."""

    region = models.ForeignKey(Region, verbose_name="区划", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", help_text="为空表示全部")
    reason = models.CharField("原因", max_length=200)
    from_totals = models.BooleanField("按已存汇总重算", default=True,
                                      help_text="规则变化时只需重新评估已存汇总；否则从学习记录重新汇总")
    status = models.CharField("状态", max_length=10, choices=RebuildStatus.choices, default=RebuildStatus.QUEUED)
    total = models.PositiveIntegerField("人数", default=0)
    done = models.PositiveIntegerField("已完成人数", default=0)
    last_professional_id = models.PositiveBigIntegerField("已完成至人员编号", default=0)
    failure = models.CharField("失败原因", max_length=500, blank=True)
    requested_by = models.ForeignKey("accounts.User", verbose_name="发起人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("发起时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "达标情况重算"
        verbose_name_plural = "达标情况重算"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(done__lte=models.F("total")) | models.Q(total=0),
                                   name="rebuild_done_within_total"),
        ]

    def __str__(self) -> str:
        return f"{self.reason}（{self.get_status_display()} {self.done}/{self.total}）"

    @property
    def progress_percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0
