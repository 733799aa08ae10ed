"""Forms of the training pages: they parse input; the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms

from jxjy.core.validators import phone_validator
from jxjy.people.choices import Level, Series
from jxjy.records.choices import LearningForm, Subject

from .choices import ClassType, EvidenceKind, HalfDay, InspectionFinding

_DATE = forms.DateInput(attrs={"type": "date"})


class ClassApplicationForm(forms.Form):
    """《继续教育培训办班申请表》 (榕人专〔2009〕145号 附件1; 泉洛政人社[2017]27号 附件2)."""

    plan_item = forms.TypedChoiceField(label="年度计划项目", required=False, coerce=int, empty_value=None,
                                       help_text="不在已公布年度计划中的培训班将被标注")
    class_type = forms.ChoiceField(label="类型", choices=ClassType.choices)
    name = forms.CharField(label="培训班名称", max_length=150)
    start_date = forms.DateField(label="培训开始日期", widget=_DATE)
    end_date = forms.DateField(label="培训结束日期", widget=_DATE)
    place = forms.CharField(label="办班地点", max_length=200)
    contact = forms.CharField(label="联系人", max_length=50)
    phone = forms.CharField(label="联系电话", max_length=30, validators=[phone_validator])
    total_hours = forms.DecimalField(label="培训学时", min_value=0.5, max_digits=6, decimal_places=1)
    runs = forms.IntegerField(label="培训期数", min_value=1, initial=1)
    trainees_per_run = forms.IntegerField(label="每期培训人数", min_value=1)
    subject = forms.ChoiceField(label="科目", choices=Subject.choices)
    form = forms.ChoiceField(label="培训形式", choices=LearningForm.choices, initial=LearningForm.CENTRALIZED)
    target_series = forms.MultipleChoiceField(label="培训对象系列", choices=Series.choices, required=False,
                                              widget=forms.CheckboxSelectMultiple)
    target_levels = forms.MultipleChoiceField(label="培训对象级别", choices=Level.choices, required=False,
                                              widget=forms.CheckboxSelectMultiple)
    audience = forms.CharField(label="培训对象", max_length=200)
    target_region = forms.ChoiceField(
        label="培训对象所在地区", help_text="培训班面向哪一地区的专业技术人员；审核、公示和办班期限按该地区的规定办理")
    teaching_plan = forms.CharField(label="教学计划", widget=forms.Textarea(attrs={"rows": 4}))
    funding_source = forms.CharField(label="经费来源", max_length=100)
    charges_fee = forms.BooleanField(label="是否收费", required=False)
    fee_per_person = forms.DecimalField(label="收费标准（元/人）", required=False, min_value=0, decimal_places=2)
    fee_standard = forms.CharField(label="收费依据", max_length=200, required=False)
    fee_licence_no = forms.CharField(label="收费许可证号", max_length=60, required=False, help_text="收费的培训班须填写")
    pass_mark = forms.DecimalField(label="考试合格分数线", min_value=0, max_value=100, initial=60, decimal_places=1)

    def __init__(self, *args: Any, plan_items: Any = (), regions: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target_region"].choices = [(r.code, r.full_name) for r in regions]  # type: ignore[attr-defined]
        self.fields["plan_item"].choices = [("", "（不在年度计划内）")] + [  # type: ignore[attr-defined]
            (i.pk, f"{i.plan.year}年 {i.name}（{i.plan.get_status_display()}）") for i in plan_items]


class ScheduleRowForm(forms.Form):
    """One row of the 课程表 (泉洛政人社[2017]27号 附件3)."""

    date = forms.DateField(label="日期", widget=_DATE)
    half_day = forms.ChoiceField(label="时段", choices=[("", "—"), *HalfDay.choices])
    content = forms.CharField(label="授课内容", max_length=200)
    hours = forms.DecimalField(label="学时", min_value=0.5, max_value=4, decimal_places=1)
    teacher_name = forms.CharField(label="教师姓名", max_length=50)
    teacher_title = forms.CharField(label="职称", max_length=50)
    teacher_unit = forms.CharField(label="单位", max_length=100)


ScheduleFormSet = forms.formset_factory(ScheduleRowForm, extra=4, min_num=1, validate_min=True)


class ResumeForm(forms.Form):
    teacher_name = forms.CharField(label="教师姓名", max_length=50)
    file = forms.FileField(label="简历文件", help_text="PDF、Word 或图片，不超过 5 MB")


class UploadForm(forms.Form):
    file = forms.FileField(label="文件")


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label="材料类别", choices=EvidenceKind.choices)
    file = forms.FileField(label="文件", help_text="花名册/签到表：xlsx、pdf 或图片；讲义课件：pdf、Word、PPT；照片：jpg、png；不超过 10 MB")


class ObjectionForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    contact = forms.CharField(label="联系方式", max_length=100, help_text="电话或电子邮箱，仅供核实，不公开")
    reason = forms.CharField(label="异议理由", max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))


class InspectionForm(forms.Form):
    finding = forms.ChoiceField(label="检查结论", choices=InspectionFinding.choices)
    notes = forms.CharField(label="检查情况", widget=forms.Textarea(attrs={"rows": 3}))


class ExtensionForm(forms.Form):
    until = forms.DateField(label="延期至", widget=_DATE)
    reason = forms.CharField(label="延期理由", max_length=500)


class PlanItemForm(forms.Form):
    name = forms.CharField(label="项目名称", max_length=150)
    class_type = forms.ChoiceField(label="类型", choices=ClassType.choices, initial=ClassType.TRAINING)
    audience = forms.CharField(label="培训对象", max_length=200)
    hours = forms.DecimalField(label="学时", min_value=0.5, decimal_places=1)
    runs = forms.IntegerField(label="期数", min_value=1, initial=1)
    trainees = forms.IntegerField(label="每期人数", min_value=1)
    budget_source = forms.CharField(label="经费来源", max_length=100)


PlanItemFormSet = forms.formset_factory(PlanItemForm, extra=3, min_num=1, validate_min=True)
