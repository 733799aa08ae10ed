"""Production settings pass Django's deployment checks; secrets come from the environment;
login is throttled; the audit log is append-only; forms are CSRF-protected."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from jxjy.audit.models import AuditEvent
from jxjy.core.testing import PASSWORD

ROOT = Path(__file__).resolve().parents[3]


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=120
    )


def _production_env(tmp_path) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        "DJANGO_SETTINGS_MODULE": "jxjy.settings.prod",
        "DJANGO_SECRET_KEY": "x" * 20 + "k3y-from-the-environment-0123456789abcdefghijklmnop",
        "DJANGO_ALLOWED_HOSTS": "jxjy.example.gov.cn",
        "DATABASE_URL": "sqlite:////tmp/jxjy-deploy-check.sqlite3",
        "JXJY_SIGNING_KEY_FILE": str(tmp_path / "signing.pem"),
    }


def test_check_deploy_with_production_settings_reports_nothing(tmp_path):  # type: ignore[no-untyped-def]
    env = _production_env(tmp_path)
    made = _manage("signing_key", "--create-if-missing", env=env)
    assert made.returncode == 0, made.stdout + made.stderr
    assert "已生成证书签名密钥" in made.stdout and oct((tmp_path / "signing.pem").stat().st_mode)[-3:] == "600"
    result = _manage("check", "--deploy", "--fail-level", "DEBUG", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_names_a_missing_certificate_signing_key(tmp_path):  # type: ignore[no-untyped-def]
    """Without its key the production site could not sign or verify a certificate (issue 16 item 5):
    `check --deploy`, which scripts/serve-prod setup runs, refuses before the site starts."""
    result = _manage("check", "--deploy", "--fail-level", "ERROR", env=_production_env(tmp_path))
    assert result.returncode != 0
    assert "jxjy.E010" in result.stderr + result.stdout and "JXJY_SIGNING_KEY_FILE" in result.stderr + result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _manage("check", env={"DJANGO_SETTINGS_MODULE": "jxjy.settings.prod", "DJANGO_SECRET_KEY": "", "DJANGO_ALLOWED_HOSTS": "a"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_no_secret_key_is_written_in_production_settings():
    text = (ROOT / "jxjy" / "settings" / "prod.py").read_text() + (ROOT / "jxjy" / "settings" / "base.py").read_text()
    assert 'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")' in text
    assert "django-insecure" not in text


def test_login_is_throttled_after_five_failures_even_with_the_right_password(world):
    client = Client()
    for _ in range(5):
        response = client.post("/accounts/login/", {"username": "hr_fuzhou", "password": "wrong-password"})
        assert "用户名或密码错误" in response.content.decode()
    response = client.post("/accounts/login/", {"username": "hr_fuzhou", "password": PASSWORD})
    assert "登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="login_failed").count() == 5


def test_a_successful_login_is_audited_and_lands_on_the_home_page(world):
    client = Client()
    response = client.post("/accounts/login/", {"username": "hr_fuzhou", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert "您好" in client.get("/").content.decode()
    assert AuditEvent.objects.filter(action="login", actor=world.users["hr_fuzhou"]).exists()


def test_passwords_are_stored_hashed(world):
    assert world.users["hr_fuzhou"].password != PASSWORD
    assert world.users["hr_fuzhou"].check_password(PASSWORD)


def test_forms_refuse_posts_without_a_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["unit_gl_hospital"])
    assert client.post("/people/import/", {}).status_code == 403
    assert client.post(f"/people/{world.people['gl_doctor'].pk}/identity/").status_code == 403


def test_the_audit_log_cannot_be_changed_or_deleted(world):
    event = AuditEvent.objects.create(action="create", message="x")
    event.message = "changed"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).update(message="y")
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()


def test_audit_snapshots_mask_identity_numbers(world):
    from jxjy.audit.services import snapshot

    person = world.people["gl_doctor"]
    assert snapshot(person)["id_number"] == person.masked_id_number


def test_user_input_is_escaped_in_pages(world, client_for):
    from jxjy.people.services import professional_update

    person = world.people["gl_doctor"]
    professional_update(actor=None, professional=person, name="<script>alert(1)</script>")
    html = client_for("hr_fuzhou").get(f"/people/{person.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("role", ["admin", "hr_fuzhou", "auth_fz_health", "unit_gl_hospital", "provider_fz", "pro_gl_doctor"])
def test_each_role_has_a_chinese_home_page(world, client_for, role):
    html = client_for(role).get("/").content.decode()
    assert '<html lang="zh-hans">' in html
    assert "您好" in html


def test_the_site_speaks_one_language_and_offers_no_switch(world, client_for):
    """Issue 15 item 11: one language at a time. The catalogue covered the menu and the home page only,
    so the English switch is gone: a browser asking for English gets the Chinese site, whole."""
    client = client_for("hr_fuzhou")
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="zh-hans">' in html and "市级人社局经办人员" in html
    assert "English" not in html and "set_language" not in html and "/i18n/" not in html
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 404
    assert not (ROOT / "jxjy" / "locale").exists()


def test_django_admin_is_for_superusers_only(world, client_for):
    assert client_for("hr_fuzhou").get("/admin/").status_code == 302
    assert client_for("admin").get("/admin/").status_code == 200
