"""A training class (培训班/研修班/讲座 …), its schedule (课程表), teacher résumés and review steps."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jxjy.orgs.models import HRBureau, IndustryAuthority, Provider
from jxjy.records.choices import LearningForm, Subject
from jxjy.regions.models import Region

from ..choices import ClassStatus, ClassType, HalfDay, PlanStatus, ReviewStatus
from .plans import PlanItem


class TrainingClass(models.Model):
    """One class as applied for on the application form (榕人专〔2009〕145号 附件1; 泉洛政人社[2017]27号 附件2),
    followed through review, notice, approval, attendance, exam and hours recognition."""

    provider = models.ForeignKey(Provider, verbose_name="办班单位", on_delete=models.PROTECT,
                                 related_name="training_classes")
    plan_item = models.ForeignKey(PlanItem, verbose_name="年度计划项目", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="classes")
    class_type = models.CharField("类型", max_length=20, choices=ClassType.choices, default=ClassType.TRAINING)
    name = models.CharField("培训班名称", max_length=150)
    start_date = models.DateField("培训开始日期")
    end_date = models.DateField("培训结束日期")
    place = models.CharField("办班地点", max_length=200)
    contact = models.CharField("联系人", max_length=50)
    phone = models.CharField("联系电话", max_length=30)
    total_hours = models.DecimalField("培训学时", max_digits=6, decimal_places=1)
    runs = models.PositiveSmallIntegerField("培训期数", default=1)
    trainees_per_run = models.PositiveIntegerField("每期培训人数")
    subject = models.CharField("科目", max_length=20, choices=Subject.choices)
    form = models.CharField("培训形式", max_length=20, choices=LearningForm.choices, default=LearningForm.CENTRALIZED)
    target_series = models.JSONField("培训对象系列", default=list, blank=True)
    target_levels = models.JSONField("培训对象级别", default=list, blank=True)
    audience = models.CharField("培训对象", max_length=200)
    target_region = models.ForeignKey(
        Region, verbose_name="培训对象所在地区", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="培训班面向哪一地区的专业技术人员；审核链和办班期限按该地区的规定（为空表示办班单位所在地区）",
    )
    teaching_plan = models.TextField("教学计划")
    funding_source = models.CharField("经费来源", max_length=100)
    charges_fee = models.BooleanField("是否收费", default=False)
    fee_per_person = models.DecimalField("收费标准（元/人）", max_digits=8, decimal_places=2, null=True, blank=True)
    fee_standard = models.CharField("收费依据", max_length=200, blank=True, help_text="例：榕价费[2008]40号")
    fee_licence_no = models.CharField("收费许可证号", max_length=60, blank=True, help_text="收费的培训班须填写")
    pass_mark = models.DecimalField("考试合格分数线", max_digits=5, decimal_places=1, default=60)

    status = models.CharField("状态", max_length=30, choices=ClassStatus.choices, default=ClassStatus.DRAFT,
                              db_index=True)
    approving_bureau = models.ForeignKey(HRBureau, verbose_name="批准机关", null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="approved_classes")
    review_round = models.PositiveSmallIntegerField("申报轮次", default=0)
    submitted_at = models.DateTimeField("申报时间", null=True, blank=True)
    approved_at = models.DateTimeField("批准时间", null=True, blank=True)
    approval_no = models.CharField("批准号", max_length=60, null=True, blank=True)  # noqa: DJ001 (unique when set)
    certificate_year = models.PositiveSmallIntegerField("证书号年度", null=True, blank=True)
    certificate_first = models.PositiveIntegerField("起始证书序号", null=True, blank=True)
    certificate_last = models.PositiveIntegerField("终止证书序号", null=True, blank=True)
    recognition_submitted_at = models.DateTimeField("学时认定申报时间", null=True, blank=True)
    recognised_at = models.DateTimeField("学时认定时间", null=True, blank=True)
    recognised_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="认定人", null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="填报人", on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField("填报时间", auto_now_add=True)

    class Meta:
        verbose_name = "培训班"
        verbose_name_plural = "培训班"
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")),
                                   name="class_ends_after_start"),
            models.CheckConstraint(condition=models.Q(total_hours__gt=0), name="class_hours_positive"),
            models.CheckConstraint(condition=models.Q(runs__gte=1), name="class_runs_positive"),
            models.CheckConstraint(condition=models.Q(trainees_per_run__gte=1), name="class_trainees_positive"),
            models.CheckConstraint(condition=models.Q(charges_fee=False) | models.Q(fee_per_person__isnull=False),
                                   name="class_fee_amount_when_charging"),
            models.CheckConstraint(
                condition=models.Q(certificate_first__isnull=True)
                | models.Q(certificate_last__gte=models.F("certificate_first")),
                name="class_certificate_block_ordered",
            ),
            models.UniqueConstraint(fields=["approving_bureau", "approval_no"], name="approval_no_unique_per_bureau"),
            models.CheckConstraint(condition=models.Q(pass_mark__gte=0, pass_mark__lte=100), name="class_pass_mark_range"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def region(self):  # type: ignore[no-untyped-def]
        return self.provider.region

    @property
    def jurisdiction(self) -> Region:
        """The region with jurisdiction over the professionals the class is for: its target region,
        else the organiser's (泉洛政人社[2017]27号 一（五）1: classes for 洛江 staff follow 洛江)."""
        return self.target_region or self.provider.region

    @property
    def capacity(self) -> int:
        return self.runs * self.trainees_per_run

    @property
    def in_approved_plan(self) -> bool:
        return self.plan_item_id is not None and self.plan_item.plan.status == PlanStatus.APPROVED  # type: ignore[union-attr]

    @property
    def certificate_range(self) -> str:
        if self.certificate_first is None:
            return ""
        from ..services.numbers import format_certificate_no

        return f"{format_certificate_no(self, self.certificate_first)} 至 {format_certificate_no(self, self.certificate_last)}"

    @property
    def source_ref(self) -> str:
        """The reference learning records carry back to this class: its approval number."""
        return self.approval_no or f"class-{self.pk}"


class ScheduleItem(models.Model):
    """One half-day of the schedule (课程表): content, hours and teacher; also the attendance session."""

    training_class = models.ForeignKey(TrainingClass, verbose_name="培训班", on_delete=models.CASCADE,
                                       related_name="schedule")
    date = models.DateField("日期")
    half_day = models.CharField("时段", max_length=2, choices=HalfDay.choices)
    content = models.CharField("授课内容", max_length=200)
    hours = models.DecimalField("学时", max_digits=4, decimal_places=1)
    teacher_name = models.CharField("教师姓名", max_length=50)
    teacher_title = models.CharField("教师职称", max_length=50)
    teacher_unit = models.CharField("教师单位", max_length=100)

    class Meta:
        verbose_name = "课程表"
        verbose_name_plural = "课程表"
        ordering = ["training_class", "date", "half_day"]
        constraints = [
            models.UniqueConstraint(fields=["training_class", "date", "half_day"], name="one_item_per_half_day"),
            models.CheckConstraint(condition=models.Q(hours__gt=0, hours__lte=4), name="half_day_hours_range"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%m月%d日}{self.get_half_day_display()} {self.content}"


class TeacherResume(models.Model):
    """A teacher's résumé (师资简历) attached to the application."""

    training_class = models.ForeignKey(TrainingClass, verbose_name="培训班", on_delete=models.CASCADE,
                                       related_name="resumes")
    teacher_name = models.CharField("教师姓名", max_length=50)
    file = models.FileField("简历文件", upload_to="training/resumes/%Y/")
    original_name = models.CharField("原文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "师资简历"
        verbose_name_plural = "师资简历"
        ordering = ["training_class", "id"]

    def __str__(self) -> str:
        return f"{self.teacher_name} 简历"


class ClassReview(models.Model):
    """One step of one submission's review, with its resolved reviewer and decision."""

    training_class = models.ForeignKey(TrainingClass, verbose_name="培训班", on_delete=models.CASCADE,
                                       related_name="reviews")
    round = models.PositiveSmallIntegerField("申报轮次")
    order = models.PositiveSmallIntegerField("顺序")
    hr_bureau = models.ForeignKey(HRBureau, verbose_name="审核人社局", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    industry_authority = models.ForeignKey(IndustryAuthority, verbose_name="审核主管部门", null=True, blank=True,
                                           on_delete=models.PROTECT, related_name="+")
    status = models.CharField("状态", max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.WAITING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    comment = models.CharField("审核意见", max_length=500, blank=True)

    class Meta:
        verbose_name = "审核记录"
        verbose_name_plural = "审核记录"
        ordering = ["training_class", "round", "order"]
        constraints = [
            models.UniqueConstraint(fields=["training_class", "round", "order"], name="one_review_per_step"),
            models.CheckConstraint(
                condition=models.Q(hr_bureau__isnull=False, industry_authority__isnull=True)
                | models.Q(hr_bureau__isnull=True, industry_authority__isnull=False),
                name="review_has_one_reviewer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.training_class} 第{self.round}轮第{self.order}步 {self.reviewer}"

    @property
    def reviewer(self) -> models.Model:
        reviewer = self.hr_bureau or self.industry_authority
        assert reviewer is not None
        return reviewer
