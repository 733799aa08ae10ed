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


class ReviewStage(models.TextChoices):
    """Who must act next on a declared or unit-registered record (its review chain)."""

    UNIT = "unit", "单位审核"
    HEALTH_AUTHORITY = "health_authority", "卫生主管部门初审"
    INDUSTRY_AUTHORITY = "industry_authority", "行业主管部门审核"
    HR_BUREAU = "hr_bureau", "人社局审核"
    DONE = "done", "审核完毕"


class ReviewDecision(models.TextChoices):
    APPROVED = "approved", "通过"
    REJECTED = "rejected", "不通过"


class VerificationKind(models.TextChoices):
    BATCH = "batch", "单位集中验证"
    DIRECT = "direct", "调训验证"
    EDUCATION_YEARLY = "education_yearly", "教育行政部门年度验印"
    TEACHER_CYCLE = "teacher_cycle", "中小学教师周期统一验证"


class VerificationOutcome(models.TextChoices):
    PENDING = "pending", "待验证"
    VERIFIED = "verified", "已验证"
    NOT_VERIFIED = "not_verified", "不予验证"
    FORFEITED = "forfeited", "视同放弃"


class BatchStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已报送"
    CLOSED = "closed", "已办结"


class ExemptionReason(models.TextChoices):
    LONG_TRAINING_AWAY = "long_training_away", "长期外出培训"
    SICK_LEAVE = "sick_leave", "病假"
    OTHER = "other", "其他特殊情况"


class GatePurpose(models.TextChoices):
    TITLE_APPLICATION = "title_application", "职称申报"
    REGISTRATION = "registration", "执业注册"
    RE_REGISTRATION = "re_registration", "执业再注册"
    EXCELLENT_GRADE = "excellent_grade", "年度考核评优"
    POST_APPOINTMENT = "post_appointment", "岗位聘任"
    AWARD = "award", "申报奖项"


class ViolationKind(models.TextChoices):
    WORK_TIME_WITHOUT_CONSENT = "work_time_without_consent", "擅自占用工作时间参加非本单位安排的继续教育"
    QUIT_WITHOUT_REASON = "quit_without_reason", "无正当理由擅自终止学习"
    MISCONDUCT = "misconduct", "学习期间违反规定造成不良影响"
    FAILED = "failed", "修业不合格"


class ViolationConsequence(models.TextChoices):
    CRITICISM = "criticism", "通报批评"
    NO_REIMBURSEMENT = "no_reimbursement", "不予报销学习费用"
    DISMISSAL = "dismissal", "解聘专业技术职务"
