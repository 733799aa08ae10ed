"""The teacher pool (师资库): teachers, the providers that use them, and full-time teachers' own training."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from jxjy.orgs.models import Provider

from ..choices import Employment, TeacherStatus


class Teacher(models.Model):
    """A teacher in the pool, entered by a provider (`home_provider`). With `shared` (the teacher's
    consent) other providers may engage them (资源共享, 榕人专〔2009〕145号 四)."""

    name = models.CharField("姓名", max_length=50)
    employment = models.CharField("专兼职", max_length=10, choices=Employment.choices)
    home_provider = models.ForeignKey(Provider, verbose_name="所属机构", on_delete=models.PROTECT,
                                      related_name="own_teachers")
    title = models.CharField("职称", max_length=50)
    unit = models.CharField("工作单位", max_length=100)
    specialties = models.CharField("专长领域", max_length=200, help_text="多个用逗号分隔")
    resume = models.TextField("简历", max_length=5000, blank=True)
    courses_taught = models.TextField("主讲课程", max_length=2000, blank=True)
    status = models.CharField("状态", max_length=10, choices=TeacherStatus.choices, default=TeacherStatus.ACTIVE,
                              db_index=True)
    shared = models.BooleanField("同意共享", default=False, help_text="本人同意其他施教机构聘请")
    consent_on = models.DateField("同意共享日期", null=True, blank=True)
    created_at = models.DateTimeField("入库时间", auto_now_add=True)

    class Meta:
        verbose_name = "教师"
        verbose_name_plural = "师资库"
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(shared=False) | models.Q(consent_on__isnull=False),
                                   name="shared_teacher_has_consent_date"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.title}，{self.unit}）"

    @property
    def region(self) -> Any:
        return self.home_provider.region

    @property
    def specialty_list(self) -> list[str]:
        return [s.strip() for s in self.specialties.replace("，", ",").split(",") if s.strip()]


class Engagement(models.Model):
    """A provider's use of a pool teacher (its own teachers, or shared teachers of other providers)."""

    provider = models.ForeignKey(Provider, verbose_name="施教机构", on_delete=models.PROTECT,
                                 related_name="teacher_engagements")
    teacher = models.ForeignKey(Teacher, verbose_name="教师", on_delete=models.PROTECT, related_name="engagements")
    since = models.DateField("聘请日期")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        verbose_name = "聘请教师"
        verbose_name_plural = "聘请教师"
        ordering = ["provider", "teacher__name"]
        constraints = [models.UniqueConstraint(fields=["provider", "teacher"], name="engage_teacher_once")]

    def __str__(self) -> str:
        return f"{self.provider} 聘请 {self.teacher.name}"

    @property
    def region(self) -> Any:
        return self.provider.region


class TeacherTraining(models.Model):
    """A full-time teacher's own training (知识更新), counted in days toward the yearly month."""

    teacher = models.ForeignKey(Teacher, verbose_name="教师", on_delete=models.CASCADE, related_name="trainings")
    start_date = models.DateField("开始日期")
    end_date = models.DateField("结束日期")
    days = models.PositiveSmallIntegerField("天数")
    content = models.CharField("培训内容", max_length=200)
    organiser = models.CharField("举办单位", max_length=100)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        verbose_name = "教师本人培训"
        verbose_name_plural = "教师本人培训"
        ordering = ["teacher", "-start_date"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")),
                                   name="teacher_training_dates_ordered"),
            models.CheckConstraint(condition=models.Q(days__gte=1), name="teacher_training_days_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.teacher.name} {self.start_date:%Y-%m-%d} {self.content}"

    @property
    def region(self) -> Any:
        return self.teacher.home_provider.region
