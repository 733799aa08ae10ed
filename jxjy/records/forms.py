from __future__ import annotations

from django import forms
from django.utils import timezone

from .choices import (
    CreditClass,
    ExemptionReason,
    GatePurpose,
    LearningForm,
    Subject,
    ViolationConsequence,
    ViolationKind,
)
from .services.learning import DECLARABLE_FORMS


class DeclareForm(forms.Form):
    id_number = forms.CharField(label="身份证号码", max_length=18, required=False, help_text="单位登记时填写本单位人员的身份证号码")
    date = forms.DateField(label="学习日期", widget=forms.DateInput(attrs={"type": "date"}))
    subject = forms.ChoiceField(label="科目", choices=Subject.choices)
    form = forms.ChoiceField(label="形式", choices=[c for c in LearningForm.choices if c[0] in DECLARABLE_FORMS])
    course = forms.CharField(label="项目名称", max_length=200)
    hours = forms.DecimalField(label="学时", required=False, min_value=0, max_digits=6, decimal_places=1)
    credits = forms.DecimalField(label="学分", required=False, min_value=0, max_digits=6, decimal_places=1)
    credit_class = forms.ChoiceField(label="学分类别", choices=[("", "—"), *CreditClass.choices], required=False)
    description = forms.CharField(label="情况说明", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    paper_confirmation_no = forms.CharField(label="论文确认编号", required=False)
    paper_confirmed_on = forms.DateField(label="论文确认日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    make_up_for_year = forms.IntegerField(label="补课所属年度", required=False, min_value=2000)
    evidence = forms.FileField(label="佐证材料", required=False)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "通过"), ("reject", "不通过")])
    reason = forms.CharField(label="意见", max_length=300, required=False)


class BatchCreateForm(forms.Form):
    year = forms.IntegerField(label="验证年度", min_value=2000, initial=lambda: timezone.localdate().year - 1,
                              error_messages={"min_value": "验证年度不能早于 2000 年", "invalid": "验证年度应为四位年份"})

    def clean_year(self) -> int:
        year = int(self.cleaned_data["year"])
        this_year = timezone.localdate().year
        if year > this_year:
            raise forms.ValidationError(f"验证年度不能晚于今年（{this_year}年）：{year}年度尚未到来")
        return year


class DecideForm(forms.Form):
    decision = forms.ChoiceField(choices=[("verify", "验证通过"), ("reject", "不予验证")])
    reason = forms.CharField(label="原因", max_length=300, required=False)
    override_reason = forms.CharField(label="未达标仍予验证的理由", max_length=300, required=False)
    exemption = forms.IntegerField(label="所依延期情形", required=False, min_value=1)


class SlotForm(forms.Form):
    year = forms.IntegerField(label="验证年度", min_value=2000)
    starts_at = forms.DateTimeField(label="开始时间", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    ends_at = forms.DateTimeField(label="结束时间", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    capacity = forms.IntegerField(label="可预约单位数", min_value=1)
    place = forms.CharField(label="地点", required=False)


class ExemptionForm(forms.Form):
    id_number = forms.CharField(label="身份证号码", max_length=18)
    reason = forms.ChoiceField(label="情形", choices=ExemptionReason.choices)
    first_year = forms.IntegerField(label="起始年度")
    last_year = forms.IntegerField(label="截止年度")
    note = forms.CharField(label="说明", required=False)


class GateForm(forms.Form):
    purpose = forms.ChoiceField(label="事项", choices=GatePurpose.choices)
    year = forms.IntegerField(label="年度", min_value=2000, initial=lambda: timezone.localdate().year)
    to_title = forms.CharField(label="申报职称", required=False)
    id_numbers = forms.CharField(label="身份证号码（每行一个，最多10000个）", widget=forms.Textarea(attrs={"rows": 5}))


class ViolationForm(forms.Form):
    kind = forms.ChoiceField(label="违规情形", choices=ViolationKind.choices)
    consequence = forms.ChoiceField(label="处理", choices=ViolationConsequence.choices)
    occurred_on = forms.DateField(label="发生日期", widget=forms.DateInput(attrs={"type": "date"}))
    description = forms.CharField(label="情况", required=False)


class FraudForm(forms.Form):
    year = forms.IntegerField(label="取消资格年度", min_value=2000)
    description = forms.CharField(label="情况", max_length=500)
    record = forms.IntegerField(label="涉及学习记录编号", required=False)


class MakeUpForm(forms.Form):
    year = forms.IntegerField(label="核定年度", min_value=2000)


class DirectForm(forms.Form):
    source_ref = forms.CharField(label="调训班次（批准号）", max_length=64)
    id_numbers = forms.CharField(label="合格人员身份证号码（每行一个）", widget=forms.Textarea(attrs={"rows": 4}))


class TeacherForm(forms.Form):
    id_number = forms.CharField(label="教师身份证号码", max_length=18)
    year = forms.IntegerField(label="年度（周期验证填周期起始年度）", min_value=2000)
