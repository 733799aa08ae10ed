"""Checking a bureau's override value against the parameter's declaration in procedures.yaml
(type, choices, unit), with sane ranges for numbers, so a typo cannot reach a workflow."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from jxjy.core.errors import ApplicationError
from jxjy.rules import procedure_catalogue
from jxjy.rules.procedures import OPTIONAL_MARK, ProcedureSpec, ProcedureValue

# unit -> (lowest, highest, whole numbers only); a unit not listed gets 0–10000.
RANGES: dict[str, tuple[Decimal, Decimal, bool]] = {
    "月": (Decimal(1), Decimal(12), True),
    "工作日": (Decimal(0), Decimal(365), True),
    "天": (Decimal(0), Decimal(365), True),
    "年": (Decimal(0), Decimal(10), True),
    "比例": (Decimal(0), Decimal(1), False),
    "分钟": (Decimal(1), Decimal(120), False),
    "字/分钟": (Decimal(1), Decimal(2000), True),
    "学时": (Decimal(1), Decimal(24), False),
}
# How an officer reads (and may type) the choice values of procedures.yaml.
CHOICE_LABELS: dict[str, str] = {
    "continuous": "审核后即公示", "quarterly_first_week": "每季度第一周集中公示",
    "supervising_authority": "主管部门", "authority_or_region_bureau": "主管部门（无主管部门时为所在地人社局）",
    "region_bureau": "办班单位所在地人社局", "target_bureau": "培训对象所在地人社局",
    "city_bureau": "市人社局", "province_bureau": "省人社厅",
    "own_bureau": "单位所在地人社局", "county_or_authority": "县（市）区人社局（市直单位由主管部门）",
    "none": "无", "health": "卫生系列先经卫生主管部门初审",
    "industry_authority": "行业主管部门", "hr_bureau": "人社部门核准备案",
    "roster": "参训人员花名册", "sign_in": "签到表", "handout": "授课讲义、课件", "photo": "现场照片",
}
_BY_LABEL = {label: code for code, label in CHOICE_LABELS.items()}


_CODE_NOTE = re.compile(r"（[a-z_]{3,}.*）$|（[^（）]*[a-z_]{3,}[^（）]*）|（取值同上）")


def plain_description(description: str) -> str:
    """A catalogue description without its note on the data file's codes (the page shows names)."""
    return _CODE_NOTE.sub("", description)


def choice_label(code: str) -> str:
    optional = code.endswith(OPTIONAL_MARK)
    label = CHOICE_LABELS.get(code.removesuffix(OPTIONAL_MARK), code)
    return f"{label}（如有）" if optional else label


def _code(item: str) -> str:
    optional = item.endswith("（如有）")
    base = item.removesuffix("（如有）")
    code = _BY_LABEL.get(base, base)
    return code + OPTIONAL_MARK if optional else code


BOOL_WORDS = {"true": True, "是": True, "1": True, "false": False, "否": False, "0": False}


def spec_of(name: str) -> ProcedureSpec:
    spec = procedure_catalogue().get(name)
    if spec is None:
        raise ApplicationError("参数：不是本系统的程序参数", field="name")
    return spec


def parse_value(spec: ProcedureSpec, raw: str) -> ProcedureValue | list[str]:
    """The value typed into the form, as the workflows read it; refusals name the field."""
    text = raw.strip()
    if not text:
        raise ApplicationError("调整值：请填写", field="value")
    if spec.type == "bool":
        if text.lower() not in BOOL_WORDS:
            raise ApplicationError("调整值：请选择“是”或“否”", field="value")
        return BOOL_WORDS[text.lower()]
    if spec.type == "text":
        text = _code(text)
        if spec.choices and text not in spec.choices:
            raise ApplicationError(f"调整值：须为 {'、'.join(map(choice_label, spec.choices))} 之一", field="value")
        if len(text) > 100:
            raise ApplicationError("调整值：不能超过100个字", field="value")
        return text
    if spec.type == "list":
        items = [_code(item.strip()) for item in text.replace("，", ",").replace("；", ",").split(",") if item.strip()]
        unknown = [item for item in items if spec.choices and item.removesuffix(OPTIONAL_MARK) not in spec.choices]
        if unknown:
            raise ApplicationError(f"调整值：{'、'.join(unknown)} 不在可选项（{'，'.join(map(choice_label, spec.choices))}）之中",
                                   field="value")
        if not items or len(items) != len(set(items)):
            raise ApplicationError("调整值：请列出不重复的项目，用逗号分隔", field="value")
        return items
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ApplicationError(f"调整值：“{text[:20]}”不是数字", field="value") from None
    low, high, whole = RANGES.get(spec.unit, (Decimal(0), Decimal(10000), False))
    if not number.is_finite() or not low <= number <= high:
        raise ApplicationError(f"调整值：须在{low}至{high}{spec.unit}之间", field="value")
    if whole and number != number.to_integral_value():
        raise ApplicationError("调整值：须为整数", field="value")
    return int(number) if number == number.to_integral_value() else float(number)
