"""Accounts people can use (issue 15 item 6): password change and reset by mail, login by username,
身份证号 or phone, throttling per (account, address) that no variant of the username bypasses, and
sessions that end after inactivity.

A government system is reached by every professional of a region; 泉洛政人社[2017]27号 二（一）
makes each of them responsible for recording their own hours, so each needs a working login.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import Client

from jxjy.audit.models import AuditEvent
from jxjy.core.testing import PASSWORD, make_user

NEW_PASSWORD = "a-new-passphrase-2026"


def _login(client: Client, username: str, password: str, ip: str = "10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_password_reset_by_mail_lets_the_person_set_a_new_password(world):
    user = world.users["hr_fuzhou"]
    user.email = "lin@example.gov.cn"
    user.save()
    client = Client()
    page = client.get("/accounts/password_reset/")
    assert page.status_code == 200 and "找回密码" in page.content.decode()
    response = client.post("/accounts/password_reset/", {"email": "LIN@example.gov.cn"})
    assert response.status_code == 302 and response["Location"] == "/accounts/password_reset/done/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lin@example.gov.cn"] and "重设密码" in message.subject
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", str(message.body))
    assert link, message.body
    form_page = client.get(link.group(1), follow=True)
    assert "设置新密码" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.status_code == 302 and done["Location"] == "/accounts/reset/done/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert _login(Client(), "hr_fuzhou", NEW_PASSWORD).status_code == 302
    # The link was spent by the change of password.
    assert "无效或已过期" in Client().get(link.group(1), follow=True).content.decode()


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(world):
    response = Client().post("/accounts/password_reset/", {"email": "nobody@example.gov.cn"})
    assert response.status_code == 302 and response["Location"] == "/accounts/password_reset/done/"
    assert mail.outbox == []


def test_a_logged_in_user_changes_the_password(world, client_for):
    client = client_for("hr_fuzhou")
    assert "修改密码" in client.get("/accounts/password_change/").content.decode()
    wrong = client.post("/accounts/password_change/", {
        "old_password": "not-it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert wrong.status_code == 200 and "旧密码" in wrong.content.decode()
    response = client.post("/accounts/password_change/", {
        "old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    world.users["hr_fuzhou"].refresh_from_db()
    assert world.users["hr_fuzhou"].check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(actor=world.users["hr_fuzhou"], message="修改密码").exists()


def test_a_professional_logs_in_by_username_identity_number_or_phone(world):
    person = world.people["gl_doctor"]
    person.phone = "13805912345"
    person.save()
    number = person.id_number
    lowercase_x = number[:-1] + "x" if number.endswith("X") else number
    for identifier in ("pro_gl_doctor", number, lowercase_x, f" {number} ", "13805912345", "138-0591-2345"):
        client = Client()
        response = _login(client, identifier, PASSWORD)
        assert response.status_code == 302, identifier
        assert int(client.session["_auth_user_id"]) == world.users["pro_gl_doctor"].pk


def test_the_identity_number_matches_with_an_uppercase_x(world):
    person = world.people["gl_doctor"]
    person.id_number = "35010219850601123X"
    person.save()
    client = Client()
    assert _login(client, "35010219850601123x", PASSWORD).status_code == 302


def test_login_never_tells_which_identifier_exists(world):
    """A wrong password for a real 身份证号 and any password for an unknown one read the same."""
    real = _login(Client(), world.people["gl_doctor"].id_number, "wrong-password").content.decode()
    unknown = _login(Client(), "350102198506019999", "wrong-password").content.decode()
    assert "用户名或密码错误" in real and "用户名或密码错误" in unknown
    strip = re.compile(r'value="[^"]*"|"X-CSRFToken": "[^"]+"')
    assert strip.sub("", real) == strip.sub("", unknown)


def test_a_phone_shared_by_two_people_logs_in_neither(world):
    make_user("pro_gl_teacher", "professional", professional=world.people["gl_teacher"], region=world.gulou)
    for name in ("gl_doctor", "gl_teacher"):
        world.people[name].phone = "13900000001"
        world.people[name].save()
    assert "用户名或密码错误" in _login(Client(), "13900000001", PASSWORD).content.decode()


def test_five_failures_from_one_address_do_not_lock_the_account_from_another(world):
    for _ in range(5):
        _login(Client(), "hr_fuzhou", "wrong-password", ip="203.0.113.9")
    refused = _login(Client(), "hr_fuzhou", PASSWORD, ip="203.0.113.9")
    assert "登录失败次数过多" in refused.content.decode()
    elsewhere = Client()
    assert _login(elsewhere, "hr_fuzhou", PASSWORD, ip="198.51.100.7").status_code == 302
    assert int(elsewhere.session["_auth_user_id"]) == world.users["hr_fuzhou"].pk


@pytest.mark.parametrize("variant", ["HR_FUZHOU", " hr_fuzhou ", "Hr_Fuzhou\t", "ｈｒ＿ｆｕｚｈｏｕ"])
def test_whitespace_case_and_width_variants_count_as_the_same_username(world, variant):
    """Failures spread over spellings of one username add up; the lock then holds for every spelling."""
    spellings = ["hr_fuzhou", variant, "hr_fuzhou ", variant.upper(), variant]
    for spelling in spellings:
        _login(Client(), spelling, "wrong-password")
    for spelling in ("hr_fuzhou", variant):
        response = _login(Client(), spelling, PASSWORD)
        assert response.status_code == 200 and "登录失败次数过多" in response.content.decode(), spelling


def test_the_identity_number_and_the_username_of_one_account_share_one_counter(world):
    number = world.people["gl_doctor"].id_number
    for identifier in ["pro_gl_doctor", number, "PRO_GL_DOCTOR", number.lower(), "pro_gl_doctor"]:
        _login(Client(), identifier, "wrong-password")
    assert "登录失败次数过多" in _login(Client(), "pro_gl_doctor", PASSWORD).content.decode()


def test_the_cool_off_grows_with_each_lock_out_of_the_same_pair(world):
    from axes.models import AccessAttempt

    for _ in range(5):
        _login(Client(), "hr_fuzhou", "wrong-password")
    first = _login(Client(), "hr_fuzhou", PASSWORD).content.decode()
    assert "请 15 分钟后再试" in first
    AccessAttempt.objects.all().delete()  # as if the first cool-off had passed
    for _ in range(5):
        _login(Client(), "hr_fuzhou", "wrong-password")
    assert "请 30 分钟后再试" in _login(Client(), "hr_fuzhou", PASSWORD).content.decode()


def test_throttle_records_keep_no_identity_number(world):
    from axes.models import AccessAttempt, AccessFailureLog

    number = world.people["gl_doctor"].id_number
    _login(Client(), number, "wrong-password")
    rows = list(AccessAttempt.objects.values_list("username", "post_data")) + list(
        AccessFailureLog.objects.values_list("username", "path_info"))
    assert rows and number not in repr(rows) and "wrong-password" not in repr(rows)
    assert number not in "".join(AuditEvent.objects.values_list("message", flat=True))


def test_a_session_ends_after_the_idle_time(world, settings):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client = Client()
    assert _login(client, "hr_fuzhou", PASSWORD).status_code == 302
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert client.get("/").status_code == 200
    session = Session.objects.get(session_key=client.session.session_key)
    assert (session.expire_date - timezone.now()).total_seconds() > 29 * 60
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_an_active_session_moves_its_expiry_forward(world, settings):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    settings.SESSION_REFRESH_SECONDS = 0
    client = Client()
    _login(client, "hr_fuzhou", PASSWORD)
    key = client.session.session_key
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + dt.timedelta(minutes=5))
    client.get("/")
    remaining = (Session.objects.get(pk=key).expire_date - timezone.now()).total_seconds()
    assert remaining > 29 * 60
