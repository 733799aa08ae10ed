"""Checking a bureau's override value against the parameter's declaration in procedures.yaml
(type, choices, unit), with sane ranges for numbers, so a typo cannot reach a workflow."""

from __future__ import annotations

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
        if spec.choices and text not in spec.choices:
            raise ApplicationError(f"调整值：须为 {'、'.join(spec.choices)} 之一", field="value")
        if len(text) > 100:
            raise ApplicationError("调整值：不能超过100个字", field="value")
        return text
    if spec.type == "list":
        items = [item.strip() for item in text.replace("，", ",").replace("、", ",").split(",") if item.strip()]
        unknown = [item for item in items if spec.choices and item.removesuffix(OPTIONAL_MARK) not in spec.choices]
        if unknown:
            raise ApplicationError(f"调整值：{'、'.join(unknown)} 不在可选项（{'、'.join(spec.choices)}）之中",
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
