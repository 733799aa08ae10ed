"""API tokens for other systems (issue 16 item 6): bound to a user and its jurisdiction, scoped by area
(read / write), hashed at rest, expiring, revocable, listed, audited and rate-limited per token."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from jxjy.audit.models import AuditEvent
from jxjy.core.errors import ApplicationError, PermissionDenied
from jxjy.core.testing import World
from jxjy.tokens.models import ApiToken
from jxjy.tokens.services import digest_of, token_create, token_revoke

pytestmark = pytest.mark.django_db


def bearer(secret: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_a_token_is_stored_only_as_a_digest_and_shown_once(world: World) -> None:
    """The secret is in no column and no audit row; only its SHA-256 digest and a short prefix are kept."""
    token, secret = token_create(actor=world.users["hr_gulou"], name="人事系统", scopes=["people:read"])
    row = ApiToken.objects.values().get(pk=token.pk)
    assert secret not in {str(v) for v in row.values()}
    assert row["digest"] == digest_of(secret) and row["prefix"] == secret[:12]
    events = list(AuditEvent.objects.filter(object_type="tokens.apitoken").values_list("after", "message"))
    assert len(events) == 1 and secret not in str(events) and digest_of(secret) not in str(events)
    assert "创建接口令牌" in events[0][1]


def test_a_token_acts_as_its_user_within_that_users_jurisdiction(world: World) -> None:
    """A 鼓楼 officer's token lists 鼓楼's people and not 洛江's; a 泉州 officer's token sees 洛江 only."""
    _, gulou = token_create(actor=world.users["hr_gulou"], name="鼓楼", scopes=["people:read"])
    _, quanzhou = token_create(actor=world.users["hr_quanzhou"], name="泉州", scopes=["people:read"])
    names = {p["name"] for p in bearer(gulou).get("/api/v1/professionals").json()["items"]}
    assert "林医生" in names and "黄医生" not in names
    names = {p["name"] for p in bearer(quanzhou).get("/api/v1/professionals").json()["items"]}
    assert names == {"黄医生"}
    outside = world.people["gl_doctor"].pk
    assert bearer(quanzhou).get(f"/api/v1/professionals/{outside}").status_code == 404


def test_a_token_calls_only_the_areas_and_levels_of_its_scopes(world: World) -> None:
    _, records_only = token_create(actor=world.users["hr_gulou"], name="只读学时", scopes=["records:read"])
    response = bearer(records_only).get("/api/v1/professionals")
    assert response.status_code == 403
    assert response.json()["detail"] == "该令牌没有“专业技术人员与调动（只读）”的权限"
    refused = bearer(records_only).post("/api/v1/gates", {"id_numbers": []}, content_type="application/json")
    assert refused.status_code == 403 and "学时、证书与年度验证（读写）" in refused.json()["detail"]
    _, writer = token_create(actor=world.users["hr_gulou"], name="读写学时", scopes=["records:write"])
    assert bearer(writer).get("/api/v1/records").status_code == 200  # write includes read


def test_an_expired_token_is_refused(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    _, secret = token_create(actor=world.users["hr_gulou"], name="短期", scopes=["people:read"], days=1)
    assert bearer(secret).get("/api/v1/professionals").status_code == 200
    later = timezone.now() + dt.timedelta(days=1, seconds=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    response = bearer(secret).get("/api/v1/professionals")
    assert response.status_code == 401 and response.json()["detail"] == "接口令牌无效、已过期或已吊销"


def test_a_revoked_token_stops_working_at_once_and_the_revocation_is_audited(world: World) -> None:
    user = world.users["hr_gulou"]
    token, secret = token_create(actor=user, name="对接", scopes=["people:read"])
    assert bearer(secret).get("/api/v1/professionals").status_code == 200
    token_revoke(actor=user, token=token)
    assert bearer(secret).get("/api/v1/professionals").status_code == 401
    assert AuditEvent.objects.filter(object_type="tokens.apitoken", message__startswith="吊销接口令牌").count() == 1


def test_only_the_owner_revokes_a_token(world: World) -> None:
    token, _ = token_create(actor=world.users["hr_gulou"], name="对接", scopes=["people:read"])
    with pytest.raises(PermissionDenied, match="只能吊销自己的令牌"):
        token_revoke(actor=world.users["hr_quanzhou"], token=token)


def test_an_invented_or_altered_token_is_refused(world: World) -> None:
    _, secret = token_create(actor=world.users["hr_gulou"], name="对接", scopes=["people:read"])
    altered = secret[:-1] + ("A" if secret[-1] != "A" else "B")
    assert bearer(altered).get("/api/v1/professionals").status_code == 401
    assert bearer("jxjy_" + "x" * 43).get("/api/v1/professionals").status_code == 401


def test_tokens_are_rate_limited_each_on_its_own_with_a_429_in_chinese(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.API_TOKEN_RATE_PER_MINUTE = 3
    _, first = token_create(actor=world.users["hr_gulou"], name="一", scopes=["people:read"])
    _, second = token_create(actor=world.users["hr_gulou"], name="二", scopes=["people:read"])
    for _ in range(3):
        assert bearer(first).get("/api/v1/professionals").status_code == 200
    response = bearer(first).get("/api/v1/professionals")
    assert response.status_code == 429
    assert response.json()["detail"].startswith("请求过于频繁：每个令牌每分钟最多3次")
    assert int(response["Retry-After"]) >= 1
    assert bearer(second).get("/api/v1/professionals").status_code == 200


def test_creation_checks_name_scopes_and_lifetime(world: World) -> None:
    user = world.users["hr_gulou"]
    with pytest.raises(ApplicationError, match="请至少选择一项权限范围"):
        token_create(actor=user, name="x", scopes=[])
    with pytest.raises(ApplicationError, match="未知的权限范围：admin:write"):
        token_create(actor=user, name="x", scopes=["admin:write"])
    with pytest.raises(ApplicationError, match="有效期须在1至366天之间"):
        token_create(actor=user, name="x", scopes=["people:read"], days=367)


def test_the_session_still_works_and_the_schema_documents_both(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    assert client_for("hr_gulou").get("/api/v1/professionals").status_code == 200
    assert Client().get("/api/v1/professionals").status_code == 401
    schema = Client().get("/api/v1/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}
    assert any(s.get("scheme") == "bearer" for s in schemes.values())
    operation = schema["paths"]["/api/v1/professionals"]["get"]
    assert len(operation["security"]) == 2


def test_the_token_page_lists_shows_the_secret_once_and_revokes(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("hr_gulou")
    page = client.post("/tokens/", {"name": "单位人事系统", "kind": "system", "scopes": ["people:read", "records:write"],
                                    "days": "30"})
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    token = ApiToken.objects.get(user=world.users["hr_gulou"])
    body = page.content.decode()
    assert "只显示这一次" in body and token.prefix in body
    again = client.get("/tokens/").content.decode()
    assert "单位人事系统" in again and "系统对接令牌" in again and "只显示这一次）" not in again
    assert client_for("hr_quanzhou").post(f"/tokens/{token.pk}/revoke/").status_code == 404
    assert client.post(f"/tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    bad = client.post("/tokens/", {"name": "", "scopes": [], "days": "0", "kind": "personal"})
    assert bad.status_code == 422 and "这个字段是必填项" in bad.content.decode()
