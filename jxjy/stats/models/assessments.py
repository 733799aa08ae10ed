"""Assessments of industry authorities (常人社发〔2011〕11号 第十六至二十条) and units (第二十一至二十四条),
and commendations (第二十条, 第二十四条). Each stores the figures it cites, so it can be re-derived."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jxjy.orgs.models import EmployerUnit, IndustryAuthority
from jxjy.people.models import Professional
from jxjy.regions.models import Region

from ..choices import AssessmentKind, AssessmentOutcome, CommendationArticle
from .sampling import SampleItem


class Assessment(models.Model):
    """One year's check of an industry authority (items of 第十八条) or a unit (items of 第二十二条).

    `items` holds each item's result and note; `figures` the data cited (with the query it came
    from), `outcome` follows from the items (第十九条: any failed item → 通报; 第二十三条: a failed
    unit check cuts its quota of "excellent" grades by `quota_cut_percent`, 1–2, for that year)."""

    kind = models.CharField("考核类别", max_length=10, choices=AssessmentKind.choices)
    year = models.PositiveSmallIntegerField("考核年度")
    region = models.ForeignKey(Region, verbose_name="所在区划", on_delete=models.PROTECT, related_name="+")
    authority = models.ForeignKey(IndustryAuthority, verbose_name="行业主管部门", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(EmployerUnit, verbose_name="单位", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    sample_item = models.ForeignKey(SampleItem, verbose_name="抽样检查项", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="assessments")
    items = models.JSONField("考核项目")
    figures = models.JSONField("引用数据")
    outcome = models.CharField("考核结果", max_length=10, choices=AssessmentOutcome.choices)
    quota_cut_percent = models.DecimalField("优秀比例核减（%）", max_digits=3, decimal_places=1, null=True, blank=True)
    notice_text = models.TextField("通报内容", blank=True)
    published_at = models.DateTimeField("通报发布时间", null=True, blank=True)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="考核人", on_delete=models.PROTECT,
                                    related_name="+")
    assessed_at = models.DateTimeField("考核时间")

    class Meta:
        verbose_name = "继续教育考核"
        verbose_name_plural = "继续教育考核"
        ordering = ["-year", "kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="authority", authority__isnull=False, unit__isnull=True)
                | models.Q(kind="unit", unit__isnull=False, authority__isnull=True),
                name="assessment_target_matches_kind",
            ),
            models.UniqueConstraint(fields=["authority", "year"], condition=models.Q(kind="authority"),
                                    name="one_authority_assessment_a_year"),
            models.UniqueConstraint(fields=["unit", "year"], condition=models.Q(kind="unit"),
                                    name="one_unit_assessment_a_year"),
            # The range (常人社发〔2011〕11号 第二十三条: 1%—2%) is the rule set's, checked by the service;
            # the database only keeps a cut positive and on failed unit checks.
            models.CheckConstraint(
                condition=(models.Q(kind="unit", outcome="failed")
                           & models.Q(quota_cut_percent__gt=0, quota_cut_percent__lt=100))
                | (~models.Q(kind="unit", outcome="failed") & models.Q(quota_cut_percent__isnull=True)),
                name="quota_cut_only_for_failed_unit",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="authority", outcome__in=["passed", "notified"])
                | models.Q(kind="unit", outcome__in=["passed", "failed"]),
                name="assessment_outcome_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target}{self.year}年度继续教育考核：{self.get_outcome_display()}"

    @property
    def target(self) -> IndustryAuthority | EmployerUnit:
        target = self.authority or self.unit
        assert target is not None
        return target


class Commendation(models.Model):
    """A commendation (表彰) for a year: 第二十条 (departments, units and individuals with outstanding
    results) or 第二十四条 (units, or unit heads, assessed excellent), resting on a passed assessment."""

    article = models.CharField("依据条款", max_length=10, choices=CommendationArticle.choices)
    year = models.PositiveSmallIntegerField("年度")
    region = models.ForeignKey(Region, verbose_name="所在区划", on_delete=models.PROTECT, related_name="+")
    assessment = models.ForeignKey(Assessment, verbose_name="依据的考核", on_delete=models.PROTECT,
                                   related_name="commendations")
    person_name = models.CharField("受表彰个人", max_length=50, blank=True,
                                   help_text="表彰个人或单位负责人时填写；为空表示表彰部门（单位）")
    reason = models.CharField("表彰事由", max_length=500)
    figures = models.JSONField("引用数据")
    awarded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="表彰决定人", on_delete=models.PROTECT,
                                   related_name="+")
    awarded_at = models.DateTimeField("表彰时间")

    class Meta:
        verbose_name = "表彰奖励"
        verbose_name_plural = "表彰奖励"
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "article", "person_name"], name="commendation_once"),
        ]

    def __str__(self) -> str:
        who = self.person_name or str(self.assessment.target)
        return f"{self.year}年度表彰：{who}"


class ExcellentGrade(models.Model):
    """A unit's 年度考核优秀 grade for one person and year, counted against the unit's quota (reduced
    by a failed spot check, 常人社发〔2011〕11号 第二十三条) and resting on the gate's answer for that year
    (第十四条: CE completed is a condition of an excellent grade)."""

    unit = models.ForeignKey(EmployerUnit, verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    professional = models.ForeignKey(Professional, verbose_name="专业技术人员", on_delete=models.PROTECT,
                                     related_name="excellent_grades")
    year = models.PositiveSmallIntegerField("考核年度")
    gate_check = models.ForeignKey("records.GateCheck", verbose_name="继续教育核验", on_delete=models.PROTECT,
                                   related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField("登记时间")

    class Meta:
        verbose_name = "年度考核优秀"
        verbose_name_plural = "年度考核优秀"
        ordering = ["-year", "id"]
        constraints = [models.UniqueConstraint(fields=["professional", "year"], name="one_excellent_grade_a_year")]
        indexes = [models.Index(fields=["unit", "year"])]

    def __str__(self) -> str:
        return f"{self.professional.name} {self.year}年度考核优秀"
