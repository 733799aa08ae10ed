"""Querysets of one scope: people, recognised records of a year, held classes and their trainees,
standings (达标情况) of a year. Every figure is an aggregate over one of these."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import CharField, Count, Expression, F, Q, QuerySet, Value
from django.db.models.functions import Cast, Substr

from jxjy.people.models import Professional
from jxjy.records.choices import RecordStatus
from jxjy.records.models import LearningRecord, Standing, StandingKind, StandingVerdict
from jxjy.regions.models import Region, RegionLevel
from jxjy.training.choices import ClassStatus
from jxjy.training.models import Enrolment, TrainingClass

from ..scope import Scope

# Classes that took place (approved and after): counted in the year they start.
HELD = (ClassStatus.APPROVED, ClassStatus.RECOGNITION_SUBMITTED, ClassStatus.RECOGNISED)
OWN_LEVEL = "（本级）"


def people(scope: Scope) -> QuerySet[Professional]:
    return Professional.objects.filter(scope.people_q())


def records(scope: Scope, year: int | None = None) -> QuerySet[LearningRecord]:
    """Recognised records of the scope's people, in the year they were learnt (not the make-up year)."""
    qs = LearningRecord.objects.filter(scope.people_q("professional__"), status=RecordStatus.RECOGNISED)
    return qs.filter(year=year) if year is not None else qs


def standings(scope: Scope, year: int) -> QuerySet[Standing]:
    """The annual standings of `year` of the scope's people, read live (kept current by every change
    in `records.services.standings`)."""
    return Standing.objects.filter(scope.standing_q(), kind=StandingKind.ANNUAL, end_year=year)


# The compliance counts of a group of standings (one aggregate / GROUP BY): `evaluated` = people with a
# standing, the denominator of the rate, as in `records.standing_selectors.standing_counts`.
STANDING_COUNTS = {
    "evaluated": Count("pk"),
    "compliant": Count("pk", filter=Q(verdict=StandingVerdict.MET)),
    "short": Count("pk", filter=Q(verdict=StandingVerdict.SHORT)),
    "unknown": Count("pk", filter=Q(verdict=StandingVerdict.UNKNOWN)),
}


def classes(scope: Scope, year: int | None = None) -> QuerySet[TrainingClass]:
    """Held classes: of providers in the region (and sector); for a unit, the classes its people attended."""
    qs = TrainingClass.objects.filter(status__in=HELD)
    if year is not None:
        qs = qs.filter(start_date__year=year)
    if scope.unit_id is not None:
        return qs.filter(pk__in=Enrolment.objects.filter(professional__unit_id=scope.unit_id).values("training_class_id"))
    qs = qs.filter(provider__region__path__startswith=scope.region.path)
    if scope.sector:
        qs = qs.filter(provider__supervising_authority__sector=scope.sector)
    return qs


def enrolments(scope: Scope, year: int | None = None) -> QuerySet[Enrolment]:
    qs = Enrolment.objects.filter(training_class__in=classes(scope, year))
    if scope.unit_id is not None:
        qs = qs.filter(professional__unit_id=scope.unit_id)
    return qs


def by_unit(scope: Scope) -> bool:
    """Whether the scope breaks down by unit (a county, or a unit) rather than by sub-region."""
    return scope.region.level == RegionLevel.COUNTY or scope.unit_id is not None


def area_expr(scope: Scope, prefix: str = "", *, path: str = "region__path") -> Expression:
    """The expression grouping rows by the scope region's next level down (by unit in a county or a
    unit). `path` names the region path reached through `prefix`; on a standing it is the stored
    `region_path`, and a child's rows are those whose path starts with the child's (same length)."""
    if by_unit(scope):
        return Cast(F(f"{prefix}unit_id"), CharField())
    return Substr(F(f"{prefix}{path}"), 1, len(scope.region.path) + 7)


def area_labels(scope: Scope) -> dict[Any, str]:
    """The labels of `area_expr`'s values (one query)."""
    if by_unit(scope):
        return {str(pk): name for pk, name in people(scope).values_list("unit_id", "unit__name").distinct()}
    labels = {child.path: child.name for child in Region.objects.filter(parent=scope.region)}
    labels[scope.region.path] = OWN_LEVEL
    return labels


def area_key(scope: Scope, prefix: str = "") -> tuple[Expression, dict[Any, str]]:
    """`area_expr` over `prefix`'s region path with its labels."""
    return area_expr(scope, prefix), area_labels(scope)


def constant_key() -> Expression:
    return Value("all", output_field=CharField())


def number(value: Any) -> float | int:
    """JSON-able numbers: Decimals become floats rounded to one decimal, None becomes 0."""
    if value is None:
        return 0
    if isinstance(value, Decimal):
        return round(float(value), 1)
    return value


def rate(part: int | float, whole: int | float) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0
