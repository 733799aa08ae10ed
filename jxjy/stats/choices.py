"""Choices of statistics and oversight: report jobs, sampling, assessments and commendations."""

from django.db import models


class ReportStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "计算中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class SampleKind(models.TextChoices):
    UNIT = "unit", "用人单位"
    CLASS = "class", "培训班"
    PERSON = "person", "专业技术人员"


class CheckResult(models.TextChoices):
    PENDING = "pending", "待检查"
    PASSED = "passed", "合格"
    FAILED = "failed", "不合格"


class AssessmentKind(models.TextChoices):
    AUTHORITY = "authority", "行业主管部门考核（常人社发〔2011〕11号 第十八条）"
    UNIT = "unit", "企事业单位抽查考核（常人社发〔2011〕11号 第二十二条）"


class AssessmentOutcome(models.TextChoices):
    PASSED = "passed", "合格"
    NOTIFIED = "notified", "予以通报（第十九条）"
    FAILED = "failed", "抽查不合格（第二十三条）"


class CommendationArticle(models.TextChoices):
    ART20 = "art20", "第二十条：考核中成绩显著的部门（单位）和个人"
    ART24 = "art24", "第二十四条：考核优秀的企事业单位或单位负责人"


# The items of 常人社发〔2011〕11号 第十八条 (checks of industry authorities).
AUTHORITY_ITEMS: list[tuple[str, str]] = [
    ("staffing", "继续教育工作人员配备情况"),
    ("plan_filed", "专业科目培训计划制定、报送备案情况"),
    ("plan_executed", "计划执行、培训组织情况"),
    ("public_subject", "公共科目学习的组织和参与情况"),
    ("gatekeeping", "专业技术资格申报受理和职（执）业资格注册时对继续教育把关情况"),
    ("certificates", "《继续教育证书》登记、签证和管理情况"),
]

# The items of 常人社发〔2011〕11号 第二十二条 (spot checks of units).
UNIT_ITEMS: list[tuple[str, str]] = [
    ("leadership", "单位负责人重视及带头参加继续教育情况"),
    ("management", "继续教育管理部门和责任人明确情况"),
    ("plan", "单位继续教育培训计划制定及实施情况"),
    ("public_subject", "组织参加公共科目培训及效果情况"),
    ("registration", "专业技术人员参加继续教育登记及考核情况"),
    ("funding", "继续教育经费落实及使用情况"),
]
