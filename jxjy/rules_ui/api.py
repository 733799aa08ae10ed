"""HTTP face of the rules engine: the same schema and evaluator as the library and the CLI."""

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router

from jxjy import rules
from jxjy.core.bounds import ShortStr

router = Router(tags=["规则"])


def _schema(model: Any) -> dict[str, Any]:
    """The model's JSON schema with its `$defs` written in place, so every reference resolves inside the
    OpenAPI document (the engine's models are not ninja schemas, so they are not among its components)."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                rest = {k: v for k, v in node.items() if k != "$ref"}
                return {**inline(defs[ref.removeprefix("#/$defs/")]), **inline(rest)}
            return {k: inline(v) for k, v in node.items()}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    return dict(inline(schema))


@router.get("", auth=None, summary="规则集列表", response=list[dict[str, Any]])
def list_rulesets(request: HttpRequest) -> list[dict[str, Any]]:
    return rules.list_rulesets()


@router.post(
    "/{ruleset_id}/check",
    auth=None,
    summary="按规则集核验一个案例，返回逐条说明的结论",
    openapi_extra={
        "requestBody": {"required": True, "content": {"application/json": {"schema": _schema(rules.Case)}}},
        "responses": {
            "200": {"description": "结论", "content": {"application/json": {"schema": _schema(rules.Verdict)}}},
            "404": {"description": "规则集不存在"},
            "422": {"description": "输入无效：detail 为一行说明，field 指出出错的字段"},
        },
    },
)
def check_case(request: HttpRequest, ruleset_id: ShortStr) -> HttpResponse:
    try:
        verdict = rules.evaluate(request.body.decode("utf-8", errors="replace"), ruleset_id)
    except rules.UnknownRuleset:
        return _json({"detail": f"规则集不存在：{ruleset_id}", "field": "ruleset"}, 404)
    except rules.CaseError as exc:
        return _json(
            {
                "detail": str(exc),
                "field": exc.field,
                "errors": [{"field": f, "message": m} for f, m in exc.errors],
            },
            422,
        )
    return _json(verdict, 200)


def _json(body: Any, status: int) -> HttpResponse:
    return HttpResponse(json.dumps(body, ensure_ascii=False), status=status, content_type="application/json")
