from django.db import models


class Subject(models.TextChoices):
    PUBLIC = "public", "公需科目"
    PROFESSIONAL = "professional", "专业科目"


class LearningForm(models.TextChoices):
    """The forms of CE the rules engine knows (its record `form`)."""

    CENTRALIZED = "centralized", "集中培训"
    DISTANCE = "distance", "远程/网络教育"
    SELF_STUDY = "self_study", "自学"
    CONFERENCE = "conference", "学术会议"
    ADVANCED_STUDY = "advanced_study", "进修"
    DEGREE = "degree", "学历学位教育"
    PAPER = "paper", "论文"
    RESEARCH = "research", "课题研究"
    OVERSEAS = "overseas", "出国(境)研修"


class CreditClass(models.TextChoices):
    I = "I", "Ⅰ类学分"  # noqa: E741
    II = "II", "Ⅱ类学分"


class RecordSource(models.TextChoices):
    TRAINING_CLASS = "training_class", "培训班学时认定"
    ONLINE_COURSE = "online_course", "网络课程"
    DECLARED = "declared", "个人申报"
    UNIT_REGISTERED = "unit_registered", "单位登记"


class RecordStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    RECOGNISED = "recognised", "已认定"
    REJECTED = "rejected", "未通过"
    REVOKED = "revoked", "已撤销"
