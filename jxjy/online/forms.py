from __future__ import annotations

from decimal import Decimal

from django import forms

from jxjy.people.choices import Level, Series
from jxjy.records.choices import Subject

from .choices import QuestionKind, UnitKind
from .models import Question


class CourseForm(forms.Form):
    code = forms.CharField(label="课程编号", max_length=32)
    title = forms.CharField(label="课程名称", max_length=200)
    subject = forms.ChoiceField(label="科目", choices=Subject.choices)
    hours = forms.DecimalField(label="学时", max_digits=5, decimal_places=1, required=False, min_value=Decimal("0.1"))
    credits = forms.DecimalField(label="学分", max_digits=5, decimal_places=1, required=False, min_value=Decimal("0.1"))
    valid_from = forms.DateField(label="有效期自", widget=forms.DateInput(attrs={"type": "date"}))
    valid_to = forms.DateField(label="有效期至", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    target_series = forms.MultipleChoiceField(label="面向系列（不选为全部）", choices=Series.choices, required=False,
                                              widget=forms.CheckboxSelectMultiple)
    target_levels = forms.MultipleChoiceField(label="面向级别（不选为全部）", choices=Level.choices, required=False,
                                              widget=forms.CheckboxSelectMultiple)
    required_course = forms.BooleanField(label="公需必修课", required=False)
    exam_minutes = forms.IntegerField(label="考试时长（分钟）", min_value=1, initial=30)
    pass_mark = forms.IntegerField(label="合格分数", min_value=0, max_value=100, initial=60)
    max_attempts = forms.IntegerField(label="考试次数上限", min_value=1, initial=3)
    reveal_key_after_last_attempt = forms.BooleanField(
        label="学员用完考试次数（或合格）后公布各题答案", required=False,
        help_text="不选则交卷后只显示得分",
    )
    description = forms.CharField(label="课程简介", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class UnitForm(forms.Form):
    title = forms.CharField(label="单元标题", max_length=200)
    kind = forms.ChoiceField(label="类型", choices=UnitKind.choices)
    duration_seconds = forms.IntegerField(
        label="学习时间（秒）", min_value=1, max_value=24 * 3600, required=False,
        help_text="视频按服务器从文件读出的实际时长；文档不填则按字数折算阅读时间",
    )
    file = forms.FileField(label="课件文件（视频 MP4/WebM 或 PDF）", required=False)
    html_body = forms.CharField(label="网页内容", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class QuestionForm(forms.Form):
    topic = forms.CharField(label="知识点", max_length=100)
    kind = forms.ChoiceField(label="题型", choices=QuestionKind.choices)
    stem = forms.CharField(label="题干", widget=forms.Textarea(attrs={"rows": 2}))
    options = forms.CharField(label="选项（每行一个；判断题可不填）", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    answer = forms.CharField(label="正确答案（选项序号，从 1 起，多选用逗号分隔）", max_length=50)

    def clean_answer(self) -> list[int]:
        raw = self.cleaned_data["answer"].replace("，", ",")
        try:
            return [int(x) - 1 for x in raw.split(",") if x.strip()]
        except ValueError:
            raise forms.ValidationError("请填写选项序号") from None


def question_initial(question: Question) -> dict[str, object]:
    """The form's fields filled from a stored question (options one a line, answers from 1)."""
    return {
        "topic": question.topic, "kind": question.kind, "stem": question.stem,
        "options": "\n".join(question.options), "answer": ",".join(str(i + 1) for i in question.answer),
    }


class BlueprintForm(forms.Form):
    topic = forms.CharField(label="知识点", max_length=100)
    kind = forms.ChoiceField(label="题型", choices=QuestionKind.choices)
    count = forms.IntegerField(label="抽题数", min_value=1)
    points = forms.IntegerField(label="每题分值", min_value=1, initial=1)
