"""The organisations of continuing education: HR bureaus, industry authorities, employer units, providers."""

from __future__ import annotations

from django.db import models

from jxjy.regions.models import Region


class Sector(models.TextChoices):
    HEALTH = "health", "卫生健康"
    EDUCATION = "education", "教育"
    INDUSTRY = "industry", "经贸/工信"
    CONSTRUCTION = "construction", "住房和城乡建设"
    AGRICULTURE = "agriculture", "农业农村"
    FINANCE = "finance", "财政"
    TRANSPORT = "transport", "交通运输"
    OTHER = "other", "其他"


class Ownership(models.TextChoices):
    GOVERNMENT = "government", "机关"
    PUBLIC_INSTITUTION = "public_institution", "事业单位"
    STATE_ENTERPRISE = "state_enterprise", "国有企业"
    NON_PUBLIC = "non_public", "非公企业"


class OrgQuerySet(models.QuerySet):  # type: ignore[type-arg]
    def in_region(self, region: Region) -> OrgQuerySet:
        return self.filter(region__path__startswith=region.path)


class HRBureau(models.Model):
    """人社局: the human-resources authority of one region; manages CE there overall."""

    name = models.CharField("名称", max_length=100, unique=True)
    region = models.OneToOneField(Region, verbose_name="行政区划", on_delete=models.PROTECT, related_name="hr_bureau")
    stamp_name = models.CharField(
        "验证专用章名称", max_length=100, blank=True, help_text="例: 洛江区人力资源和社会保障局职业能力培训专用章"
    )
    phone = models.CharField("联系电话", max_length=30, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        verbose_name = "人社局"
        verbose_name_plural = "人社局"
        ordering = ["region__path"]

    def __str__(self) -> str:
        return self.name


class IndustryAuthority(models.Model):
    """行业主管部门: the department supervising one sector in one region (卫健委, 教育局, 经信局 …)."""

    name = models.CharField("名称", max_length=100)
    sector = models.CharField("行业", max_length=20, choices=Sector.choices)
    region = models.ForeignKey(Region, verbose_name="行政区划", on_delete=models.PROTECT, related_name="authorities")
    phone = models.CharField("联系电话", max_length=30, blank=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        verbose_name = "行业主管部门"
        verbose_name_plural = "行业主管部门"
        ordering = ["region__path", "sector"]
        constraints = [
            models.UniqueConstraint(fields=["region", "sector"], name="one_authority_per_sector_and_region"),
            models.UniqueConstraint(fields=["name"], name="authority_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class EmployerUnit(models.Model):
    """用人单位: the employer of professionals. Units without a supervising authority (非公企业 and
    other non-public organisations) are managed directly by their region's HR bureau (河南 2012 六(一))."""

    name = models.CharField("单位名称", max_length=150)
    credit_code = models.CharField("统一社会信用代码", max_length=18, unique=True)
    region = models.ForeignKey(Region, verbose_name="行政区划", on_delete=models.PROTECT, related_name="units")
    sector = models.CharField("行业", max_length=20, choices=Sector.choices)
    ownership = models.CharField("单位性质", max_length=20, choices=Ownership.choices)
    supervising_authority = models.ForeignKey(
        IndustryAuthority,
        verbose_name="主管部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
    )
    contact = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    staff_size = models.PositiveIntegerField("职工人数", default=0)

    objects = OrgQuerySet.as_manager()

    class Meta:
        verbose_name = "用人单位"
        verbose_name_plural = "用人单位"
        ordering = ["region__path", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="unit_name_unique_in_region")]

    def __str__(self) -> str:
        return self.name

    @property
    def managed_by_hr_bureau_directly(self) -> bool:
        return self.supervising_authority_id is None


class Provider(models.Model):
    """施教机构: a body that delivers training (accreditation as a CE base comes with later work)."""

    name = models.CharField("机构名称", max_length=150, unique=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, unique=True)
    region = models.ForeignKey(Region, verbose_name="行政区划", on_delete=models.PROTECT, related_name="providers")
    supervising_authority = models.ForeignKey(
        IndustryAuthority,
        verbose_name="主管部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="providers",
    )
    contact = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        verbose_name = "施教机构"
        verbose_name_plural = "施教机构"
        ordering = ["region__path", "name"]

    def __str__(self) -> str:
        return self.name
