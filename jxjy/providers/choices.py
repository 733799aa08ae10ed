"""Choices of CE-base accreditation, inspection, credit records and the teacher pool."""

from django.db import models


class Tier(models.TextChoices):
    """The level of a CE base: each HR bureau accredits the bases of its own level (榕人专〔2009〕145号 五)."""

    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县区级"


class ApplicationKind(models.TextChoices):
    NEW = "new", "新申报"
    RENEWAL = "renewal", "到期换证"


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待审核"
    RETURNED = "returned", "退回修改"
    REJECTED = "rejected", "不予认定"
    ACCREDITED = "accredited", "已认定授牌"


class BaseStatus(models.TextChoices):
    ACCREDITED = "accredited", "已授牌"
    RECTIFYING = "rectifying", "限期整改中"
    REVOKED = "revoked", "已摘牌"


class InspectionOutcome(models.TextChoices):
    """The outcomes of 评估验收 (常人社发〔2011〕11号 第二十五条)."""

    KEEP = "keep", "合格，保留资格"
    RECTIFY = "rectify", "责令限期整改"
    REVOKE = "revoke", "取消资格（摘牌）"


class RectificationStatus(models.TextChoices):
    OPEN = "open", "整改中"
    REPORTED = "reported", "已报整改情况"
    ACCEPTED = "accepted", "整改合格"
    FAILED = "failed", "逾期未整改/整改不合格"


class BaseEventKind(models.TextChoices):
    ACCREDITED = "accredited", "认定授牌"
    RENEWED = "renewed", "换证续期"
    INSPECTED = "inspected", "年检/评估验收"
    RECTIFICATION_ORDERED = "rectification_ordered", "责令整改"
    RECTIFICATION_REPORTED = "rectification_reported", "报送整改情况"
    RECTIFICATION_ACCEPTED = "rectification_accepted", "整改验收合格"
    REVOKED = "revoked", "摘牌"


class CreditEventKind(models.TextChoices):
    """What a credit record entry is about; the points of each kind are in credit_scheme.toml."""

    VIOLATION = "violation", "违规办班/收费"
    FRAUD = "fraud", "弄虚作假"
    LATE_RECOGNITION = "late_recognition", "逾期申报学时认定"
    UPHELD_OBJECTION = "upheld_objection", "公示异议成立"
    INSPECTION_KEEP = "inspection_keep", "年检合格"
    INSPECTION_RECTIFY = "inspection_rectify", "年检责令整改"
    REVOCATION = "revocation", "基地被摘牌"
    COMMENDATION = "commendation", "表彰奖励"
    POOR_EVALUATION = "poor_evaluation", "学员评价差"


class Employment(models.TextChoices):
    FULL_TIME = "full_time", "专职"
    PART_TIME = "part_time", "兼职"


class TeacherStatus(models.TextChoices):
    ACTIVE = "active", "在库"
    SUSPENDED = "suspended", "暂停"
    RETIRED = "retired", "退出"


class FeeBasis(models.TextChoices):
    PER_HOUR = "per_hour", "按学时（元/人·学时）"
    PER_CLASS = "per_class", "按期（元/人·期）"
