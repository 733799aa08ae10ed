"""Annual verification (年度验证): unit batches, appointment slots, per-person outcomes and stamps,
exemptions from the deadline (泉洛政人社[2017]27号 二; 榕人专〔2009〕145号 三)."""

from __future__ import annotations

from django.db import models

from jxjy.orgs.models import EmployerUnit, HRBureau, IndustryAuthority
from jxjy.people.models import Professional

from ..choices import BatchStatus, ExemptionReason, VerificationKind, VerificationOutcome


class VerificationSlot(models.Model):
    """An appointment slot (预约时间) an HR bureau publishes for units to bring their batch."""

    hr_bureau = models.ForeignKey(HRBureau, verbose_name="人社局", on_delete=models.PROTECT, related_name="verification_slots")
    year = models.PositiveSmallIntegerField("验证年度")
    starts_at = models.DateTimeField("开始时间")
    ends_at = models.DateTimeField("结束时间")
    capacity = models.PositiveIntegerField("可预约单位数")
    place = models.CharField("地点", max_length=200, blank=True)

    class Meta:
        verbose_name = "验证预约时段"
        verbose_name_plural = "验证预约时段"
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="slot_capacity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.hr_bureau} {self.starts_at:%Y-%m-%d %H:%M}"


class VerificationBatch(models.Model):
    """A unit's verification roster (验证花名册, 附件4) for one year, submitted as one batch by its
    CE administrator — individuals cannot submit (泉洛政人社[2017]27号 二（三）1)."""

    unit = models.ForeignKey(EmployerUnit, verbose_name="单位", on_delete=models.PROTECT, related_name="verification_batches")
    year = models.PositiveSmallIntegerField("验证年度")
    deadline = models.DateField("报送截止日期", help_text="默认为验证年度次年2月底")
    status = models.CharField("状态", max_length=20, choices=BatchStatus.choices, default=BatchStatus.DRAFT)
    slot = models.ForeignKey(
        VerificationSlot, verbose_name="预约时段", null=True, blank=True, on_delete=models.PROTECT, related_name="batches"
    )
    created_by = models.ForeignKey("accounts.User", verbose_name="经办人", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)

    class Meta:
        verbose_name = "验证批次"
        verbose_name_plural = "验证批次"
        ordering = ["-year", "unit_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_verification_batch_per_unit_and_year"),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(submitted_at__isnull=False), name="submitted_batch_has_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}年度验证花名册"


class VerificationEntry(models.Model):
    """One person's verification for one year: the outcome and, when verified, the stamp on the certificate.

    The reviewing authority follows the title level (榕人专〔2009〕145号 三): exactly one of
    `reviewer_bureau` / `reviewer_authority` is set."""

    kind = models.CharField("验证方式", max_length=20, choices=VerificationKind.choices, default=VerificationKind.BATCH)
    batch = models.ForeignKey(
        VerificationBatch, verbose_name="验证批次", null=True, blank=True, on_delete=models.CASCADE, related_name="entries"
    )
    professional = models.ForeignKey(
        Professional, verbose_name="专业技术人员", on_delete=models.PROTECT, related_name="verifications"
    )
    year = models.PositiveSmallIntegerField("验证年度")
    cycle_start = models.PositiveSmallIntegerField("周期起始年度", null=True, blank=True)
    reviewer_bureau = models.ForeignKey(
        HRBureau, verbose_name="验证人社局", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewer_authority = models.ForeignKey(
        IndustryAuthority, verbose_name="验证主管部门", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    health_prechecked_by = models.ForeignKey(
        "accounts.User", verbose_name="卫生主管部门初审人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    health_prechecked_at = models.DateTimeField("卫生主管部门初审时间", null=True, blank=True)
    summary = models.JSONField("学习情况", default=dict, blank=True, help_text="报送时的规则引擎结论")
    source_ref = models.CharField("调训班次", max_length=64, blank=True)
    outcome = models.CharField("验证结果", max_length=20, choices=VerificationOutcome.choices, default=VerificationOutcome.PENDING)
    reason = models.CharField("不予验证原因", max_length=300, blank=True)
    stamp_name = models.CharField("验证章", max_length=100, blank=True)
    stamped_by = models.ForeignKey(
        "accounts.User", verbose_name="验证人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    stamped_on = models.DateField("验证日期", null=True, blank=True)
    # What the person's stored standing (达标情况) said when the outcome was decided; a person short
    # of the year's requirement is verified only with a recorded exemption or an officer's reason.
    standing_verdict = models.CharField("办理时达标情况", max_length=10, blank=True,
                                        choices=[("met", "达标"), ("short", "未达标"), ("unknown", "无法评估")])
    standing_shortfall = models.DecimalField("办理时差额", max_digits=7, decimal_places=1, null=True, blank=True)
    override_reason = models.CharField("未达标仍予验证的理由", max_length=300, blank=True)
    exemption = models.ForeignKey(
        "records.VerificationExemption", verbose_name="所依延期情形", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )

    class Meta:
        verbose_name = "验证记录"
        verbose_name_plural = "验证记录"
        ordering = ["professional_id", "year", "id"]
        indexes = [models.Index(fields=["reviewer_bureau", "outcome"]), models.Index(fields=["professional", "year"])]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(reviewer_bureau__isnull=False) & models.Q(reviewer_authority__isnull=True))
                | (models.Q(reviewer_bureau__isnull=True) & models.Q(reviewer_authority__isnull=False)),
                name="verification_has_one_reviewer",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="not_verified") | ~models.Q(reason=""), name="not_verified_has_reason"
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="verified")
                | (~models.Q(stamp_name="") & models.Q(stamped_by__isnull=False) & models.Q(stamped_on__isnull=False)),
                name="verified_entry_is_stamped",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="batch") | models.Q(batch__isnull=False), name="batch_entry_has_batch"
            ),
            models.CheckConstraint(
                condition=~(models.Q(outcome="verified") & models.Q(standing_verdict__in=["short", "unknown"]))
                | ~models.Q(override_reason="") | models.Q(exemption__isnull=False),
                name="verified_short_entry_has_exemption_or_reason",
            ),
            models.UniqueConstraint(
                fields=["professional", "year"], condition=models.Q(kind="batch"), name="one_batch_verification_per_year"
            ),
            models.UniqueConstraint(
                fields=["professional", "year"], condition=models.Q(kind="education_yearly"),
                name="one_education_stamp_per_year",
            ),
            models.UniqueConstraint(
                fields=["professional", "year", "source_ref"], condition=models.Q(kind="direct"),
                name="one_direct_verification_per_class",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.professional.name} {self.year} {self.get_outcome_display()}"

    @property
    def reviewer(self) -> HRBureau | IndustryAuthority:
        reviewer = self.reviewer_bureau or self.reviewer_authority
        assert reviewer is not None
        return reviewer


class VerificationExemption(models.Model):
    """A recorded special circumstance (长期外出培训、病假) excusing a late verification, at most
    2 years (泉洛政人社[2017]27号 二（三）2)."""

    professional = models.ForeignKey(
        Professional, verbose_name="专业技术人员", on_delete=models.PROTECT, related_name="verification_exemptions"
    )
    reason = models.CharField("情形", max_length=30, choices=ExemptionReason.choices)
    first_year = models.PositiveSmallIntegerField("起始年度")
    last_year = models.PositiveSmallIntegerField("截止年度")
    note = models.CharField("说明", max_length=300, blank=True)
    recorded_by = models.ForeignKey("accounts.User", verbose_name="登记人", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "验证延期情形"
        verbose_name_plural = "验证延期情形"
        ordering = ["professional_id", "first_year"]
        constraints = [
            models.CheckConstraint(condition=models.Q(last_year__gte=models.F("first_year")), name="exemption_years_in_order"),
            models.CheckConstraint(
                condition=models.Q(last_year__lte=models.F("first_year") + 1), name="exemption_at_most_two_years"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.professional.name} {self.first_year}–{self.last_year} {self.get_reason_display()}"
