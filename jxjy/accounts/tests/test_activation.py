"""Every imported professional gets an account, activated by a one-time code the unit hands out or
by a mailed link (issue 15 item 6). Codes are scoped to the unit's own people, kept hashed, expire,
work once, die after five wrong tries, and every issue and use is audited.

泉洛政人社[2017]27号 二（一）: each professional records and checks their own hours, so each needs
an account; the unit (用人单位) administers its people's continuing education.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core import mail
from django.test import Client
from django.utils import timezone

from jxjy.accounts.models import ActivationCode, User
from jxjy.audit.models import AuditEvent

NEW_PASSWORD = "my-own-passphrase-2026"


def _issue(client: Client, *people) -> list[str]:
    response = client.post("/accounts/activation/issue/", {"person": [p.pk for p in people]})
    assert response.status_code == 200, response.content.decode()[:500]
    return re.findall(r'class="code">([A-Z0-9]{5}-[A-Z0-9]{5})<', response.content.decode())


def _activate(id_number: str, code: str, password: str = NEW_PASSWORD):
    return Client().post("/accounts/activate/", {
        "id_number": id_number, "code": code, "password1": password, "password2": password})


def test_the_unit_prints_a_code_and_the_professional_activates_with_it(world, client_for):
    teacher = world.people["gl_teacher"]  # imported, no account yet
    unit = client_for("unit_gl_hospital")
    other_unit = client_for("unit_tj_company")
    assert not User.objects.filter(professional=teacher).exists()
    page = unit.get("/accounts/activation/")
    assert page.status_code == 200 and "林医生" in page.content.decode() and "郑老师" not in page.content.decode()

    admin = User.objects.create(username="unit_gl_school", role="unit_admin", employer_unit=world.gl_school,
                                region=world.gulou)
    school_client = Client()
    school_client.force_login(admin)
    [code] = _issue(school_client, teacher)
    account = User.objects.get(professional=teacher)
    assert not account.is_active and not account.has_usable_password()
    stored = ActivationCode.objects.get(user=account)
    assert code.replace("-", "") not in stored.code_hash and len(stored.code_hash) == 64
    assert AuditEvent.objects.filter(actor=admin, message__contains="发放激活码").exists()

    # Another unit cannot issue codes for this person (nothing of theirs is chosen).
    refused = other_unit.post("/accounts/activation/issue/", {"person": [teacher.pk]})
    assert refused.status_code == 302
    assert ActivationCode.objects.filter(user=account).count() == 1

    done = _activate(teacher.id_number.lower(), code.lower())
    assert done.status_code == 200 and "账号已激活" in done.content.decode(), done.content.decode()
    account.refresh_from_db()
    assert account.is_active and account.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(actor=account, message__contains="账号已激活（激活码）").exists()
    client = Client()
    response = client.post("/accounts/login/", {"username": teacher.id_number, "password": NEW_PASSWORD})
    assert response.status_code == 302

    # Single use.
    again = _activate(teacher.id_number, code, "another-passphrase-77")
    assert "激活码不正确" in again.content.decode()
    account.refresh_from_db()
    assert account.check_password(NEW_PASSWORD)


def test_an_expired_code_is_refused(world, client_for):
    person = world.people["gl_doctor"]
    [code] = _issue(client_for("unit_gl_hospital"), person)
    ActivationCode.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert "已过期" in _activate(person.id_number, code).content.decode()


def test_a_new_code_revokes_the_earlier_one(world, client_for):
    person = world.people["gl_doctor"]
    client = client_for("unit_gl_hospital")
    [first] = _issue(client, person)
    [second] = _issue(client, person)
    assert "激活码不正确" in _activate(person.id_number, first).content.decode()
    assert "账号已激活" in _activate(person.id_number, second).content.decode()


def test_five_wrong_codes_void_the_code(world, client_for):
    person = world.people["gl_doctor"]
    [code] = _issue(client_for("unit_gl_hospital"), person)
    for _ in range(5):
        _activate(person.id_number, "AAAAA-BBBBB")
    assert "激活码不正确" in _activate(person.id_number, code).content.decode()
    assert ActivationCode.objects.get().revoked_at is not None


def test_unknown_identity_numbers_and_wrong_codes_read_the_same(world, client_for):
    person = world.people["gl_doctor"]
    _issue(client_for("unit_gl_hospital"), person)
    wrong = _activate(person.id_number, "AAAAA-BBBBB").content.decode()
    unknown = _activate("350102198001019999", "AAAAA-BBBBB").content.decode()
    message = "身份证号或激活码不正确，或激活码已过期、已使用。请向所在单位重新领取。"
    assert message in wrong and message in unknown


def test_a_weak_password_is_refused_without_spending_the_code(world, client_for):
    person = world.people["gl_doctor"]
    [code] = _issue(client_for("unit_gl_hospital"), person)
    weak = _activate(person.id_number, code, "12345678901")
    assert weak.status_code == 200 and "账号已激活" not in weak.content.decode()
    assert "账号已激活" in _activate(person.id_number, code).content.decode()


def test_the_unit_mails_an_activation_link(world, client_for):
    teacher = world.people["gl_teacher"]
    admin = User.objects.create(username="unit_gl_school", role="unit_admin", employer_unit=world.gl_school,
                                region=world.gulou)
    client = Client()
    client.force_login(admin)
    response = client.post(f"/accounts/activation/{teacher.pk}/mail/", {"email": "zheng@example.cn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["zheng@example.cn"]
    link_match = re.search(r"https?://[^/\s]+(/accounts/activate/\S+/)", str(mail.outbox[0].body))
    assert link_match
    link = link_match.group(1)
    assert "设置登录密码" in Client().get(link).content.decode()
    done = Client().post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert "账号已激活" in done.content.decode()
    account = User.objects.get(professional=teacher)
    assert account.is_active and account.check_password(NEW_PASSWORD) and account.email == "zheng@example.cn"
    assert Client().get(link).status_code == 400  # spent
    # Another unit's administrator cannot mail this person.
    assert client_for("unit_gl_hospital").post(
        f"/accounts/activation/{teacher.pk}/mail/", {"email": "x@example.cn"}).status_code == 404


def test_only_unit_administrators_open_the_activation_page(world, client_for):
    assert client_for("hr_fuzhou").get("/accounts/activation/").status_code == 403
    assert client_for("pro_gl_doctor").get("/accounts/activation/").status_code == 403
    assert Client().get("/accounts/activation/").status_code == 302


def test_an_inactive_account_cannot_log_in_before_activation(world, client_for):
    teacher = world.people["gl_teacher"]
    admin = User.objects.create(username="unit_gl_school", role="unit_admin", employer_unit=world.gl_school,
                                region=world.gulou)
    client = Client()
    client.force_login(admin)
    client.post("/accounts/activation/issue/", {"all_inactive": "1"})
    account = User.objects.get(professional=teacher)
    response = Client().post("/accounts/login/", {"username": account.username, "password": ""})
    assert response.status_code == 200
    assert "_auth_user_id" not in Client().session


def test_a_professional_registered_by_the_unit_gets_an_inactive_account_at_once(world):
    from jxjy.people.identity import make_identity_number
    from jxjy.people.services import professional_create

    person = professional_create(
        actor=world.users["unit_gl_hospital"], name="吴护士", unit=world.gl_hospital,
        id_number=make_identity_number(world.gulou.code, dt.date(1992, 3, 4), 77, "F"), series="health")
    account = User.objects.get(professional=person)
    assert account.role == "professional" and not account.is_active and not account.has_usable_password()
    assert account.region == world.gulou and account.display_name == "吴护士"
