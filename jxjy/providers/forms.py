"""Forms of the providers pages: they parse input only; services validate and write."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from jxjy.people.choices import Series
from jxjy.records.choices import LearningForm, Subject

from .choices import CreditEventKind, Employment, FeeBasis, InspectionOutcome, TeacherStatus, Tier
from .models import INSPECTION_ITEMS

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _class_types() -> list[tuple[str, str]]:
    try:
        from jxjy.training.choices import ClassType

        return [(str(v), str(label)) for v, label in ClassType.choices]
    except ImportError:  # pragma: no cover
        return [("training", "培训班")]


class ApplicationForm(forms.Form):
    tier = forms.ChoiceField(label="申报级别", choices=Tier.choices)
    scope_series = forms.MultipleChoiceField(label="办学范围：系列", choices=Series.choices, required=False,
                                             widget=forms.CheckboxSelectMultiple, help_text="不选表示不限系列")
    scope_subjects = forms.MultipleChoiceField(label="办学范围：科目", choices=Subject.choices,
                                               widget=forms.CheckboxSelectMultiple)
    scope_forms = forms.MultipleChoiceField(label="办学范围：培训形式", choices=LearningForm.choices[:5],
                                            widget=forms.CheckboxSelectMultiple)
    facilities = forms.CharField(label="教学设施", widget=forms.Textarea(attrs={"rows": 3}), max_length=3000)
    places = forms.CharField(label="培训场所", widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)
    full_time_teachers = forms.IntegerField(label="专职教师人数", min_value=0)
    part_time_teachers = forms.IntegerField(label="兼职教师人数", min_value=0)
    management_rules = forms.CharField(label="管理制度", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label="审核结论", choices=[("accredit", "认定授牌"), ("return", "退回修改"),
                                                            ("reject", "不予认定")])
    valid_from = forms.DateField(label="有效期起", required=False, widget=_DATE)
    valid_to = forms.DateField(label="有效期至", required=False, widget=_DATE,
                               help_text="不填则按3年计")
    comment = forms.CharField(label="审核意见", required=False, max_length=500)


class InspectionForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    inspected_on = forms.DateField(label="检查日期", widget=_DATE)
    findings = forms.CharField(label="评估意见", widget=forms.Textarea(attrs={"rows": 3}), max_length=3000)
    outcome = forms.ChoiceField(label="结论", choices=InspectionOutcome.choices)
    rectification_deadline = forms.DateField(label="整改期限", required=False,
                                             widget=_DATE)
    rectification_requirements = forms.CharField(label="整改要求", required=False, max_length=3000,
                                                 widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for field, label in INSPECTION_ITEMS:
            self.fields[field] = forms.DecimalField(label=f"{label}（0–20分）", min_value=Decimal(0),
                                                    max_value=Decimal(20), decimal_places=1)
        self.order_fields(["year", "inspected_on", *(f for f, _ in INSPECTION_ITEMS), "findings", "outcome"])

    def scores(self) -> dict[str, Decimal]:
        return {f: self.cleaned_data[f] for f, _ in INSPECTION_ITEMS}


class ScopeCheckForm(forms.Form):
    class_type = forms.ChoiceField(label="办班类型", choices=_class_types)
    series = forms.MultipleChoiceField(label="培训对象系列", choices=Series.choices, required=False,
                                       widget=forms.CheckboxSelectMultiple, help_text="不选表示面向全部系列")
    subject = forms.ChoiceField(label="科目", choices=Subject.choices)
    form = forms.ChoiceField(label="培训形式", choices=LearningForm.choices[:5])
    total_hours = forms.DecimalField(label="培训学时", min_value=Decimal("0.5"), decimal_places=1)
    fee_per_person = forms.DecimalField(label="收费（元/人）", required=False, min_value=Decimal(0), decimal_places=2)
    fee_licence_no = forms.CharField(label="收费许可证号", required=False, max_length=60)
    on = forms.DateField(label="开班日期", widget=_DATE)


class FeeStandardForm(forms.Form):
    document_no = forms.CharField(label="文号", max_length=60)
    title = forms.CharField(label="文件名称", max_length=200)
    valid_from = forms.DateField(label="施行日期", widget=_DATE)
    valid_to = forms.DateField(label="废止日期", required=False, widget=_DATE)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for value, label in _class_types():
            self.fields[f"basis_{value}"] = forms.ChoiceField(label=f"{label} 计费方式", required=False,
                                                              choices=[("", "不收费/未规定"), *FeeBasis.choices])
            self.fields[f"amount_{value}"] = forms.DecimalField(label=f"{label} 上限（元）", required=False,
                                                                min_value=Decimal(0), decimal_places=2)

    def caps(self) -> list[tuple[str, str, Decimal]]:
        out = []
        for value, _ in _class_types():
            basis, amount = self.cleaned_data.get(f"basis_{value}"), self.cleaned_data.get(f"amount_{value}")
            if basis and amount is not None:
                out.append((value, basis, amount))
        return out


class TeacherForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    employment = forms.ChoiceField(label="专兼职", choices=Employment.choices)
    title = forms.CharField(label="职称", max_length=50)
    unit = forms.CharField(label="工作单位", max_length=100)
    specialties = forms.CharField(label="专长领域", max_length=200, help_text="多个用逗号分隔")
    courses_taught = forms.CharField(label="主讲课程", required=False, max_length=2000,
                                     widget=forms.Textarea(attrs={"rows": 2}))
    resume = forms.CharField(label="简历", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    shared = forms.BooleanField(label="本人同意共享（其他施教机构可聘请）", required=False)


class TeacherStatusForm(forms.Form):
    status = forms.ChoiceField(label="状态", choices=TeacherStatus.choices)
    shared = forms.BooleanField(label="同意共享", required=False)


class TeacherTrainingForm(forms.Form):
    start_date = forms.DateField(label="开始日期", widget=_DATE)
    end_date = forms.DateField(label="结束日期", widget=_DATE)
    days = forms.IntegerField(label="天数", min_value=1)
    content = forms.CharField(label="培训内容", max_length=200)
    organiser = forms.CharField(label="举办单位", max_length=100)


class CreditEventForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=CreditEventKind.choices)
    occurred_on = forms.DateField(label="发生日期", widget=_DATE)
    source = forms.CharField(label="来源", max_length=200)
    description = forms.CharField(label="说明", max_length=500)
    points = forms.DecimalField(label="分值", required=False, decimal_places=1, help_text="不填则按信用等级方案的默认分值")


class EvaluationForm(forms.Form):
    content_score = forms.TypedChoiceField(label="课程内容", coerce=int, choices=[(i, i) for i in range(5, 0, -1)])
    organisation_score = forms.TypedChoiceField(label="组织管理", coerce=int, choices=[(i, i) for i in range(5, 0, -1)])
    overall_score = forms.TypedChoiceField(label="总体满意度", coerce=int, choices=[(i, i) for i in range(5, 0, -1)])
    comment = forms.CharField(label="意见建议", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: object, teachers: list | None = None, **kwargs: object) -> None:  # type: ignore[type-arg]
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.teachers = teachers or []
        for t in self.teachers:
            self.fields[f"teacher_{t.pk}"] = forms.TypedChoiceField(
                label=f"教师 {t.name} 教学效果", coerce=int, choices=[(i, i) for i in range(5, 0, -1)])

    def teacher_scores(self) -> dict[int, int]:
        return {t.pk: self.cleaned_data[f"teacher_{t.pk}"] for t in self.teachers}
