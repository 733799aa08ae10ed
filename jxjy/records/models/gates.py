"""Gates and their consequences: answers recorded, fraud findings, make-up obligations, violations."""

from __future__ import annotations

from django.db import models

from jxjy.people.models import Professional

from ..choices import GatePurpose, ViolationConsequence, ViolationKind
from .learning import LearningRecord


class GateCheck(models.Model):
    """One recorded answer of a gate: may this person do `purpose` in `year`, and why."""

    professional = models.ForeignKey(Professional, verbose_name="专业技术人员", on_delete=models.PROTECT, related_name="gate_checks")
    purpose = models.CharField("事项", max_length=30, choices=GatePurpose.choices)
    year = models.PositiveSmallIntegerField("年度")
    to_title = models.CharField("申报职称", max_length=50, blank=True)
    allowed = models.BooleanField("是否符合")
    reasons = models.JSONField("理由", default=list)
    record_ids = models.JSONField("依据的学习记录", default=list)
    checked_by = models.ForeignKey("accounts.User", verbose_name="查询人", on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField("查询时间")

    class Meta:
        verbose_name = "继续教育核验"
        verbose_name_plural = "继续教育核验"
        ordering = ["-checked_at", "-id"]
        indexes = [models.Index(fields=["professional", "purpose", "year"])]

    def __str__(self) -> str:
        return f"{self.professional.name} {self.get_purpose_display()} {self.year}：{'符合' if self.allowed else '不符合'}"


class FraudFinding(models.Model):
    """弄虚作假: cancels that year's title application and registration eligibility (常人社发〔2011〕11号 第十五条)."""

    professional = models.ForeignKey(Professional, verbose_name="专业技术人员", on_delete=models.PROTECT, related_name="fraud_findings")
    record = models.ForeignKey(
        LearningRecord, verbose_name="涉及学习记录", null=True, blank=True, on_delete=models.PROTECT, related_name="fraud_findings"
    )
    year = models.PositiveSmallIntegerField("取消资格年度")
    description = models.CharField("情况", max_length=500)
    found_on = models.DateField("认定日期")
    found_by = models.ForeignKey("accounts.User", verbose_name="认定人", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "弄虚作假认定"
        verbose_name_plural = "弄虚作假认定"
        ordering = ["-found_on", "-id"]

    def __str__(self) -> str:
        return f"{self.professional.name} {self.year} 弄虚作假"


class MakeUpObligation(models.Model):
    """补课: an unmet requirement of a past year, carried over until met (常人社发〔2011〕11号 第十三条)."""

    professional = models.ForeignKey(Professional, verbose_name="专业技术人员", on_delete=models.PROTECT, related_name="make_up_obligations")
    year = models.PositiveSmallIntegerField("所欠年度")
    ruleset_id = models.CharField("规则集", max_length=50)
    requirement_id = models.CharField("要求编号", max_length=60)
    description = models.CharField("要求", max_length=300)
    unit = models.CharField("单位", max_length=10)
    shortfall = models.DecimalField("差额", max_digits=8, decimal_places=1)
    created_at = models.DateTimeField("产生时间")
    met_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "补课任务"
        verbose_name_plural = "补课任务"
        ordering = ["professional_id", "year", "requirement_id"]
        constraints = [
            models.UniqueConstraint(fields=["professional", "year", "requirement_id"], name="one_make_up_per_requirement"),
            models.CheckConstraint(condition=models.Q(shortfall__gte=0), name="make_up_shortfall_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.professional.name} {self.year} {self.description}"

    @property
    def outstanding(self) -> bool:
        return self.met_at is None


class Violation(models.Model):
    """A professional's CE violation and its consequence (泉洛政人社[2017]27号 三3)."""

    professional = models.ForeignKey(Professional, verbose_name="专业技术人员", on_delete=models.PROTECT, related_name="ce_violations")
    kind = models.CharField("违规情形", max_length=40, choices=ViolationKind.choices)
    consequence = models.CharField("处理", max_length=30, choices=ViolationConsequence.choices)
    occurred_on = models.DateField("发生日期")
    description = models.CharField("情况", max_length=500, blank=True)
    recorded_by = models.ForeignKey("accounts.User", verbose_name="登记人", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "继续教育违规记录"
        verbose_name_plural = "继续教育违规记录"
        ordering = ["-occurred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.professional.name} {self.get_kind_display()}：{self.get_consequence_display()}"
