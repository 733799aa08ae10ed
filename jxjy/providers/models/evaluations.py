"""Trainee evaluations (学员评价) of a class and its teachers: one short questionnaire per trainee."""

from __future__ import annotations

from typing import Any

from django.db import models

from jxjy.people.models import Professional
from jxjy.training.models import TrainingClass

from .teachers import Teacher


def _one_to_five(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=models.Q(**{f"{field}__gte": 1, f"{field}__lte": 5}), name=name)


class TraineeEvaluation(models.Model):
    """A trainee's evaluation of one class (1–5 for content, organisation and overall)."""

    training_class = models.ForeignKey(TrainingClass, verbose_name="培训班", on_delete=models.PROTECT,
                                       related_name="trainee_evaluations")
    professional = models.ForeignKey(Professional, verbose_name="学员", on_delete=models.PROTECT,
                                     related_name="class_evaluations")
    content_score = models.PositiveSmallIntegerField("课程内容")
    organisation_score = models.PositiveSmallIntegerField("组织管理")
    overall_score = models.PositiveSmallIntegerField("总体满意度")
    comment = models.CharField("意见建议", max_length=500, blank=True)
    created_at = models.DateTimeField("评价时间", auto_now_add=True)

    class Meta:
        verbose_name = "学员评价"
        verbose_name_plural = "学员评价"
        ordering = ["training_class", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["training_class", "professional"], name="one_evaluation_per_trainee"),
            _one_to_five("content_score", "evaluation_content_1_5"),
            _one_to_five("organisation_score", "evaluation_organisation_1_5"),
            _one_to_five("overall_score", "evaluation_overall_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.professional.name} 评价 {self.training_class}"

    @property
    def region(self) -> Any:
        return self.training_class.provider.region


class TeacherRating(models.Model):
    """The trainee's 1–5 rating of one teacher of the class, part of the same questionnaire."""

    evaluation = models.ForeignKey(TraineeEvaluation, verbose_name="评价", on_delete=models.CASCADE,
                                   related_name="teacher_ratings")
    teacher = models.ForeignKey(Teacher, verbose_name="教师", on_delete=models.PROTECT, related_name="ratings")
    score = models.PositiveSmallIntegerField("教学效果")

    class Meta:
        verbose_name = "教师评分"
        verbose_name_plural = "教师评分"
        ordering = ["evaluation", "teacher"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "teacher"], name="rate_teacher_once_per_evaluation"),
            _one_to_five("score", "teacher_rating_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.teacher.name}：{self.score}"
