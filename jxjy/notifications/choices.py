from django.db import models


class Category(models.TextChoices):
    """What a notification is about, so the list can be filtered and reminders told apart."""

    TRAINING = "training", "培训班"
    PLAN = "plan", "培训计划"
    RECOGNITION = "recognition", "学时认定"
    VERIFICATION = "verification", "年度验证"
    RECTIFICATION = "rectification", "限期整改"
    REVOCATION = "revocation", "学时撤销"
    DEADLINE = "deadline", "期限提醒"
    OTHER = "other", "其他"
