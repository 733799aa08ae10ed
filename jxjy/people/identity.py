"""Resident identity numbers (居民身份证号码, GB 11643-1999): validation, derived facts, masking."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_PATTERN = re.compile(r"^\d{17}[\dX]$")


class InvalidIdentityNumber(ValueError):
    """The number is not a valid 18-character identity number; the message says why, in Chinese."""


@dataclass(frozen=True)
class IdentityFacts:
    number: str
    birth_date: dt.date
    sex: str  # "M" or "F"


def check_digit(first17: str) -> str:
    return _CHECK[sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def parse_identity_number(raw: str) -> IdentityFacts:
    number = (raw or "").strip().upper()
    if len(number) != 18:
        raise InvalidIdentityNumber("身份证号码应为18位")
    if not _PATTERN.match(number):
        raise InvalidIdentityNumber("身份证号码前17位必须是数字，最后一位是数字或X")
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidIdentityNumber("身份证号码中的出生日期无效") from None
    if birth.year < 1900:
        raise InvalidIdentityNumber("身份证号码中的出生日期无效")
    if check_digit(number[:17]) != number[17]:
        raise InvalidIdentityNumber("身份证号码校验位错误")
    sex = "M" if int(number[16]) % 2 == 1 else "F"
    return IdentityFacts(number=number, birth_date=birth, sex=sex)


def mask_identity_number(number: str) -> str:
    """`35010219900101123X` → `350102***********X`: only the region code (first 6) and the check digit.

    The birth date (digits 7–14) and the sequence code (15–17, whose last digit gives the sex) are
    hidden. With the old mask (`350102********123X`) the birth date shown beside it rebuilt the whole
    number; now, knowing the region, the check digit and the sex, some 45,000 possible birth dates ×
    500 sequence codes ÷ 11 check digits leave about a million candidate numbers. Roles that may not
    see the full number are therefore shown no birth date, not even the year: year + sex + region +
    check digit still leaves only about 16,600 candidates (365 days × 500 sequences ÷ 11), which the
    look-ups that accept identity numbers (batch gate checks take 10,000 at a time) could try.
    """
    if len(number) < 8:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 7) + number[-1:]


def make_identity_number(region_code: str, birth: dt.date, sequence: int, sex: str) -> str:
    """Builds a valid number (used by the demo data and the tests)."""
    seq = sequence % 100 * 10 + (1 if sex == "M" else 0) + (sequence // 100 % 5) * 2
    seq = seq % 1000
    if (seq % 2 == 1) != (sex == "M"):
        seq = (seq + 1) % 1000
    first17 = f"{region_code}{birth:%Y%m%d}{seq:03d}"
    return first17 + check_digit(first17)
