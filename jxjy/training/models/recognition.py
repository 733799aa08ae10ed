"""After the class: evidence for hours recognition, extensions, inspections, credit entries, summary."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ..choices import EvidenceKind, InspectionFinding
from .classes import TrainingClass


class EvidenceFile(models.Model):
    """A file submitted for hours recognition (泉洛政人社[2017]27号 一(五)3)."""

    training_class = models.ForeignKey(TrainingClass, verbose_name="培训班", on_delete=models.CASCADE,
                                       related_name="evidence")
    kind = models.CharField("材料类别", max_length=20, choices=EvidenceKind.choices)
    file = models.FileField("文件", upload_to="training/evidence/%Y/")
    original_name = models.CharField("原文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "认定材料"
        verbose_name_plural = "认定材料"
        ordering = ["training_class", "kind", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.original_name}"


class RecognitionExtension(models.Model):
    """An officer's permission to submit for recognition after the deadline of the region's rule set, with the reason."""

    training_class = models.ForeignKey(TrainingClass, verbose_name="培训班", on_delete=models.CASCADE,
                                       related_name="extensions")
    until = models.DateField("延期至")
    reason = models.CharField("延期理由", max_length=500)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="批准人", on_delete=models.PROTECT,
                                   related_name="+")
    granted_at = models.DateTimeField("批准时间", auto_now_add=True)

    class Meta:
        verbose_name = "认定延期"
        verbose_name_plural = "认定延期"
        ordering = ["training_class", "-until"]
        constraints = [models.CheckConstraint(condition=~models.Q(reason=""), name="extension_has_reason")]

    def __str__(self) -> str:
        return f"{self.training_class} 延期至 {self.until:%Y-%m-%d}"


class Inspection(models.Model):
    """An officer's spot check during the class (泉洛政人社[2017]27号 一(五)4)."""

    training_class = models.ForeignKey(TrainingClass, verbose_name="培训班", on_delete=models.CASCADE,
                                       related_name="inspections")
    inspected_on = models.DateField("检查日期")
    finding = models.CharField("检查结论", max_length=30, choices=InspectionFinding.choices)
    notes = models.TextField("检查情况", max_length=2000)
    inspector = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="检查人", on_delete=models.PROTECT,
                                  related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "监督检查"
        verbose_name_plural = "监督检查"
        ordering = ["training_class", "-inspected_on", "-id"]

    def __str__(self) -> str:
        return f"{self.training_class} {self.inspected_on:%Y-%m-%d} {self.get_finding_display()}"


class ClassSummary(models.Model):
    """办班总结: the provider's report after the class, with attendance and result statistics."""

    training_class = models.OneToOneField(TrainingClass, verbose_name="培训班", on_delete=models.CASCADE,
                                          related_name="summary")
    text = models.TextField("总结", max_length=10000)
    statistics = models.JSONField("统计")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="填报人", on_delete=models.PROTECT,
                                 related_name="+")
    filed_at = models.DateTimeField("填报时间", auto_now_add=True)

    class Meta:
        verbose_name = "办班总结"
        verbose_name_plural = "办班总结"
        ordering = ["-filed_at"]

    def __str__(self) -> str:
        return f"{self.training_class} 办班总结"
