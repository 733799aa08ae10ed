"""Professionals (专业技术人员) and the catalogue of titles (职称)."""

from __future__ import annotations

from django.db import models

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
    def progress_percent(self) -> int:
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0
