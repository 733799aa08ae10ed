"""The one place where inputs get their bounds before any work is done.

Every API operation declares its path, query and body values with these annotated types, so a
year, a page number or an id outside a sane range answers 422 naming the field, never a 500 from
an integer overflow in the database or a range built in memory. The request size and the nesting
depth of JSON bodies are bounded earlier, in `jxjy.core.middleware.RequestLimitsMiddleware`.
HTML pages use `page_number` and `year_or_none` to read the same bounds from query strings.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Schema
from ninja.pagination import PageNumberPagination
from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

MIN_YEAR = 1990
#: The schema's upper bound; the effective one is `max_year()` (next year), checked on every request.
SCHEMA_MAX_YEAR = 2100
#: Longest multi-year cycle a caller may ask about (the regulations use 3- and 5-year cycles).
MAX_CYCLE_YEARS = 10
MAX_ID = 2**31 - 1
MAX_PAGE = 100_000
MAX_PAGE_SIZE = 100
MAX_JSON_DEPTH = 32
SHORT_TEXT = 200
LONG_TEXT = 5000
#: Seconds, positions and the like: any finite value a player or a clock can honestly send.
MAX_SECONDS = 10_000_000.0


def max_year() -> int:
    """The latest year anyone may plan for or ask about: next year."""
    from django.utils import timezone

    return timezone.localdate().year + 1


def year_message() -> str:
    return f"年度应在{MIN_YEAR}至{max_year()}年之间"


def _year_in_range(value: int) -> int:
    if not MIN_YEAR <= value <= max_year():
        raise PydanticCustomError("year_range", year_message())
    return value


FUTURE_DATE_YEARS = 10  # dates may lie ahead (validity periods, plans): up to ten years from now


def _date_in_range(value: dt.date) -> dt.date:
    last = max_year() + FUTURE_DATE_YEARS
    if not MIN_YEAR <= value.year <= last:
        raise PydanticCustomError("date_range", f"日期应在{MIN_YEAR}年至{last}年之间")
    return value


Year = Annotated[int, Field(ge=MIN_YEAR, le=SCHEMA_MAX_YEAR, description="年度（1990年至次年）"),
                 AfterValidator(_year_in_range)]
BoundedDate = Annotated[dt.date, AfterValidator(_date_in_range)]
ObjectId = Annotated[int, Field(ge=1, le=MAX_ID)]
PageNumber = Annotated[int, Field(ge=1, le=MAX_PAGE)]
PageSize = Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)]
Count = Annotated[int, Field(ge=0, le=MAX_ID)]
BoundedFloat = Annotated[float, Field(allow_inf_nan=False, ge=-MAX_SECONDS, le=MAX_SECONDS)]
Seconds = Annotated[float, Field(allow_inf_nan=False, ge=0, le=MAX_SECONDS)]
ShortStr = Annotated[str, Field(max_length=SHORT_TEXT)]
LongStr = Annotated[str, Field(max_length=LONG_TEXT)]


def cycle_check(*, start: int, end: int | None, start_field: str = "year", end_field: str = "cycle_end") -> None:
    """A cycle runs forward and spans at most MAX_CYCLE_YEARS years (checked before any range is built)."""
    from .errors import ApplicationError

    if end is None:
        return
    if end < start:
        raise ApplicationError("周期结束年度不能早于起始年度", field=end_field)
    if end - start + 1 > MAX_CYCLE_YEARS:
        raise ApplicationError(f"周期最长{MAX_CYCLE_YEARS}年", field=end_field)


class Pagination(PageNumberPagination):
    """ninja's page-number pagination with the page number and size bounded."""

    class Input(Schema):
        page: PageNumber = 1
        page_size: PageSize | None = None


# --- the same bounds for HTML pages (query strings) -------------------------------------------------------


def _int_or_none(raw: str | None) -> int | None:
    raw = (raw or "").strip()
    if not raw or len(raw) > 40 or not raw.lstrip("-").isascii() or not raw.lstrip("-").isdigit():
        return None
    return int(raw)


def page_number(raw: str | None) -> int:
    """A page number from a query string, clamped to 1..MAX_PAGE (garbage reads as page 1)."""
    value = _int_or_none(raw)
    return 1 if value is None or value < 1 else min(value, MAX_PAGE)


def year_or_none(raw: str | None) -> int | None:
    """A year from a query string, or None when it is missing, not a number or out of range."""
    value = _int_or_none(raw)
    return value if value is not None and MIN_YEAR <= value <= max_year() else None


def id_or_none(raw: str | None) -> int | None:
    """An object id from a query string, or None when it is not one."""
    value = _int_or_none(raw)
    return value if value is not None and 1 <= value <= MAX_ID else None


# --- Chinese messages for pydantic's validation errors ---------------------------------------------------

_MESSAGES: dict[str, str] = {
    "missing": "必填",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "int_type": "应为整数",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "finite_number": "应为有限数值（不能是 NaN 或无穷大）",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "string_type": "应为文本",
    "list_type": "应为列表",
    "dict_type": "应为对象",
    "model_type": "应为对象",
    "model_attributes_type": "应为对象",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_inexact": "应为日期（YYYY-MM-DD）",
    "date_type": "应为日期（YYYY-MM-DD）",
    "datetime_parsing": "应为日期时间",
    "datetime_from_date_parsing": "应为日期时间",
    "datetime_type": "应为日期时间",
    "enum": "取值无效，可选：{expected}",
    "literal_error": "取值无效，可选：{expected}",
    "greater_than_equal": "应不小于{ge}",
    "greater_than": "应大于{gt}",
    "less_than_equal": "应不大于{le}",
    "less_than": "应小于{lt}",
    "string_too_long": "长度不能超过{max_length}个字符",
    "string_too_short": "长度不能少于{min_length}个字符",
    "too_long": "最多{max_length}项",
    "too_short": "至少{min_length}项",
    "decimal_max_digits": "数字位数过多（最多{max_digits}位）",
    "decimal_max_places": "小数位数过多（最多{decimal_places}位）",
    "decimal_whole_digits": "整数位数过多",
    "json_invalid": "不是有效的 JSON",
    "extra_forbidden": "不允许的字段",
}


def error_message(err: dict[str, Any]) -> str:
    """The Chinese message of one pydantic error (its own message when it is ours or unknown)."""
    template = _MESSAGES.get(str(err.get("type", "")))
    if template is None:
        return str(err.get("msg", "输入无效"))
    try:
        return template.format(**(err.get("ctx") or {}))
    except (KeyError, IndexError, ValueError):
        return template.split("{")[0].rstrip("：，") or str(err.get("msg", "输入无效"))
