"""The administrative division tree (行政区划) on which every jurisdiction check stands."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models


class RegionLevel(models.TextChoices):
    PROVINCE = "province", "省"
    CITY = "city", "市"
    COUNTY = "county", "县/区"


class RegionQuerySet(models.QuerySet["Region"]):
    def subtree(self, region: Region) -> RegionQuerySet:
        """The region and all its descendants, as one database filter on the materialised path."""
        return self.filter(path__startswith=region.path)


class Region(models.Model):
    """A province, city or county/district, identified by its 6-digit division code (GB/T 2260).

    `path` holds the codes from the root down (`/410000/410100/`), so that a subtree is a prefix
    match the database answers with an index.
    """

    code = models.CharField(
        "区划代码",
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^\d{6}$", "区划代码必须是6位数字")],
    )
    name = models.CharField("名称", max_length=50)
    level = models.CharField("级别", max_length=10, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级区划", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField("区划路径", max_length=100, unique=True, editable=False)
    ruleset_id = models.CharField(
        "适用规则集",
        max_length=50,
        blank=True,
        help_text="本区划适用的继续教育规则集编号; 为空时沿用上级区划的规则集",
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"
        ordering = ["path"]
        indexes = [models.Index(fields=["level"])]

    def __str__(self) -> str:
        return self.name

    @property
    def full_name(self) -> str:
        return "".join(r.name for r in self.ancestors(include_self=True))

    def ancestor_codes(self) -> list[str]:
        return [c for c in self.path.split("/") if c]

    def ancestors(self, *, include_self: bool = False) -> list[Region]:
        codes = self.ancestor_codes()
        if not include_self:
            codes = codes[:-1]
        found = {r.code: r for r in Region.objects.filter(code__in=codes)}
        return [found[c] for c in codes if c in found]

    def contains(self, other: Region) -> bool:
        return other.path.startswith(self.path)

    def effective_ruleset_id(self) -> str:
        """The rule set of this region or, failing that, of its nearest ancestor that names one."""
        if self.ruleset_id:
            return self.ruleset_id
        for ancestor in reversed(self.ancestors()):
            if ancestor.ruleset_id:
                return ancestor.ruleset_id
        return ""


class ProcedureOverride(models.Model):
    """A bureau's adjustment (地方调整) of one procedural parameter (jxjy/rules/procedures.yaml) for
    its region, from ``valid_from`` on, with the reason; the rule set's cited value stays beside it.
    A row with ``ends`` set closes the region's earlier override: from that day the rule set's value
    (or an ancestor's override) applies again. Read through ``jxjy.regions.procedures``."""

    region = models.ForeignKey(Region, verbose_name="行政区划", on_delete=models.PROTECT,
                               related_name="procedure_overrides")
    name = models.CharField("参数", max_length=60)
    value = models.JSONField("调整值", null=True, blank=True)
    ends = models.BooleanField("终止调整", default=False)
    valid_from = models.DateField("起始日期")
    reason = models.CharField("调整理由", max_length=300)
    set_by = models.ForeignKey("accounts.User", verbose_name="设定人", null=True, on_delete=models.SET_NULL,
                               related_name="+")
    set_at = models.DateTimeField("设定时间", auto_now=True)

    class Meta:
        verbose_name = "程序参数地方调整"
        verbose_name_plural = "程序参数地方调整"
        ordering = ["region", "name", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name", "valid_from"], name="procedure_override_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.region.name}·{self.name}（{self.valid_from.isoformat()}起）"
