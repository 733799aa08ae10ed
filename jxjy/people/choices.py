from django.db import models


class Series(models.TextChoices):
    """Title series (系列) as the rules engine knows them."""

    GENERAL = "general", "其他系列"
    ENGINEERING = "engineering", "工程技术"
    HEALTH = "health", "卫生"
    SCHOOL_TEACHER = "school_teacher", "中小学教师"


class Level(models.TextChoices):
    NONE = "none", "无职称"
    JUNIOR = "junior", "初级"
    INTERMEDIATE = "intermediate", "中级"
    SENIOR = "senior", "高级"


class Sex(models.TextChoices):
    MALE = "M", "男"
    FEMALE = "F", "女"


class HealthFacility(models.TextChoices):
    GRADE1 = "grade1", "一级医疗机构"
    GRADE2_OR_BELOW = "grade2_or_below", "二级及以下医疗机构"
