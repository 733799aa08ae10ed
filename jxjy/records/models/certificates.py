"""The CE certificate (继续教育证书): one per person, numbered in a gap-free series per issuing authority."""

from __future__ import annotations

from django.db import models

from jxjy.orgs.models import HRBureau, IndustryAuthority
from jxjy.people.models import Professional


class CertificateSeries(models.Model):
    """The certificate series of one issuing authority (证书统一由主管部门编号, 榕人专〔2009〕145号 三):
    its prefix; the numbers come from the one numbering service (`jxjy.numbering`, series
    ce_certificate, scope of the issuer), allocated in the transaction that creates the certificate."""

    hr_bureau = models.OneToOneField(
        HRBureau, verbose_name="发证人社局", null=True, blank=True, on_delete=models.PROTECT, related_name="certificate_series"
    )
    authority = models.OneToOneField(
        IndustryAuthority, verbose_name="发证主管部门", null=True, blank=True, on_delete=models.PROTECT,
        related_name="certificate_series",
    )
    prefix = models.CharField("编号前缀", max_length=20, unique=True)

    class Meta:
        verbose_name = "证书编号序列"
        verbose_name_plural = "证书编号序列"
        ordering = ["prefix"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(hr_bureau__isnull=False) & models.Q(authority__isnull=True))
                | (models.Q(hr_bureau__isnull=True) & models.Q(authority__isnull=False)),
                name="series_has_one_issuer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.issuer}（{self.prefix}）"

    @property
    def issuer(self) -> HRBureau | IndustryAuthority:
        issuer = self.hr_bureau or self.authority
        assert issuer is not None
        return issuer


class Certificate(models.Model):
    """继续教育证书: the person's record book; its entries are the person's recognised records by year."""

    professional = models.OneToOneField(
        Professional, verbose_name="专业技术人员", on_delete=models.PROTECT, related_name="ce_certificate"
    )
    series = models.ForeignKey(CertificateSeries, verbose_name="编号序列", on_delete=models.PROTECT, related_name="certificates")
    number = models.PositiveIntegerField("序号")
    certificate_no = models.CharField("证书编号", max_length=40, unique=True)
    issued_on = models.DateField("发证日期")
    issued_by = models.ForeignKey("accounts.User", verbose_name="发证人", on_delete=models.PROTECT, related_name="+")
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)
    revoke_reason = models.CharField("撤销原因", max_length=300, blank=True)

    class Meta:
        verbose_name = "继续教育证书"
        verbose_name_plural = "继续教育证书"
        ordering = ["series_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="certificate_number_unique_in_series"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="certificate_number_positive"),
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | ~models.Q(revoke_reason=""), name="revocation_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.certificate_no

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None
