"""Configuration as data: per-bureau settings, the holiday calendar, review chains, number counters."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from jxjy.orgs.models import HRBureau

from ..choices import NoticeMode, ReviewerKind


class TrainingSettings(models.Model):
    """One bureau's parameters of the class workflow. The regulatory numbers (plan deadline month,
    lead time, notice days and mode, recognition days) come from the rule set of the bureau's region
    (``jxjy.regions.procedures``; cited, or the system default stated as such); a value set here
    overrides it for this bureau, and pages show it beside the cited value. Empty means "the rule
    set's"."""

    hr_bureau = models.OneToOneField(
        HRBureau, verbose_name="人社局", on_delete=models.CASCADE, related_name="training_settings"
    )
    plan_deadline_month = models.PositiveSmallIntegerField("年度计划截止月份", null=True, blank=True, help_text="为空表示按本地区规则集（未规定时为系统默认）")
    plan_deadline_day = models.PositiveSmallIntegerField(
        "年度计划截止日", null=True, blank=True, help_text="为空表示该月最后一天"
    )
    min_working_days = models.PositiveSmallIntegerField("开班申请提前工作日数", null=True, blank=True, help_text="为空表示按本地区规则集（未规定时为系统默认）")
    notice_days = models.PositiveSmallIntegerField("公示天数", null=True, blank=True, help_text="为空表示按本地区规则集（未规定时为系统默认）")
    notice_mode = models.CharField("公示方式", max_length=20, choices=NoticeMode.choices, blank=True, default="",
                                   help_text="为空表示按本地区规则集（未规定时为系统默认）")
    round_months = models.CharField(
        "集中公示月份", max_length=40, default="1,4,7,10", help_text="按季度集中公示时，每季度第一周所在月份"
    )
    round_first_days = models.PositiveSmallIntegerField("集中公示窗口天数", default=7)
    approval_no_format = models.CharField(
        "批准号格式", max_length=60, default="继教〔{year}〕{seq:03d}号", help_text="例：榕人专继〔{year}〕{seq:03d}号"
    )
    certificate_no_format = models.CharField("证书号格式", max_length=60, default="{year}{seq:06d}")
    recognition_days = models.PositiveSmallIntegerField("学时认定期限（天）", null=True, blank=True, help_text="为空表示按本地区规则集（未规定时为系统默认）")
    qr_valid_minutes = models.PositiveSmallIntegerField("签到二维码有效分钟数", default=5)

    class Meta:
        verbose_name = "办班参数"
        verbose_name_plural = "办班参数"
        ordering = ["hr_bureau__region__path"]
        constraints = [
            models.CheckConstraint(condition=models.Q(plan_deadline_month__isnull=True)
                                   | models.Q(plan_deadline_month__gte=1, plan_deadline_month__lte=12),
                                   name="plan_deadline_month_valid"),
            models.CheckConstraint(condition=models.Q(notice_days__isnull=True) | models.Q(notice_days__gte=1),
                                   name="notice_days_positive"),
            models.CheckConstraint(condition=models.Q(qr_valid_minutes__gte=1), name="qr_valid_minutes_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.hr_bureau} 办班参数"

    @property
    def rounds(self) -> list[int]:
        return sorted({int(m) for m in self.round_months.split(",") if m.strip().isdigit() and 1 <= int(m) <= 12})


class Holiday(models.Model):
    """A day of the holiday calendar: a public holiday, or (is_workday) a weekend day worked in exchange (调休)."""

    date = models.DateField("日期", unique=True)
    name = models.CharField("名称", max_length=50)
    is_workday = models.BooleanField("调休上班", default=False, help_text="勾选表示该日虽为周末但需上班")

    class Meta:
        verbose_name = "节假日"
        verbose_name_plural = "节假日"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}{'（调休上班）' if self.is_workday else ''}"


class ReviewChain(models.Model):
    """A bureau's own review chain for classes organised at one region level and aimed at
    professionals in its area; it overrides the chain of the region's rule set
    (``class_reviewers_<level>`` / ``class_approver_<level>``). The defaults live in the rule sets,
    so a chain must name its bureau."""

    hr_bureau = models.ForeignKey(
        HRBureau, verbose_name="人社局", null=True, blank=True, on_delete=models.CASCADE, related_name="review_chains"
    )
    organiser_level = models.CharField(
        "办班单位级别", max_length=10, choices=[("province", "省级"), ("city", "市级"), ("county", "县区级")]
    )
    name = models.CharField("名称", max_length=100)

    class Meta:
        verbose_name = "审核链"
        verbose_name_plural = "审核链"
        ordering = ["hr_bureau_id", "organiser_level"]
        constraints = [
            models.UniqueConstraint(fields=["hr_bureau", "organiser_level"], name="one_chain_per_bureau_and_level"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.hr_bureau_id is None:
            raise ValidationError({"hr_bureau": "请选择人社局：默认审核链由各地规则集规定，不在此配置"})


class ReviewChainStep(models.Model):
    """One step of a chain; its reviewer is resolved from the organiser when the class is submitted."""

    chain = models.ForeignKey(ReviewChain, verbose_name="审核链", on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField("顺序")
    reviewer = models.CharField("审核单位", max_length=40, choices=ReviewerKind.choices)
    skip_if_unresolved = models.BooleanField("无对应单位时跳过", default=False)

    class Meta:
        verbose_name = "审核步骤"
        verbose_name_plural = "审核步骤"
        ordering = ["chain", "order"]
        constraints = [models.UniqueConstraint(fields=["chain", "order"], name="one_step_per_order")]

    def __str__(self) -> str:
        return f"{self.chain} 第{self.order}步 {self.get_reviewer_display()}"
