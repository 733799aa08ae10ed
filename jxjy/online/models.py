"""Online courses (网络课程), their courseware units, enrolments, honest study sessions, the
question bank and timed exams, and the 公共科目合格证 (常人社发〔2011〕11号 第九条)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from jxjy.orgs.models import Provider
from jxjy.people.models import Professional
from jxjy.records.choices import CreditClass, Subject
from jxjy.regions.models import Region

from .choices import AttemptStatus, CourseStatus, QuestionKind, SessionFlag, UnitKind


class Course(models.Model):
    """An online course of one provider, listed after an officer of its region approves it."""

    code = models.CharField("课程编号", max_length=32, unique=True)
    title = models.CharField("课程名称", max_length=200)
    subject = models.CharField("科目", max_length=20, choices=Subject.choices)
    description = models.TextField("课程简介", blank=True)
    provider = models.ForeignKey(Provider, verbose_name="施教机构", on_delete=models.PROTECT, related_name="online_courses")
    region = models.ForeignKey(
        Region, verbose_name="审核区划", on_delete=models.PROTECT, related_name="+", help_text="课程由本区划人社部门审核，面向本区划人员"
    )
    target_series = models.JSONField("面向系列", default=list, blank=True, help_text="为空表示所有系列")
    target_levels = models.JSONField("面向级别", default=list, blank=True, help_text="为空表示所有级别")
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1, null=True, blank=True)
    credits = models.DecimalField("学分", max_digits=5, decimal_places=1, null=True, blank=True)
    credit_class = models.CharField("学分类别", max_length=2, choices=CreditClass.choices, blank=True)
    required_course = models.BooleanField("公需必修课", default=False)
    valid_from = models.DateField("有效期自")
    valid_to = models.DateField("有效期至", null=True, blank=True)
    status = models.CharField("状态", max_length=20, choices=CourseStatus.choices, default=CourseStatus.DRAFT)
    exam_minutes = models.PositiveSmallIntegerField("考试时长（分钟）", default=30)
    pass_mark = models.PositiveSmallIntegerField("合格分数（百分制）", default=60)
    max_attempts = models.PositiveSmallIntegerField("考试次数上限", default=3)
    presence_min_seconds = models.PositiveIntegerField(
        "在线确认最短间隔（秒）", default=600, help_text="学习中在此区间内的随机时刻出题确认本人在场（默认 10–20 分钟）")
    presence_max_seconds = models.PositiveIntegerField("在线确认最长间隔（秒）", default=1200)
    reveal_key_after_last_attempt = models.BooleanField(
        "最后一次考试后公布答案", default=False,
        help_text="选中时，学员用完考试次数（或考试合格）后可看到各题正确答案；否则只显示得分",
    )
    submitted_at = models.DateTimeField("提交审核时间", null=True, blank=True)
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    review_note = models.CharField("审核意见", max_length=300, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "网络课程"
        verbose_name_plural = "网络课程"
        ordering = ["-valid_from", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__isnull=False) | Q(credits__isnull=False), name="course_has_hours_or_credits"),
            models.CheckConstraint(
                condition=(Q(hours__isnull=True) | Q(hours__gt=0)) & (Q(credits__isnull=True) | Q(credits__gt=0)),
                name="course_amount_positive",
            ),
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")), name="course_validity_order"),
            models.CheckConstraint(condition=Q(pass_mark__lte=100), name="course_pass_mark_percent"),
            models.CheckConstraint(condition=Q(max_attempts__gte=1), name="course_at_least_one_attempt"),
            models.CheckConstraint(condition=Q(exam_minutes__gte=1), name="course_exam_has_time"),
            models.CheckConstraint(condition=Q(presence_min_seconds__gte=1) & Q(presence_max_seconds__gte=F("presence_min_seconds")),
                                   name="course_presence_interval_order"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def amount_label(self) -> str:
        if self.hours is not None:
            return f"{self.hours} 学时"
        return f"{self.credits} 学分"


class Unit(models.Model):
    """One piece of courseware: a video, a PDF or an HTML page, with its study time."""

    course = models.ForeignKey(Course, verbose_name="课程", on_delete=models.CASCADE, related_name="units")
    position = models.PositiveSmallIntegerField("序号")
    title = models.CharField("标题", max_length=200)
    kind = models.CharField("类型", max_length=10, choices=UnitKind.choices)
    file = models.FileField("课件文件", upload_to="online/courseware/%Y/%m/", blank=True)
    content_type = models.CharField("文件类型", max_length=100, blank=True)
    html_body = models.TextField("网页内容", blank=True)
    duration_seconds = models.PositiveIntegerField("时长/学习时间（秒）", help_text="视频长度，或文档、网页要求的学习时间")
    file_size = models.PositiveBigIntegerField("文件大小（字节）", null=True, blank=True, editable=False)
    content_seconds = models.PositiveIntegerField(
        "内容时长（秒）", default=0, editable=False,
        help_text="服务器从视频文件读出的时长，或文档按字数折算的阅读时间；读不出的计 0",
    )

    class Meta:
        verbose_name = "课件单元"
        verbose_name_plural = "课件单元"
        ordering = ["course_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["course", "position"], name="unit_position_unique_in_course"),
            models.CheckConstraint(condition=Q(duration_seconds__gt=0), name="unit_duration_positive"),
            models.CheckConstraint(condition=Q(kind="html") | ~Q(file=""), name="unit_file_unless_html"),
        ]

    def __str__(self) -> str:
        return f"{self.course.code}-{self.position} {self.title}"

    @property
    def duration_label(self) -> str:
        minutes, seconds = divmod(self.duration_seconds, 60)
        if not minutes:
            return f"{seconds} 秒"
        return f"{minutes} 分钟" if not seconds else f"{minutes} 分 {seconds} 秒"


class Enrolment(models.Model):
    """A professional's enrolment (选课) in one course."""

    course = models.ForeignKey(Course, verbose_name="课程", on_delete=models.PROTECT, related_name="enrolments")
    professional = models.ForeignKey(
        Professional, verbose_name="专业技术人员", on_delete=models.PROTECT, related_name="online_enrolments"
    )
    enrolled_at = models.DateTimeField("选课时间", auto_now_add=True)
    units_completed_at = models.DateTimeField("学完时间", null=True, blank=True)
    passed_at = models.DateTimeField("考试合格时间", null=True, blank=True)
    record = models.ForeignKey(
        "records.LearningRecord", verbose_name="学习记录", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "选课"
        verbose_name_plural = "选课"
        ordering = ["-enrolled_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["course", "professional"], name="one_enrolment_per_course")]

    def __str__(self) -> str:
        return f"{self.professional.name} · {self.course.title}"


class UnitProgress(models.Model):
    """Server-side progress of one enrolment in one unit: resume point, counted time, watched spans."""

    enrolment = models.ForeignKey(Enrolment, verbose_name="选课", on_delete=models.CASCADE, related_name="progress")
    unit = models.ForeignKey(Unit, verbose_name="单元", on_delete=models.CASCADE, related_name="progress")
    position = models.FloatField("续播位置（秒）", default=0)
    credited_seconds = models.FloatField("计入时间（秒）", default=0)
    watched = models.JSONField("已按正常速度观看的区间", default=list, blank=True)
    completed_at = models.DateTimeField("完成时间", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "单元进度"
        verbose_name_plural = "单元进度"
        ordering = ["enrolment_id", "unit__position"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "unit"], name="one_progress_per_unit"),
            models.CheckConstraint(condition=Q(credited_seconds__gte=0) & Q(position__gte=0), name="progress_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.unit.title}"

    @property
    def watched_seconds(self) -> float:
        return sum(end - start for start, end in self.watched)


class StudySession(models.Model):
    """One player window on one unit. Heartbeats arrive here; time is credited only when honest."""

    token = models.UUIDField("会话标识", default=uuid.uuid4, unique=True, editable=False)
    enrolment = models.ForeignKey(Enrolment, verbose_name="选课", on_delete=models.CASCADE, related_name="sessions")
    unit = models.ForeignKey(Unit, verbose_name="单元", on_delete=models.CASCADE, related_name="sessions")
    started_at = models.DateTimeField("开始时间")
    last_beat_at = models.DateTimeField("最近心跳")
    last_position = models.FloatField("最近位置（秒）", default=0)
    last_credited_at = models.DateTimeField("最近计时", null=True, blank=True)
    credited_seconds = models.FloatField("计入时间（秒）", default=0)
    beats = models.PositiveIntegerField("心跳次数", default=0)
    flags = models.JSONField("可疑情形", default=list, blank=True)
    flagged = models.BooleanField("可疑", default=False, db_index=True)
    user_agent = models.CharField("浏览器", max_length=300, blank=True)
    ended_at = models.DateTimeField("结束时间", null=True, blank=True)
    ended_reason = models.CharField("结束原因", max_length=20, blank=True, help_text="ended / superseded / taken_over")
    credited_position = models.FloatField("最近计时位置（秒）", null=True, blank=True, help_text="上一段计时区间的终点")
    early_beats = models.PositiveIntegerField("过早心跳次数", default=0)
    presence_failures = models.PositiveIntegerField("在线确认未通过次数", default=0)
    progress = models.ForeignKey("UnitProgress", verbose_name="单元进度", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="+", help_text="心跳与会话同一查询读取")

    class Meta:
        verbose_name = "学习会话"
        verbose_name_plural = "学习会话"
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(credited_seconds__gte=0), name="session_credit_not_negative"),
            models.CheckConstraint(condition=Q(last_beat_at__gte=F("started_at")), name="session_beats_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.unit.title} · {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def flag_labels(self) -> list[str]:
        labels = dict(SessionFlag.choices)
        return [str(labels.get(f, f)) for f in self.flags]


class StudyLease(models.Model):
    """One learner, one stream: the person's study lease names the one session that may earn
    time now (across all courses and devices). Locked with select_for_update by every heartbeat,
    so a person's beats are judged one at a time; it also counts the person's beats per minute."""

    professional = models.OneToOneField(Professional, verbose_name="专业技术人员", on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey("StudySession", verbose_name="持有会话", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    taken_at = models.DateTimeField("取得时间", null=True, blank=True)
    expires_at = models.DateTimeField("到期时间", null=True, blank=True)
    minute_started_at = models.DateTimeField("计数分钟起点", null=True, blank=True)
    minute_beats = models.PositiveIntegerField("本分钟心跳数", default=0)
    day = models.DateField("计时日期", null=True, blank=True)
    day_seconds = models.FloatField("当日已计（秒）", default=0, help_text="与当日 DailyStudy 一致，心跳免查该行")
    challenge_due_at = models.DateTimeField("下次在线确认时间", null=True, blank=True)
    challenge = models.ForeignKey("PresenceChallenge", verbose_name="待回答的在线确认", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    pending = models.JSONField("上次确认以来的计时", default=dict, blank=True,
                               help_text="在线确认未通过时据此撤销：各单元秒数与原观看区间、各日秒数、各会话秒数")

    class Meta:
        verbose_name = "学习租约"
        verbose_name_plural = "学习租约"
        ordering = ["professional_id"]
        constraints = [
            models.CheckConstraint(condition=Q(session__isnull=True) | (Q(taken_at__isnull=False) & Q(expires_at__gte=F("taken_at"))),
                                   name="lease_held_has_times"),
        ]

    def __str__(self) -> str:
        return f"{self.professional_id} → {self.session_id or '-'}"


class PresenceChallenge(models.Model):
    """A presence check (在线确认) the server put to a learner at a moment it chose: a question of
    the course's bank, or a simple prompt when the bank is empty. `answer` never leaves the server."""

    class Outcome(models.TextChoices):
        PASSED = "passed", "通过"
        WRONG = "wrong", "回答错误"
        EXPIRED = "expired", "超时未答"

    professional = models.ForeignKey(Professional, verbose_name="专业技术人员", on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(StudySession, verbose_name="学习会话", on_delete=models.CASCADE, related_name="challenges")
    question = models.ForeignKey("Question", verbose_name="试题", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    prompt = models.CharField("题目", max_length=500)
    options = models.JSONField("选项", default=list)
    multiple = models.BooleanField("多选", default=False)
    answer = models.JSONField("答案（选项序号）", default=list)
    issued_at = models.DateTimeField("出题时间")
    deadline = models.DateTimeField("答题截止")
    answered_at = models.DateTimeField("作答时间", null=True, blank=True)
    chosen = models.JSONField("作答", default=list, blank=True)
    outcome = models.CharField("结果", max_length=10, choices=Outcome.choices, blank=True)
    revoked_seconds = models.FloatField("撤销计时（秒）", default=0)

    class Meta:
        verbose_name = "在线确认"
        verbose_name_plural = "在线确认"
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(deadline__gt=F("issued_at")), name="challenge_deadline_after_issue"),
            models.CheckConstraint(condition=Q(revoked_seconds__gte=0), name="challenge_revoked_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.professional_id} {self.issued_at:%Y-%m-%d %H:%M} {self.outcome or '待答'}"


class SegmentFetch(models.Model):
    """A courseware segment a study session fetched through its signed URL, and when first."""

    session = models.ForeignKey(StudySession, verbose_name="学习会话", on_delete=models.CASCADE, related_name="segments")
    index = models.PositiveIntegerField("分段序号")
    fetched_at = models.DateTimeField("首次下载时间")

    class Meta:
        verbose_name = "课件分段下载"
        verbose_name_plural = "课件分段下载"
        ordering = ["session_id", "index"]
        constraints = [models.UniqueConstraint(fields=["session", "index"], name="one_fetch_row_per_segment")]

    def __str__(self) -> str:
        return f"{self.session_id}#{self.index}"


class DailyStudy(models.Model):
    """Counted online study time of one person on one day — the daily cap reads and locks this row."""

    professional = models.ForeignKey(Professional, verbose_name="专业技术人员", on_delete=models.CASCADE, related_name="+")
    date = models.DateField("日期")
    credited_seconds = models.FloatField("计入时间（秒）", default=0)

    class Meta:
        verbose_name = "每日学习时间"
        verbose_name_plural = "每日学习时间"
        ordering = ["-date", "professional_id"]
        constraints = [
            models.UniqueConstraint(fields=["professional", "date"], name="one_daily_study_row"),
            models.CheckConstraint(condition=Q(credited_seconds__gte=0), name="daily_study_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.professional_id} {self.date} {self.credited_seconds:.0f}s"


class Question(models.Model):
    """A question of a course's bank, tagged by topic. `answer` holds option indices and never
    leaves the server before the attempt is submitted."""

    course = models.ForeignKey(Course, verbose_name="课程", on_delete=models.CASCADE, related_name="questions")
    topic = models.CharField("知识点", max_length=100)
    kind = models.CharField("题型", max_length=20, choices=QuestionKind.choices)
    stem = models.TextField("题干")
    options = models.JSONField("选项", default=list)
    answer = models.JSONField("答案（选项序号）", default=list)
    active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    deleted_at = models.DateTimeField(
        "删除时间", null=True, blank=True, help_text="已删除的试题不再组卷，但仍保留给用过它的考试"
    )
    replaced_by = models.ForeignKey(
        "self", verbose_name="修改后的试题", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="已用于考试的试题被修改时，原题保留、另存新题",
    )

    class Meta:
        verbose_name = "试题"
        verbose_name_plural = "试题"
        ordering = ["course_id", "topic", "kind", "id"]
        indexes = [models.Index(fields=["course", "topic", "kind"])]

    def __str__(self) -> str:
        return f"[{self.get_kind_display()}] {self.stem[:40]}"


class BlueprintItem(models.Model):
    """One line of a course's exam blueprint: draw `count` questions of this topic and kind."""

    course = models.ForeignKey(Course, verbose_name="课程", on_delete=models.CASCADE, related_name="blueprint")
    topic = models.CharField("知识点", max_length=100)
    kind = models.CharField("题型", max_length=20, choices=QuestionKind.choices)
    count = models.PositiveSmallIntegerField("抽题数")
    points = models.PositiveSmallIntegerField("每题分值", default=1)

    class Meta:
        verbose_name = "组卷规则"
        verbose_name_plural = "组卷规则"
        ordering = ["course_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["course", "topic", "kind"], name="blueprint_line_unique"),
            models.CheckConstraint(condition=Q(count__gte=1) & Q(points__gte=1), name="blueprint_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.topic} {self.get_kind_display()} × {self.count}"


class ExamAttempt(models.Model):
    """One sitting of a course's exam: a paper drawn from `seed`, a server-side deadline, the
    answers saved as they are given, and the grade after submission."""

    enrolment = models.ForeignKey(Enrolment, verbose_name="选课", on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField("第几次")
    seed = models.BigIntegerField("组卷种子")
    question_ids = models.JSONField("试卷题目", default=list)
    points = models.JSONField("各题分值", default=list)
    answers = models.JSONField("作答", default=dict, blank=True)
    started_at = models.DateTimeField("开始时间")
    deadline = models.DateTimeField("截止时间")
    submitted_at = models.DateTimeField("交卷时间", null=True, blank=True)
    status = models.CharField("状态", max_length=20, choices=AttemptStatus.choices, default=AttemptStatus.IN_PROGRESS)
    score = models.DecimalField("得分（百分制）", max_digits=5, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField("合格", null=True, blank=True)
    results = models.JSONField("各题对错", default=dict, blank=True)

    class Meta:
        verbose_name = "考试"
        verbose_name_plural = "考试"
        ordering = ["enrolment_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "number"], name="attempt_number_unique"),
            models.UniqueConstraint(
                fields=["enrolment"], condition=Q(status="in_progress"), name="one_open_attempt_per_enrolment"
            ),
            models.CheckConstraint(condition=Q(deadline__gt=F("started_at")), name="attempt_deadline_after_start"),
            models.CheckConstraint(condition=Q(score__isnull=True) | (Q(score__gte=0) & Q(score__lte=100)), name="attempt_score_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · 第{self.number}次考试"


class PassCertificate(models.Model):
    """《公共科目合格证》: issued for passing the online public-subject exam (常人社发〔2011〕11号 第九条)."""

    number = models.CharField("证书编号", max_length=32, unique=True)
    enrolment = models.OneToOneField(Enrolment, verbose_name="选课", on_delete=models.PROTECT, related_name="certificate")
    professional = models.ForeignKey(Professional, verbose_name="专业技术人员", on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(Region, verbose_name="发证区划", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    serial = models.PositiveIntegerField("序号")
    issued_at = models.DateTimeField("发证时间")

    class Meta:
        verbose_name = "公共科目合格证"
        verbose_name_plural = "公共科目合格证"
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "serial"], name="certificate_serial_unique"),
            models.CheckConstraint(condition=Q(serial__gte=1), name="certificate_serial_positive"),
        ]

    def __str__(self) -> str:
        return f"公共科目合格证 {self.number}"
