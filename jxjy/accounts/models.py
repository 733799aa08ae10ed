"""Users and the role each acts in. A user's scope is a region subtree and, for organisation
roles, one organisation; `jxjy.accounts.policy` turns that into query filters."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jxjy.orgs.models import EmployerUnit, HRBureau, IndustryAuthority, Provider
from jxjy.people.models import Professional
from jxjy.regions.models import Region


class Role(models.TextChoices):
    HR_OFFICER = "hr_officer", _("人社局经办人员")
    AUTHORITY_OFFICER = "authority_officer", _("行业主管部门经办人员")
    UNIT_ADMIN = "unit_admin", _("单位继续教育管理员")
    PROVIDER_ADMIN = "provider_admin", _("施教机构管理员")
    PROFESSIONAL = "professional", _("专业技术人员")
    SYSTEM_ADMIN = "system_admin", _("系统管理员")


class User(AbstractUser):
    """A person who logs in. Exactly one organisation field is set, the one the role needs."""

    role = models.CharField("角色", max_length=20, choices=Role.choices, default=Role.PROFESSIONAL)
    region = models.ForeignKey(
        Region, verbose_name="管辖区划", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    hr_bureau = models.ForeignKey(
        HRBureau, verbose_name="人社局", null=True, blank=True, on_delete=models.PROTECT, related_name="officers"
    )
    industry_authority = models.ForeignKey(
        IndustryAuthority,
        verbose_name="行业主管部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="officers",
    )
    employer_unit = models.ForeignKey(
        EmployerUnit, verbose_name="单位", null=True, blank=True, on_delete=models.PROTECT, related_name="admins"
    )
    provider = models.ForeignKey(
        Provider, verbose_name="施教机构", null=True, blank=True, on_delete=models.PROTECT, related_name="admins"
    )
    professional = models.OneToOneField(
        Professional,
        verbose_name="本人档案",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="user",
    )
    display_name = models.CharField("姓名", max_length=50, blank=True)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        ordering = ["username"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="hr_officer") | models.Q(hr_bureau__isnull=False),
                name="hr_officer_has_bureau",
            ),
            models.CheckConstraint(
                condition=~models.Q(role="authority_officer") | models.Q(industry_authority__isnull=False),
                name="authority_officer_has_authority",
            ),
            models.CheckConstraint(
                condition=~models.Q(role="unit_admin") | models.Q(employer_unit__isnull=False),
                name="unit_admin_has_unit",
            ),
            models.CheckConstraint(
                condition=~models.Q(role="provider_admin") | models.Q(provider__isnull=False),
                name="provider_admin_has_provider",
            ),
            models.CheckConstraint(
                condition=~models.Q(role="professional") | models.Q(professional__isnull=False) | models.Q(is_superuser=True),
                name="professional_user_has_record",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def role_label(self) -> str:
        if self.role == Role.HR_OFFICER and self.region is not None:
            return {
                "province": gettext("省级人社局经办人员"),
                "city": gettext("市级人社局经办人员"),
                "county": gettext("县区级人社局经办人员"),
            }[self.region.level]
        return str(Role(self.role).label)

    @property
    def organisation(self) -> models.Model | None:
        return self.hr_bureau or self.industry_authority or self.employer_unit or self.provider


class ActivationCode(models.Model):
    """A one-time code a unit hands a professional to activate (or re-open) the account.

    Only an HMAC of the code is kept; the code itself is shown once, on the printed slip. A code
    holds until `expires_at`, is spent by its first successful use, and dies after a few wrong tries.
    """

    user = models.ForeignKey(User, verbose_name="账号", on_delete=models.CASCADE, related_name="activation_codes")
    code_hash = models.CharField("激活码摘要", max_length=64, unique=True)
    created_by = models.ForeignKey(
        User, verbose_name="发放人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("发放时间", auto_now_add=True)
    expires_at = models.DateTimeField("有效期至")
    used_at = models.DateTimeField("使用时间", null=True, blank=True)
    revoked_at = models.DateTimeField("作废时间", null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField("错误次数", default=0)

    class Meta:
        verbose_name = "激活码"
        verbose_name_plural = "激活码"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.user} 的激活码"
