"""“我的接口令牌” page: list, create (the secret is shown once), revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jxjy.accounts.models import User
from jxjy.core.errors import ApplicationError
from jxjy.core.listing import paginate

from .forms import TokenCreateForm
from .models import ApiToken
from .scopes import scope_label
from .services import token_create, token_revoke


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
def token_list_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    secret = None
    form = TokenCreateForm()
    if request.method == "POST":
        form = TokenCreateForm(request.POST)
        if form.is_valid():
            try:
                token, secret = token_create(actor=user, name=form.cleaned_data["name"], kind=form.cleaned_data["kind"],
                                             scopes=form.cleaned_data["scopes"], days=form.cleaned_data["days"])
            except ApplicationError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, f"已创建接口令牌“{token.name}”。令牌只显示这一次，请立即复制保存。")
                form = TokenCreateForm()
    tokens = ApiToken.objects.filter(user=user)
    context = paginate(request, tokens)
    for token in context["object_list"]:
        token.scope_labels = [scope_label(s) for s in token.scopes]
    context.update({"form": form, "secret": secret})
    response = render(request, "tokens/token_list.html", context, status=422 if form.errors else 200)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    token = ApiToken.objects.filter(user=user, pk=pk).first()
    if token is None:
        raise Http404("令牌不存在")
    try:
        token_revoke(actor=user, token=token)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已吊销接口令牌“{token.name}”，使用它的请求将被拒绝。")
    return redirect("tokens:list")
