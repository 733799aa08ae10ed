from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from jxjy.audit.services import audit_record
from jxjy.core.errors import ApplicationError
from jxjy.core.listing import paginate
from jxjy.people.models import Professional

from . import activation
from .forms import ActivationCodeForm, ActivationMailForm, ThrottledLoginForm
from .models import Role, User
from .policy import restrict


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = ThrottledLoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        user = form.get_user()
        audit_record(actor=user, action="login", message="登录成功", region_path=user.region.path if user.region else "")
        return response


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        audit_record(actor=form.user, action="update", obj=form.user, message="修改密码")
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: SetPasswordForm[User]) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        audit_record(actor=self.user, action="update", obj=self.user, message="通过邮件重设密码")
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


# Activation of imported professionals' accounts -------------------------------------------------


def activate_by_code(request: HttpRequest) -> HttpResponse:
    form = ActivationCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = activation.activate_with_code(
                id_number=form.cleaned_data["id_number"],
                code=form.cleaned_data["code"],
                password=form.cleaned_data["password1"],
            )
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return render(request, "accounts/activation_done.html", {"account": user})
    return render(request, "accounts/activate.html", {"form": form})


def activate_by_link(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    try:
        user: User | None = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        user = None
    if user is None or user.professional_id is None or not default_token_generator.check_token(user, token):
        return render(request, "accounts/activate_link.html", {"validlink": False}, status=400)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        activation.activate(user=user, password=form.cleaned_data["new_password1"], how="邮件")
        return render(request, "accounts/activation_done.html", {"account": user})
    return render(request, "accounts/activate_link.html", {"validlink": True, "form": form, "account": user})


def _unit_people(request: HttpRequest) -> QuerySet[Professional]:
    user = request.user
    if not isinstance(user, User) or not (user.role == Role.UNIT_ADMIN or user.is_superuser):
        raise PermissionDenied
    return restrict(Professional.objects.all(), user, "change")


@login_required
def activation_list(request: HttpRequest) -> HttpResponse:
    people = _unit_people(request).select_related("user").order_by("name", "id")
    q = request.GET.get("q", "").strip()[:50]
    if q:
        people = people.filter(Q(name__icontains=q))
    state = request.GET.get("state", "")
    if state == "inactive":
        people = people.filter(Q(user__isnull=True) | Q(user__is_active=False))
    elif state == "active":
        people = people.filter(user__is_active=True)
    context: dict[str, Any] = {"q": q, "state": state, "mail_form": ActivationMailForm(), **paginate(request, people)}
    return render(request, "accounts/activation_list.html", context)


@login_required
def activation_issue(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("accounts:activation_list")
    scope = _unit_people(request)
    if request.POST.get("all_inactive"):
        chosen = scope.filter(Q(user__isnull=True) | Q(user__is_active=False))
    else:
        ids = [int(v) for v in request.POST.getlist("person") if v.isdigit()][:500]
        chosen = scope.filter(pk__in=ids)
    if not chosen.exists():
        messages.error(request, "请先勾选要发放激活码的人员。")
        return redirect("accounts:activation_list")
    if chosen.count() > 500:
        messages.error(request, "一次最多发放 500 份激活码，请按姓名筛选后分批发放。")
        return redirect("accounts:activation_list")
    assert isinstance(request.user, User)
    issued = activation.issue_codes(actor=request.user, people=chosen.order_by("name", "id"))
    site = request.build_absolute_uri("/").rstrip("/")
    return render(request, "accounts/activation_slips.html", {"issued": issued, "site": site})


@login_required
def activation_mail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(_unit_people(request), pk=pk)
    form = ActivationMailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        assert isinstance(request.user, User)
        try:
            activation.send_activation_mail(
                actor=request.user, person=person, email=form.cleaned_data["email"],
                site=request.build_absolute_uri("/").rstrip("/"),
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"激活邮件已发送给 {person.name}（{form.cleaned_data['email']}）。")
        return redirect("accounts:activation_list")
    for errors in form.errors.values():
        for e in errors:
            messages.error(request, f"电子邮箱：{e}")
    return redirect("accounts:activation_list")
