"""The JSON API under /api/v1/, with its OpenAPI schema at /api/v1/openapi.json and docs at /api/v1/docs."""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as ModelValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import django_auth

from jxjy.core.bounds import error_message
from jxjy.core.errors import ApplicationError
from jxjy.tokens.auth import token_auth

api = NinjaAPI(
    title="继续教育管理系统 API",
    version="1.0.0",
    description=(
        "专业技术人员继续教育管理系统的接口。所有数据按当前用户的管辖范围过滤；范围外的对象返回 404。\n\n"
        "认证方式二选一：浏览器登录会话（Cookie，写操作须带 CSRF 令牌），或接口令牌"
        "（请求头 `Authorization: Bearer jxjy_…`，在“我的接口令牌”页面创建）。令牌以所属用户的身份和管辖范围"
        "调用接口，并须具备所调用领域的权限范围（只读或读写）；每个令牌限频，超限返回 429。"
    ),
    auth=[token_auth, django_auth],
    urls_namespace="api",
)


@api.exception_handler(ApplicationError)
def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    response = api.create_response(request, exc.as_dict(), status=exc.status)
    if exc.status == 429 and "retry_after" in exc.extra:
        response["Retry-After"] = str(exc.extra["retry_after"])
    return response


@api.exception_handler(AuthenticationError)
def not_authenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "未登录或登录已过期"}, status=401)


@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = []
    for err in exc.errors:
        loc = [str(p) for p in err.get("loc", []) if p not in ("body", "query", "path", "payload")]
        errors.append({"field": ".".join(loc), "message": error_message(err)})
    first = errors[0] if errors else {"field": "", "message": "输入无效"}
    return api.create_response(
        request, {"detail": f"{first['field']}: {first['message']}", "errors": errors}, status=422
    )


@api.exception_handler(ModelValidationError)
def invalid_model(request: HttpRequest, exc: ModelValidationError) -> HttpResponse:
    """A model's full_clean() refusal that a service let through: 422 with the fields named, never a 500."""
    if hasattr(exc, "error_dict"):
        errors = [{"field": "" if f == "__all__" else f, "message": m}
                  for f, messages in exc.message_dict.items() for m in messages]
    else:
        errors = [{"field": "", "message": m} for m in exc.messages]
    first = errors[0] if errors else {"field": "", "message": "输入无效"}
    body = {"detail": f"{first['field']}: {first['message']}" if first["field"] else first["message"],
            "field": first["field"], "errors": errors}
    return api.create_response(request, body, status=422)


@api.exception_handler(RequestDataTooBig)
def body_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    from jxjy.core.middleware import too_large

    return too_large(request)


def _register() -> None:
    from jxjy.notifications.api import router as notifications_router
    from jxjy.online.api import router as online_router
    from jxjy.online.api_exams import router as exams_router
    from jxjy.online.api_questions import router as bank_router
    from jxjy.orgs.api import router as orgs_router
    from jxjy.people.api import router as people_router
    from jxjy.people.transfers_api import router as transfers_router
    from jxjy.providers.api import router as providers_router
    from jxjy.providers.api_evaluations import router as evaluations_router
    from jxjy.records.api import router as records_router
    from jxjy.records.signals_api import router as signals_router
    from jxjy.regions.api import router as regions_router
    from jxjy.rules_ui.api import router as rules_router
    from jxjy.stats.api import router as stats_router
    from jxjy.stats.api_assessments import router as assessments_router
    from jxjy.stats.api_sampling import router as sampling_router
    from jxjy.training.api import router as training_router

    api.add_router("/regions", regions_router)
    api.add_router("/", orgs_router)
    api.add_router("/professionals", people_router)
    api.add_router("/transfers", transfers_router)
    api.add_router("/rulesets", rules_router)
    api.add_router("/", records_router)
    api.add_router("/training", training_router)
    api.add_router("/online", online_router)
    api.add_router("/ce-bases", providers_router)
    api.add_router("/stats", stats_router)
    api.add_router("/notifications", notifications_router)
    api.add_router("/online/exams", exams_router)
    api.add_router("/online/bank", bank_router)
    api.add_router("/signals", signals_router)
    api.add_router("/evaluations", evaluations_router)
    api.add_router("/stats/sampling", sampling_router)
    api.add_router("/stats/assessments", assessments_router)


_register()
