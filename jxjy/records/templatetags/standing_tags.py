"""Template filters for a person's standing in a list: `{{ p|standing_text }}` and friends."""

from __future__ import annotations

from django import template

from jxjy.people.models import Professional
from jxjy.records import standing_lists
from jxjy.records.models import StandingVerdict

register = template.Library()

_BADGE: dict[str, str] = {StandingVerdict.MET: "ok", StandingVerdict.SHORT: "bad", StandingVerdict.UNKNOWN: "warn"}


@register.filter
def standing_text(person: Professional) -> str:
    return standing_lists.standing_text(person)


@register.filter
def standing_progress(person: Professional) -> str:
    return standing_lists.standing_progress(person)


@register.filter
def standing_badge(person: Professional) -> str:
    """The badge class of the verdict ("" for 未计算)."""
    return _BADGE.get(str(getattr(person, "standing_verdict", None) or ""), "")
