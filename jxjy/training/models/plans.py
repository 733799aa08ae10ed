"""Annual training plans (年度培训方案 / 办班计划登记表), filed by the deadline of the region's rule set."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jxjy.orgs.models import EmployerUnit, HRBureau, IndustryAuthority, Provider

from ..choices import ClassType, PlanStatus


class TrainingPlan(models.Model):
    """One organisation's plan of classes for a year, reviewed and published by the HR bureau."""

    year = models.PositiveSmallIntegerField("年度")
    provider = models.ForeignKey(Provider, verbose_name="施教机构", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="training_plans")
    industry_authority = models.ForeignKey(IndustryAuthority, verbose_name="行业主管部门", null=True, blank=True,
                                           on_delete=models.PROTECT, related_name="training_plans")
    employer_unit = models.ForeignKey(EmployerUnit, verbose_name="单位", null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="training_plans")
    hr_bureau = models.ForeignKey(HRBureau, verbose_name="审核人社局", on_delete=models.PROTECT,
                                  related_name="training_plans")
    status = models.CharField("状态", max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    review_comment = models.CharField("审核意见", max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="填报人", on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField("填报时间", auto_now_add=True)

    class Meta:
        verbose_name = "年度培训计划"
        verbose_name_plural = "年度培训计划"
        ordering = ["-year", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(provider__isnull=False, industry_authority__isnull=True, employer_unit__isnull=True)
                    | models.Q(provider__isnull=True, industry_authority__isnull=False, employer_unit__isnull=True)
                    | models.Q(provider__isnull=True, industry_authority__isnull=True, employer_unit__isnull=False)
                ),
                name="plan_has_exactly_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner} {self.year}年度培训计划"

    @property
    def owner(self) -> models.Model:
        owner = self.provider or self.industry_authority or self.employer_unit
        assert owner is not None
        return owner

    @property
    def region(self):  # type: ignore[no-untyped-def]
        return self.owner.region  # type: ignore[attr-defined]


class PlanItem(models.Model):
    """One planned class (项目) of a plan: audience, hours, budget source."""

    plan = models.ForeignKey(TrainingPlan, verbose_name="计划", on_delete=models.CASCADE, related_name="items")
    name = models.CharField("项目名称", max_length=150)
    class_type = models.CharField("类型", max_length=20, choices=ClassType.choices, default=ClassType.TRAINING)
    audience = models.CharField("培训对象", max_length=200)
    hours = models.DecimalField("学时", max_digits=6, decimal_places=1)
    runs = models.PositiveSmallIntegerField("期数", default=1)
    trainees = models.PositiveIntegerField("每期人数")
    budget_source = models.CharField("经费来源", max_length=100)

    class Meta:
        verbose_name = "计划项目"
        verbose_name_plural = "计划项目"
        ordering = ["plan", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(hours__gt=0), name="plan_item_hours_positive"),
            models.CheckConstraint(condition=models.Q(runs__gte=1), name="plan_item_runs_positive"),
        ]

    def __str__(self) -> str:
        return self.name
