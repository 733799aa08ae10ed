"""The credit scheme and the other numbers of this app, read from credit_scheme.toml (data, not code)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

SCHEME_PATH = Path(__file__).with_name("credit_scheme.toml")


@dataclass(frozen=True)
class Grade:
    grade: str
    label: str
    min: Decimal


@dataclass(frozen=True)
class CreditScheme:
    base_score: Decimal
    min_score: Decimal
    max_score: Decimal
    window_years: int
    revoked_cap: str
    points: dict[str, Decimal]
    grades: tuple[Grade, ...]
    validity_years: int
    reminder_days_before: tuple[int, ...]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CreditScheme:
        grades = tuple(sorted((Grade(g["grade"], g["label"], Decimal(str(g["min"]))) for g in data["grades"]),
                              key=lambda g: g.min, reverse=True))
        if not grades or grades[-1].min > Decimal(data["min_score"]):
            raise ValueError("信用等级方案必须覆盖最低分")
        return cls(
            base_score=Decimal(str(data["base_score"])),
            min_score=Decimal(str(data["min_score"])),
            max_score=Decimal(str(data["max_score"])),
            window_years=int(data["window_years"]),
            revoked_cap=str(data["revoked_cap"]),
            points={k: Decimal(str(v)) for k, v in data["points"].items()},
            grades=grades,
            validity_years=int(data["accreditation"]["validity_years"]),
            reminder_days_before=tuple(int(d) for d in data["accreditation"]["reminder_days_before"]),
        )

    def grade_for(self, score: Decimal) -> Grade:
        for grade in self.grades:
            if score >= grade.min:
                return grade
        return self.grades[-1]

    def grade_named(self, name: str) -> Grade:
        return next(g for g in self.grades if g.grade == name)

    def default_points(self, kind: str) -> Decimal:
        if kind not in self.points:
            raise KeyError(f"信用等级方案没有“{kind}”类事件的分值")
        return self.points[kind]


@cache
def scheme() -> CreditScheme:
    with SCHEME_PATH.open("rb") as f:
        return CreditScheme.from_dict(tomllib.load(f))
