"""Professionals (专业技术人员) and the catalogue of titles (职称)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone

from jxjy.orgs.models import EmployerUnit
from jxjy.regions.models import Region

from .choices import HealthFacility, Level, Series, Sex
from .identity import mask_identity_number


class Title(models.Model):
    """A professional title of a series and level, e.g. 工程师 (engineering, intermediate)."""

    name = models.CharField("职称名称", max_length=50, unique=True)
    series = models.CharField("系列", max_length=20, choices=Series.choices)
    level = models.CharField("级别", max_length=20, choices=Level.choices)

    class Meta:
        verbose_name = "职称"
        verbose_name_plural = "职称"
        ordering = ["series", "level", "name"]

    def __str__(self) -> str:
        return self.name


class Professional(models.Model):
    """专业技术人员: a person holding (or applying for) a professional title.

    The identity number is unique and validated against its check digit; birth date and sex are
    derived from it. It is shown masked except to roles entitled to see it.
    """

    name = models.CharField("姓名", max_length=50)
    id_number = models.CharField("身份证号码", max_length=18, unique=True)
    birth_date = models.DateField("出生日期")
    sex = models.CharField("性别", max_length=1, choices=Sex.choices)
    phone = models.CharField("手机号码", max_length=20, blank=True)
    unit = models.ForeignKey(
        EmployerUnit, verbose_name="工作单位", on_delete=models.PROTECT, related_name="professionals"
    )
    region = models.ForeignKey(Region, verbose_name="行政区划", on_delete=models.PROTECT, related_name="+")
    series = models.CharField("系列", max_length=20, choices=Series.choices)
    title = models.ForeignKey(
        Title, verbose_name="职称", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField("级别", max_length=20, choices=Level.choices, default=Level.NONE)
    title_obtained_on = models.DateField("取得职称时间", null=True, blank=True)
    health_facility = models.CharField(
        "医疗机构级别", max_length=20, choices=HealthFacility.choices, blank=True
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "专业技术人员"
        verbose_name_plural = "专业技术人员"
        ordering = ["unit_id", "name", "id"]
        indexes = [models.Index(fields=["name"]), models.Index(fields=["series", "level"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level="none") | models.Q(title__isnull=False),
                name="titled_level_needs_title",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.masked_id_number}）"

    @property
    def masked_id_number(self) -> str:
        return mask_identity_number(self.id_number)


class ImportStatus(models.TextChoices):
    VALIDATING = "validating", "校验中"
    VALIDATED = "validated", "已校验"
    IMPORTING = "importing", "导入中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"
    CANCELLED = "cancelled", "已取消"


class RosterImport(models.Model):
    """One upload of a roster (花名册) file: validated first, then applied in one transaction."""

    uploaded_by = models.ForeignKey(
        "accounts.User", verbose_name="上传人", on_delete=models.PROTECT, related_name="roster_imports"
    )
    region = models.ForeignKey(
        Region, verbose_name="行政区划", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField("文件", upload_to="imports/%Y/%m/")
    filename = models.CharField("文件名", max_length=200)
    status = models.CharField("状态", max_length=20, choices=ImportStatus.choices, default=ImportStatus.VALIDATING)
    total_rows = models.PositiveIntegerField("总行数", default=0)
    processed_rows = models.PositiveIntegerField("已处理行数", default=0)
    valid_rows = models.PositiveIntegerField("有效行数", default=0)
    errors = models.JSONField("错误", default=list, blank=True)
    valid_only = models.BooleanField("仅导入有效行", default=False)
    created_count = models.PositiveIntegerField("新增", default=0)
    updated_count = models.PositiveIntegerField("更新", default=0)
    unchanged_count = models.PositiveIntegerField("未变化", default=0)
    failure = models.CharField("失败原因", max_length=500, blank=True)
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    # Written with every progress step; a running import whose heartbeat is older than STALLED_AFTER
    # lost its worker (killed, redeployed) and may be retried or cancelled by the uploader.
    heartbeat_at = models.DateTimeField("最近进展时间", null=True, blank=True)

    STALLED_AFTER = dt.timedelta(minutes=5)

    class Meta:
        verbose_name = "花名册导入"
        verbose_name_plural = "花名册导入"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(valid_rows__lte=models.F("total_rows")), name="valid_rows_within_total"),
        ]

    def __str__(self) -> str:
        return f"{self.filename}（{self.get_status_display()}）"

    @property
    def error_count(self) -> int:
        return len(self.errors)

    @property
    def progress_total(self) -> int:
        """Validation counts the file's rows; the write step counts the valid rows it applies."""
        return self.valid_rows if self.status == ImportStatus.IMPORTING else self.total_rows

    @property
    def progress_percent(self) -> int:
        total = self.progress_total
        return min(100, int(100 * self.processed_rows / total)) if total else 0

    @property
    def running(self) -> bool:
        return self.status in (ImportStatus.VALIDATING, ImportStatus.IMPORTING)

    @property
    def stalled(self) -> bool:
        last = self.heartbeat_at or self.created_at
        return self.running and last is not None and timezone.now() - last > self.STALLED_AFTER


class Placement(models.Model):
    """任职经历: where a person worked (unit and region) from `valid_from` until the day before
    `valid_to` (open while `valid_to` is empty). Which region's rule set judges a year is read from
    here (records.services.standings.judged_region_id). Written only by the people services
    (`placement_move`): creation, update, roster import and released transfers."""

    professional = models.ForeignKey(
        Professional, verbose_name="专业技术人员", on_delete=models.CASCADE, related_name="placements"
    )
    unit = models.ForeignKey(EmployerUnit, verbose_name="工作单位", on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(Region, verbose_name="行政区划", on_delete=models.PROTECT, related_name="+")
    valid_from = models.DateField("起始日期")
    valid_to = models.DateField("截止日期", null=True, blank=True, help_text="调出之日（不含）；为空表示至今")

    class Meta:
        verbose_name = "任职经历"
        verbose_name_plural = "任职经历"
        ordering = ["professional_id", "valid_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="placement_dates_in_order",
            ),
            models.UniqueConstraint(
                fields=["professional"], condition=models.Q(valid_to__isnull=True), name="one_open_placement_per_person"
            ),
        ]
        indexes = [models.Index(fields=["professional", "valid_from"], name="placement_person_from")]

    def __str__(self) -> str:
        until = self.valid_to.isoformat() if self.valid_to else "至今"
        return f"{self.professional_id} {self.unit_id} {self.valid_from:%Y-%m-%d}—{until}"


class TransferStatus(models.TextChoices):
    REQUESTED = "requested", "已申请"
    RELEASED = "released", "已放行"
    REFUSED = "refused", "不予放行"
    CANCELLED = "cancelled", "已撤回"


class Transfer(models.Model):
    """调动: the new unit's CE administrator asks for a person; the old unit's administrator (or the
    HR bureau of the old region) releases or refuses; the requester may cancel while it is open.
    On release the person's unit and region change and the history gets a dated entry."""

    professional = models.ForeignKey(
        Professional, verbose_name="专业技术人员", on_delete=models.PROTECT, related_name="transfers"
    )
    from_unit = models.ForeignKey(EmployerUnit, verbose_name="调出单位", on_delete=models.PROTECT, related_name="+")
    from_region = models.ForeignKey(Region, verbose_name="调出区划", on_delete=models.PROTECT, related_name="+")
    to_unit = models.ForeignKey(EmployerUnit, verbose_name="调入单位", on_delete=models.PROTECT, related_name="+")
    to_region = models.ForeignKey(Region, verbose_name="调入区划", on_delete=models.PROTECT, related_name="+")
    effective_on = models.DateField(
        "调动日期", null=True, blank=True, help_text="实际到岗日期，不晚于放行之日；为空时以放行之日为准"
    )
    note = models.CharField("说明", max_length=300, blank=True)
    status = models.CharField("状态", max_length=10, choices=TransferStatus.choices, default=TransferStatus.REQUESTED)
    requested_by = models.ForeignKey(
        "accounts.User", verbose_name="申请人", on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField("申请时间", auto_now_add=True)
    decided_by = models.ForeignKey(
        "accounts.User", verbose_name="办理人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("办理时间", null=True, blank=True)
    refusal_reason = models.CharField("不予放行原因", max_length=300, blank=True)

    class Meta:
        verbose_name = "人员调动"
        verbose_name_plural = "人员调动"
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(from_unit=models.F("to_unit")), name="transfer_to_another_unit"),
            models.UniqueConstraint(
                fields=["professional"], condition=models.Q(status="requested"), name="one_open_transfer_per_person"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="refused") | ~models.Q(refusal_reason=""), name="refused_transfer_has_reason"
            ),
            models.CheckConstraint(
                condition=models.Q(status="requested") | models.Q(decided_at__isnull=False),
                name="closed_transfer_has_decision_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.professional_id}：{self.from_unit_id} → {self.to_unit_id}（{self.get_status_display()}）"
