"""CE-base accreditation: the application, the accredited base (授牌), its history and public announcements."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from jxjy.orgs.models import HRBureau, Provider

from ..choices import ApplicationKind, ApplicationStatus, BaseEventKind, BaseStatus, Tier


class BaseApplication(models.Model):
    """A provider's application to be accredited (or renewed) as a CE base of one tier, with its scope
    (series, subjects, forms), facilities, teachers and management rules (榕人专〔2009〕145号 五)."""

    provider = models.ForeignKey(Provider, verbose_name="施教机构", on_delete=models.PROTECT,
                                 related_name="base_applications")
    tier = models.CharField("申报级别", max_length=10, choices=Tier.choices)
    bureau = models.ForeignKey(HRBureau, verbose_name="认定机关", on_delete=models.PROTECT,
                               related_name="base_applications")
    kind = models.CharField("申报类别", max_length=10, choices=ApplicationKind.choices, default=ApplicationKind.NEW)
    renewal_of = models.ForeignKey("CEBase", verbose_name="换证的基地", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="renewal_applications")
    scope_series = models.JSONField("办学范围：系列", default=list, blank=True,
                                    help_text="为空表示不限系列")
    scope_subjects = models.JSONField("办学范围：科目", default=list)
    scope_forms = models.JSONField("办学范围：形式", default=list)
    facilities = models.TextField("教学设施", max_length=3000)
    places = models.TextField("培训场所", max_length=1000)
    full_time_teachers = models.PositiveIntegerField("专职教师人数", default=0)
    part_time_teachers = models.PositiveIntegerField("兼职教师人数", default=0)
    management_rules = models.TextField("管理制度", max_length=5000)
    status = models.CharField("状态", max_length=20, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.DRAFT, db_index=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    comment = models.CharField("审核意见", max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="填报人", on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField("填报时间", auto_now_add=True)

    class Meta:
        verbose_name = "基地认定申请"
        verbose_name_plural = "基地认定申请"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(kind="renewal") | models.Q(renewal_of__isnull=False),
                                   name="renewal_names_its_base"),
            models.CheckConstraint(condition=~models.Q(status="draft") | models.Q(submitted_at__isnull=True),
                                   name="draft_not_submitted"),
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.get_tier_display()}继续教育基地{self.get_kind_display()}"

    @property
    def region(self) -> Any:
        return self.provider.region


class CEBase(models.Model):
    """继续教育基地: a provider accredited at one tier by that tier's HR bureau, with its number, validity
    and accredited scope. Revoked bases stay (摘牌), so the history is kept."""

    provider = models.ForeignKey(Provider, verbose_name="施教机构", on_delete=models.PROTECT, related_name="ce_bases")
    tier = models.CharField("级别", max_length=10, choices=Tier.choices)
    bureau = models.ForeignKey(HRBureau, verbose_name="认定机关", on_delete=models.PROTECT, related_name="ce_bases")
    number = models.CharField("基地编号", max_length=60, unique=True)
    application = models.OneToOneField(BaseApplication, verbose_name="认定申请", on_delete=models.PROTECT,
                                       related_name="accredited_base")
    scope_series = models.JSONField("办学范围：系列", default=list, blank=True, help_text="为空表示不限系列")
    scope_subjects = models.JSONField("办学范围：科目", default=list)
    scope_forms = models.JSONField("办学范围：形式", default=list)
    facilities = models.TextField("教学设施", max_length=3000)
    places = models.TextField("培训场所", max_length=1000)
    management_rules = models.TextField("管理制度", max_length=5000)
    valid_from = models.DateField("有效期起")
    valid_to = models.DateField("有效期至")
    status = models.CharField("状态", max_length=20, choices=BaseStatus.choices, default=BaseStatus.ACCREDITED,
                              db_index=True)
    revoked_on = models.DateField("摘牌日期", null=True, blank=True)
    revocation_reason = models.CharField("摘牌原因", max_length=500, blank=True)
    accredited_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="认定人", on_delete=models.PROTECT,
                                      related_name="+")
    accredited_at = models.DateTimeField("授牌时间")

    class Meta:
        verbose_name = "继续教育基地"
        verbose_name_plural = "继续教育基地"
        ordering = ["provider__name", "tier", "-valid_from"]
        constraints = [
            models.CheckConstraint(condition=models.Q(valid_to__gte=models.F("valid_from")),
                                   name="base_valid_to_after_from"),
            models.CheckConstraint(condition=~models.Q(status="revoked") | models.Q(revoked_on__isnull=False),
                                   name="revoked_base_has_date"),
            models.UniqueConstraint(fields=["provider", "tier"], condition=~models.Q(status="revoked"),
                                    name="one_live_base_per_provider_and_tier"),
        ]

    def __str__(self) -> str:
        return f"{self.provider}（{self.get_tier_display()}继续教育基地 {self.number}）"

    @property
    def region(self) -> Any:
        return self.provider.region

    @property
    def scope_display(self) -> str:
        from ..services.accreditation import scope_text

        return scope_text(self)

    def is_valid_on(self, day: Any) -> bool:
        return self.status != BaseStatus.REVOKED and self.valid_from <= day <= self.valid_to


class BaseEvent(models.Model):
    """One entry of a base's history: accreditation, renewal, inspection, rectification, revocation."""

    base = models.ForeignKey(CEBase, verbose_name="基地", on_delete=models.PROTECT, related_name="events")
    kind = models.CharField("事项", max_length=30, choices=BaseEventKind.choices)
    occurred_on = models.DateField("日期")
    description = models.CharField("说明", max_length=500)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="经办人", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "基地历史"
        verbose_name_plural = "基地历史"
        ordering = ["base", "-occurred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.base.number} {self.occurred_on:%Y-%m-%d} {self.get_kind_display()}"


class Announcement(models.Model):
    """A public announcement (公告) about a base: its accreditation or its revocation (在媒体上公告)."""

    base = models.ForeignKey(CEBase, verbose_name="基地", on_delete=models.PROTECT, related_name="announcements")
    kind = models.CharField("类别", max_length=20, choices=[("accredited", "授牌公告"), ("revoked", "摘牌公告")])
    published_on = models.DateField("发布日期")
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文", max_length=3000)

    class Meta:
        verbose_name = "基地公告"
        verbose_name_plural = "基地公告"
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return self.title
