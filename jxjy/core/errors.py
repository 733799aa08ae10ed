"""The one application error type: a user-facing Chinese message, optionally tied to a field."""

from typing import Any


class ApplicationError(Exception):
    """A refusal the user should read. `field` names the offending input, `extra` adds details."""

    status = 400

    def __init__(self, message: str, *, field: str | None = None, extra: dict[str, Any] | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra or {}

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"detail": self.message}
        if self.field:
            body["field"] = self.field
        if self.extra:
            body["extra"] = self.extra
        return body


class ConflictError(ApplicationError):
    """The object is not in a state that allows the operation (HTTP 409)."""

    status = 409


class PermissionDenied(ApplicationError):
    """The user may see the object but not do this to it (HTTP 403)."""

    status = 403


# Error pages -------------------------------------------------------------------------------------
# The handlers jxjy/urls.py names (handler400/403/404/500) and, in development, a middleware that
# puts the same Chinese pages in place of Django's English DEBUG pages (set JXJY_DEBUG_PAGES=1 to
# keep those; the traceback is in the console log either way).

_PAGES: dict[int | str, tuple[str, str]] = {
    400: ("请求有误", "提交的请求无法处理（可能是链接不完整、表单已过期或地址有误）。请返回上一页，刷新后重试。"),
    403: ("没有权限", "您的账号没有访问此页面或执行此操作的权限。如需办理，请联系本单位管理员或主管部门。"),
    # CSRF_FAILURE_VIEW: a form kept open too long, or cookies turned off.
    "csrf": ("页面已过期", "表单已过期或浏览器未允许保存 Cookie，提交未被受理。请返回上一页，刷新后重新提交。"),
    404: ("页面不存在", "您要找的页面不存在，或不在您的管辖范围内。请检查地址，或从首页重新进入。"),
    500: ("系统出错", "系统处理时出错，错误已记录，我们会尽快处理。请稍后重试；如持续出错，请联系系统管理员。"),
}


def error_page(request: Any, status: int, page: int | str | None = None) -> Any:
    from django.http import HttpResponse
    from django.template import loader

    title, text = _PAGES[page if page is not None else status]
    context = {"status": status, "title": title, "text": text}
    if status == 500:
        # No request context: whatever failed (database, a context processor) must not fail again here.
        body = loader.get_template("500.html").render(context)
    else:
        if not hasattr(request, "user"):  # refused before AuthenticationMiddleware ran (a bad Host header)
            from django.contrib.auth.models import AnonymousUser

            request.user = AnonymousUser()
        body = loader.render_to_string("error.html", context, request=request)
    response = HttpResponse(body, status=status)
    response.jxjy_error_page = True  # type: ignore[attr-defined]
    return response


def bad_request(request: Any, exception: Exception | None = None) -> Any:
    return error_page(request, 400)


def permission_denied(request: Any, exception: Exception | None = None) -> Any:
    return error_page(request, 403)


def page_not_found(request: Any, exception: Exception | None = None) -> Any:
    return error_page(request, 404)


def server_error(request: Any) -> Any:
    return error_page(request, 500)


def csrf_failure(request: Any, reason: str = "") -> Any:
    return error_page(request, 403, "csrf")


class DevelopmentErrorPagesMiddleware:
    """With DEBUG on, Django answers 404s and crashes with its English technical pages instead of
    the handlers; this swaps in the Chinese page (HTML pages only; API JSON bodies are left alone)."""

    _MARKER = b"<code>DEBUG = True</code>"

    def __init__(self, get_response: Any):
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        import os

        from django.conf import settings

        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code in _PAGES
            and not getattr(response, "streaming", False)
            and os.environ.get("JXJY_DEBUG_PAGES") != "1"
            and self._MARKER in response.content
        ):
            return error_page(request, response.status_code)
        return response
