"""Procedural parameters: the numbers (and modes) of the workflows around the requirements — how
far ahead a class is applied for, how long its notice runs, when verification rosters are due, how
long a deferral may last, how much a failed unit's "excellent" quota is cut.

The catalogue (``procedures.yaml``) names each parameter and gives the system's default, stated as
a default ("默认（default）：…"). A rule set's ``procedures:`` section gives, dated and cited, the
ones its document states. ``lookup`` answers with the value in force, its reference and whether it
is the default.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal, NamedTuple

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import RulesetDataError
from .parameters import number

CATALOGUE = Path(__file__).with_name("procedures.yaml")
DEFAULT_PREFIX = "默认（default）"

ProcedureValue = int | float | str | bool | tuple[str, ...] | None
OPTIONAL_MARK = "?"  # a list item ending in "?" is optional (e.g. "supervising_authority?": only if there is one)


class Procedure(NamedTuple):
    """A procedural parameter in force: ``(value, reference, is_default)``."""

    value: ProcedureValue
    reference: str
    is_default: bool


@dataclass(frozen=True, slots=True)
class DatedProcedure:
    start: dt.date
    value: ProcedureValue
    reference: str


@dataclass(frozen=True, slots=True)
class ProcedureSpec:
    name: str
    description: str
    unit: str
    type: str  # number | text | bool | list
    choices: tuple[str, ...]
    default: Procedure


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class _DefaultFile(_File):
    value: bool | int | float | str | list[str]
    reference: str = Field(min_length=1)


class _SpecFile(_File):
    description: str = Field(min_length=1)
    unit: str = Field(min_length=1)
    type: Literal["number", "text", "bool", "list"]
    choices: list[str] = []
    default: _DefaultFile


class ValueFile(_File):
    """One dated value in a rule set's ``procedures:`` section."""

    start: dt.date = Field(alias="from")
    value: bool | int | float | str | list[str] | None
    reference: str = Field(min_length=1)


def _coerce(spec_type: str, choices: tuple[str, ...], raw: Any, where: str) -> ProcedureValue:
    if raw is None:
        return None
    if spec_type == "bool":
        if not isinstance(raw, bool):
            raise RulesetDataError(f"{where}: must be true or false, not {raw!r}")
        return raw
    if spec_type == "list":
        if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
            raise RulesetDataError(f"{where}: must be a list of {', '.join(choices)}, not {raw!r}")
        unknown = [item for item in raw if choices and item.removesuffix(OPTIONAL_MARK) not in choices]
        if unknown:
            raise RulesetDataError(f"{where}: {', '.join(unknown)} not among {', '.join(choices)}")
        return tuple(raw)
    if isinstance(raw, list):
        raise RulesetDataError(f"{where}: must be a single value, not a list")
    if spec_type == "text":
        if not isinstance(raw, str) or (choices and raw not in choices):
            raise RulesetDataError(f"{where}: must be one of {', '.join(choices)}, not {raw!r}")
        return raw
    if isinstance(raw, bool):
        raise RulesetDataError(f"{where}: must be a number, not {raw!r}")
    try:
        return number(Fraction(raw))
    except (ValueError, ZeroDivisionError):
        raise RulesetDataError(f"{where}: {raw!r} is not a number") from None


@functools.cache
def catalogue() -> dict[str, ProcedureSpec]:
    """Every procedural parameter, with its default."""
    raw = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    out: dict[str, ProcedureSpec] = {}
    for name, body in raw.items():
        try:
            spec = _SpecFile.model_validate(body)
        except ValidationError as exc:
            raise RulesetDataError(f"{CATALOGUE.name}: {name}: {exc}") from None
        if not spec.default.reference.startswith(DEFAULT_PREFIX):
            raise RulesetDataError(f"{CATALOGUE.name}: {name}: a default's reference starts with {DEFAULT_PREFIX}")
        choices = tuple(spec.choices)
        value = _coerce(spec.type, choices, spec.default.value, f"{CATALOGUE.name}: {name}")
        out[name] = ProcedureSpec(name, spec.description, spec.unit, spec.type, choices,
                                  Procedure(value, spec.default.reference, True))
    return out


def compile_section(raw: dict[str, list[ValueFile]], where: str) -> dict[str, tuple[DatedProcedure, ...]]:
    """Check a rule set's ``procedures:`` section against the catalogue."""
    known = catalogue()
    out: dict[str, tuple[DatedProcedure, ...]] = {}
    for name, entries in raw.items():
        spec = known.get(name)
        if spec is None:
            raise RulesetDataError(f"{where}: procedure {name!r} is not in {CATALOGUE.name}; known: {', '.join(known)}")
        if not entries:
            raise RulesetDataError(f"{where}: procedure {name}: no values")
        starts = [e.start for e in entries]
        if starts != sorted(set(starts)):
            raise RulesetDataError(f"{where}: procedure {name}: dates must be strictly increasing")
        values = []
        for entry in entries:
            if entry.reference.startswith(DEFAULT_PREFIX):
                raise RulesetDataError(
                    f"{where}: procedure {name}: a rule set states only what its document states; "
                    f"defaults live in {CATALOGUE.name}"
                )
            value = _coerce(spec.type, spec.choices, entry.value, f"{where}: procedure {name}")
            values.append(DatedProcedure(entry.start, value, entry.reference.strip()))
        out[name] = tuple(values)
    return out


def lookup(section: dict[str, tuple[DatedProcedure, ...]] | None, name: str, on: dt.date) -> Procedure:
    """The value in force on ``on``: the rule set's own (cited), else the catalogue's default."""
    spec = catalogue().get(name)
    if spec is None:
        raise KeyError(f"unknown procedural parameter {name!r}; known: {', '.join(catalogue())}")
    in_force: DatedProcedure | None = None
    for entry in (section or {}).get(name, ()):
        if entry.start <= on:
            in_force = entry
        else:
            break
    if in_force is None:
        return spec.default
    return Procedure(in_force.value, in_force.reference, False)
