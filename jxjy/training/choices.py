"""Choices of the training-class workflow (办班)."""

from django.db import models


class ClassType(models.TextChoices):
    TRAINING = "training", "培训班"
    SEMINAR = "seminar", "研修班"
    ADVANCED_SEMINAR = "advanced_seminar", "高级研修班（推荐省级）"
    CONFERENCE = "conference", "学术会议"
    LECTURE = "lecture", "讲座"


class ClassStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    UNDER_REVIEW = "under_review", "审核中"
    RETURNED = "returned", "退回修改"
    REJECTED = "rejected", "不予批准"
    UNDER_NOTICE = "under_notice", "公示中"
    APPROVED = "approved", "已批准"
    RECOGNITION_SUBMITTED = "recognition_submitted", "学时认定待审"
    RECOGNISED = "recognised", "学时已认定"
    UNQUALIFIED = "unqualified", "认定不合格"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待审核"
    APPROVED = "approved", "已公布"
    RETURNED = "returned", "退回修改"


class HalfDay(models.TextChoices):
    AM = "am", "上午"
    PM = "pm", "下午"


class ReviewerKind(models.TextChoices):
    """Who reviews at one step of a chain, resolved against the class's organiser and the region of
    the professionals it is for (its target region). The values are those of the rule sets'
    ``class_reviewers_<level>`` / ``class_approver_<level>`` (jxjy/rules/procedures.yaml)."""

    SUPERVISING_AUTHORITY = "supervising_authority", "办班单位的主管部门"
    SUPERVISING_AUTHORITY_OR_REGION_BUREAU = "authority_or_region_bureau", "主管部门（无主管部门时为办班单位所在地人社局）"
    REGION_BUREAU = "region_bureau", "办班单位所在地人社局"
    TARGET_BUREAU = "target_bureau", "培训对象所在地人社局"
    CITY_BUREAU = "city_bureau", "培训对象所在市人社局"
    PROVINCE_BUREAU = "province_bureau", "省人社厅"


class ReviewStatus(models.TextChoices):
    WAITING = "waiting", "未到"
    PENDING = "pending", "待审核"
    APPROVED = "approved", "同意"
    RETURNED = "returned", "退回修改"
    REJECTED = "rejected", "不予批准"


class NoticeMode(models.TextChoices):
    CONTINUOUS = "continuous", "随时公示"
    ROUNDS = "rounds", "按季度集中公示"


class ObjectionStatus(models.TextChoices):
    OPEN = "open", "待处理"
    DISMISSED = "dismissed", "异议不成立"
    UPHELD = "upheld", "异议成立"


class EnrolmentSource(models.TextChoices):
    ROSTER = "roster", "花名册导入"
    NOMINATION = "nomination", "单位选派"
    SELF = "self", "个人报名"


class SignMethod(models.TextChoices):
    QR = "qr", "扫码"
    SHEET = "sheet", "签到表"


class SignKind(models.TextChoices):
    IN = "in", "签到"
    OUT = "out", "签退"


class EvidenceKind(models.TextChoices):
    ROSTER = "roster", "参训人员花名册"
    SIGN_IN = "sign_in", "签到表"
    HANDOUT = "handout", "授课讲义、课件"
    PHOTO = "photo", "现场照片"


class InspectionFinding(models.TextChoices):
    OK = "ok", "正常"
    MINOR = "minor", "组织不到位（限期整改）"
    NOT_FOLLOWING_PLAN = "not_following_plan", "未按计划实施"
    FRAUD = "fraud", "弄虚作假"


DISQUALIFYING_FINDINGS = frozenset({InspectionFinding.NOT_FOLLOWING_PLAN, InspectionFinding.FRAUD})
