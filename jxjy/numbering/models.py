"""One table for every number series of the system (批准号, 证书号段, 继续教育证书, 公共科目合格证, 基地编号)."""

from __future__ import annotations

from django.db import models


class Series(models.TextChoices):
    APPROVAL = "approval", "培训班批准号"
    CLASS_CERTIFICATE = "class_certificate", "培训班证书号段"
    CE_CERTIFICATE = "ce_certificate", "继续教育证书编号"
    PASS_CERTIFICATE = "pass_certificate", "公共科目合格证编号"
    CE_BASE = "ce_base", "继续教育基地编号"


class NumberCounter(models.Model):
    """The last number issued in one series within one scope (the issuing body) and year (0: no year).

    Allocation locks the row with SELECT … FOR UPDATE inside the caller's transaction: a rolled-back
    issue rolls the counter back with it, so every series is gap-free and duplicate-free."""

    series = models.CharField("编号类别", max_length=24, choices=Series.choices)
    scope = models.CharField("编号主体", max_length=60, help_text="例如 bureau:12、region:3204、authority:5")
    year = models.PositiveSmallIntegerField("年度", default=0, help_text="0 表示不分年度")
    last = models.PositiveIntegerField("已用至", default=0)

    class Meta:
        verbose_name = "编号计数器"
        verbose_name_plural = "编号计数器"
        ordering = ["series", "scope", "year"]
        constraints = [
            models.UniqueConstraint(fields=["series", "scope", "year"], name="numbering_one_counter_per_series_scope_year"),
        ]

    def __str__(self) -> str:
        year = f" {self.year}年" if self.year else ""
        return f"{self.get_series_display()} {self.scope}{year}：已用至 {self.last}"
