"""Random sampling (抽样统计, 河南 2012 五(二)): a stratified draw reproducible from its seed, and the
checklist items inspectors work through, with results recorded back."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jxjy.orgs.models import EmployerUnit
from jxjy.people.models import Professional
from jxjy.regions.models import Region
from jxjy.training.models import TrainingClass

from ..choices import CheckResult, SampleKind


class Sample(models.Model):
    """One draw: region, year, what is sampled and how many, the seed, and the strata it used.

    Strata are (sub-region, size band); `strata` keeps each stratum's population and allocation, so
    the same seed over the same population gives the same items (see `sample_draw`)."""

    region = models.ForeignKey(Region, verbose_name="抽样区划", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    kind = models.CharField("抽样对象", max_length=10, choices=SampleKind.choices)
    size = models.PositiveIntegerField("样本量")
    seed = models.BigIntegerField("随机种子")
    strata = models.JSONField("分层情况", default=list)
    population = models.PositiveIntegerField("总体数量", default=0)
    title = models.CharField("名称", max_length=150)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="抽样人", on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField("抽样时间")

    class Meta:
        verbose_name = "抽样"
        verbose_name_plural = "抽样"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(size__gte=1), name="sample_size_positive"),
            models.CheckConstraint(condition=models.Q(seed__gte=0), name="sample_seed_not_negative"),
        ]

    def __str__(self) -> str:
        return self.title


class SampleItem(models.Model):
    """One sampled unit, class or person on the inspectors' checklist, and the check's result."""

    sample = models.ForeignKey(Sample, verbose_name="抽样", on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField("序号")
    stratum = models.CharField("所属分层", max_length=100)
    unit = models.ForeignKey(EmployerUnit, verbose_name="单位", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    training_class = models.ForeignKey(TrainingClass, verbose_name="培训班", null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    professional = models.ForeignKey(Professional, verbose_name="专业技术人员", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    result = models.CharField("检查结果", max_length=10, choices=CheckResult.choices, default=CheckResult.PENDING)
    finding = models.CharField("检查情况", max_length=500, blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="检查人", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField("检查时间", null=True, blank=True)

    class Meta:
        verbose_name = "抽样检查项"
        verbose_name_plural = "抽样检查项"
        ordering = ["sample", "position"]
        constraints = [
            models.UniqueConstraint(fields=["sample", "position"], name="sample_position_unique"),
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False, training_class__isnull=True, professional__isnull=True)
                | models.Q(unit__isnull=True, training_class__isnull=False, professional__isnull=True)
                | models.Q(unit__isnull=True, training_class__isnull=True, professional__isnull=False),
                name="sample_item_has_one_target",
            ),
            models.CheckConstraint(condition=models.Q(result="pending") | models.Q(checked_at__isnull=False),
                                   name="checked_item_has_time"),
            models.CheckConstraint(condition=~models.Q(result="failed") | ~models.Q(finding=""),
                                   name="failed_item_has_finding"),
        ]

    def __str__(self) -> str:
        return f"{self.sample} #{self.position} {self.target}"

    @property
    def target(self) -> models.Model:
        target = self.unit or self.training_class or self.professional
        assert target is not None
        return target
