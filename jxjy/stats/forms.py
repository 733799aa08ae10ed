"""Forms of the statistics pages (parsing only; the services validate and write)."""

from __future__ import annotations

from django import forms

from .choices import AUTHORITY_ITEMS, UNIT_ITEMS, CommendationArticle, SampleKind


class SampleForm(forms.Form):
    kind = forms.ChoiceField(label="抽样对象", choices=SampleKind.choices)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    size = forms.IntegerField(label="样本量", min_value=1, max_value=500, initial=20)
    seed = forms.IntegerField(label="随机种子（留空自动生成）", min_value=0, required=False)


class ItemResultForm(forms.Form):
    result = forms.ChoiceField(label="检查结果", choices=[("passed", "合格"), ("failed", "不合格")])
    finding = forms.CharField(label="检查情况", max_length=500, required=False)


def _item_fields(form: forms.Form, catalogue: list[tuple[str, str]]) -> None:
    for code, label in catalogue:
        form.fields[f"{code}_passed"] = forms.BooleanField(label=label, required=False, initial=True)
        form.fields[f"{code}_note"] = forms.CharField(label="情况说明", max_length=300, required=False)


class AssessmentForm(forms.Form):
    year = forms.IntegerField(label="考核年度", min_value=2000, max_value=2100)
    target = forms.IntegerField(label="考核对象", widget=forms.Select)
    # The range is the rule set's (常人社发〔2011〕11号 第二十三条: 1%—2%), checked by the service with its citation.
    quota_cut_percent = forms.DecimalField(label="优秀比例核减（%，不合格时按所在地区规定的幅度填写）", required=False,
                                           min_value=0, max_value=99, decimal_places=1)

    def __init__(self, *args: object, kind: str, targets: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.kind = kind
        self.fields["target"].widget.choices = targets  # type: ignore[attr-defined]
        self.fields["target"].label = "行业主管部门" if kind == "authority" else "单位"
        if kind == "authority":
            del self.fields["quota_cut_percent"]
        self.catalogue = AUTHORITY_ITEMS if kind == "authority" else UNIT_ITEMS
        _item_fields(self, self.catalogue)

    def items(self) -> dict[str, tuple[bool, str]]:
        data = self.cleaned_data
        return {code: (bool(data.get(f"{code}_passed")), data.get(f"{code}_note") or "") for code, _ in self.catalogue}

    def item_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"{code}_passed"], self[f"{code}_note"]) for code, _ in self.catalogue]


class CommendationForm(forms.Form):
    article = forms.ChoiceField(label="依据条款", choices=CommendationArticle.choices)
    person_name = forms.CharField(label="受表彰个人（可空）", max_length=50, required=False)
    reason = forms.CharField(label="表彰事由", max_length=500)
