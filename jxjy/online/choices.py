"""Choices of the online learning app."""

from django.db import models


class CourseStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待审核"
    APPROVED = "approved", "已上架"
    REJECTED = "rejected", "未通过"
    WITHDRAWN = "withdrawn", "已下架"


class UnitKind(models.TextChoices):
    VIDEO = "video", "视频"
    PDF = "pdf", "PDF 文档"
    HTML = "html", "网页"


class QuestionKind(models.TextChoices):
    SINGLE = "single", "单选题"
    MULTIPLE = "multiple", "多选题"
    TRUE_FALSE = "true_false", "判断题"


class AttemptStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "作答中"
    SUBMITTED = "submitted", "已交卷"


class SessionFlag(models.TextChoices):
    """Why a study session looked dishonest (挂机刷课 and its tricks)."""

    SPEED = "speed", "倍速播放"
    SEEK = "seek", "拖动进度"
    CONCURRENT = "concurrent", "多处同时播放"
    IDLE = "idle", "长时间无操作"
    CLOCK = "clock", "进度与时间不符"
    NO_MEDIA = "no_media", "未下载课件却上报播放"
    EARLY_BEATS = "early_beats", "心跳过于频繁"
    PRESENCE = "presence", "在线确认未通过"
