from __future__ import annotations

from django import forms

from jxjy.rules import procedure_catalogue

from .overrides import plain_description


def _required(label: str) -> dict[str, str]:
    return {"required": f"请填写{label}", "invalid": f"{label}格式不正确"}


class ProcedureOverrideForm(forms.Form):
    """Set, replace (same start date) or end a bureau's override of one procedural parameter."""

    name = forms.ChoiceField(label="参数", error_messages={"required": "请选择参数", "invalid_choice": "不是本系统的程序参数"})
    action = forms.ChoiceField(label="操作", choices=[("set", "设定调整值"), ("end", "终止调整，恢复原规定")],
                               initial="set", error_messages={"required": "请选择操作", "invalid_choice": "操作不正确"})
    value = forms.CharField(label="调整值", required=False, max_length=300,
                            help_text="数字填数字；是否类填“是”或“否”；方式、机关类填原规定一栏所列名称之一；列表类用逗号分隔",
                            error_messages={"max_length": "不能超过300个字"})
    valid_from = forms.DateField(label="起始日期", error_messages=_required("起始日期"),
                                 widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label="调整理由", max_length=300, widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "请填写调整的理由（将与原规定一并显示）",
                                             "max_length": "不能超过300个字"})

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["name"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "请选择")] + [(n, plain_description(s.description)) for n, s in procedure_catalogue().items()]
