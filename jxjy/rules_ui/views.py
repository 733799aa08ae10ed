from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jxjy import rules
from jxjy.core.errors import ApplicationError
from jxjy.people.choices import HealthFacility, Level, Series

from .cases import FORMS, SUBJECTS, case_from_form, records_from_upload

DEFAULT_ROWS = 6
MAX_ROWS = 200


@login_required
def check_view(request: HttpRequest) -> HttpResponse:
    rulesets = rules.list_rulesets()
    data = request.POST if request.method == "POST" else _defaults(request)
    row_count = min(MAX_ROWS, max(DEFAULT_ROWS, _int(data.get("rows")) or DEFAULT_ROWS))
    if request.method == "POST" and "add_row" in request.POST:
        row_count = min(MAX_ROWS, row_count + 1)
    verdict: dict[str, Any] | None = None
    error: str | None = None
    case: dict[str, Any] | None = None
    if request.method == "POST" and "add_row" not in request.POST:
        try:
            case = case_from_form(request.POST, row_count)
            upload = request.FILES.get("file")
            if upload is not None:
                loaded = records_from_upload(upload.name or "", upload.read())
                if isinstance(loaded, dict):
                    case = loaded
                else:
                    case["records"].extend(loaded)
            verdict = rules.evaluate(case, request.POST.get("ruleset", ""))
        except ApplicationError as exc:
            error = exc.message
        except rules.UnknownRuleset:
            error = "请选择规则集"
        except rules.CaseError as exc:
            error = f"输入有误：{exc}"
    return render(
        request,
        "rules_ui/check.html",
        {
            "rulesets": rulesets,
            "data": data,
            "rows": [(i, {k.split("-", 1)[1]: v for k, v in data.items() if k.startswith(f"r{i}-")}) for i in range(row_count)],
            "row_count": row_count,
            "verdict": verdict,
            "error": error,
            "case_json": json.dumps(case, ensure_ascii=False, indent=1) if case else "",
            "series_choices": Series.choices,
            "level_choices": Level.choices,
            "facility_choices": HealthFacility.choices,
            "subjects": SUBJECTS,
            "forms": FORMS,
        },
    )


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _defaults(request: HttpRequest) -> dict[str, Any]:
    """A professional's own profile and region rule set fill the form to begin with."""
    from django.utils import timezone

    defaults: dict[str, Any] = {"kind": "annual", "year": str(timezone.localdate().year)}
    person = getattr(request.user, "professional", None)
    if person is not None:
        defaults.update(
            series=person.series,
            level=person.level,
            title=person.title.name if person.title else "",
            health_facility=person.health_facility,
            ruleset=person.region.effective_ruleset_id(),
        )
    else:
        region = getattr(request.user, "region", None)
        if region is not None:
            defaults["ruleset"] = region.effective_ruleset_id()
    return defaults
