"""Certificates verifiable offline (issue 16 item 5): Ed25519 signatures with published keys, a signed
QR payload, a signed W3C VC 2.0 / Open Badges 3.0 export, rotation, and a signed revocation list.
继续教育证书统一由主管部门编号 (榕人专〔2009〕145号 三); 公共科目合格证 (常人社发〔2011〕11号 第九条)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.test import Client

from jxjy.core.testing import World
from jxjy.credentials import jws
from jxjy.credentials.issue import certificate_code
from jxjy.credentials.keys import _load, key_id, keys_from_jwks, private_pem
from jxjy.credentials.vc import InvalidCredential, verify_credential
from jxjy.records.models import Certificate
from jxjy.records.services import certificate_issue, certificate_revoke
from jxjy.records.tests.helpers import recognised

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def _key_file(directory: Path, name: str) -> tuple[Path, str]:
    key = Ed25519PrivateKey.generate()
    path = directory / name
    path.write_bytes(private_pem(key))
    return path, key_id(key.public_key())


@pytest.fixture
def signing_key(tmp_path: Path, settings) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A key made for the test (none is kept in the repository), configured as a key file."""
    path, kid = _key_file(tmp_path, "current.pem")
    settings.CREDENTIAL_SIGNING_KEY_FILE = str(path)
    settings.CREDENTIAL_EPHEMERAL_KEY_ALLOWED = False
    _load.cache_clear()
    yield kid
    _load.cache_clear()


@pytest.fixture
def certificate(world: World) -> Certificate:
    person = world.people["gl_doctor"]
    recognised(person, dt.date(2025, 3, 1), hours=12, course="急诊医学新进展")
    recognised(person, dt.date(2025, 9, 1), hours=24, course="院感防控培训班")
    return certificate_issue(actor=world.users["hr_gulou"], professional=person)


def _offline_verify(tmp_path: Path, document_bytes: bytes, keys: bytes) -> subprocess.CompletedProcess[str]:
    """`jxjy certificates verify FILE --keys KEYS` in a fresh process with no settings and no database."""
    (tmp_path / "credential.json").write_bytes(document_bytes)
    (tmp_path / "keys.json").write_bytes(keys)
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import sys; from jxjy.cli import main; sys.exit(main(sys.argv[1:]))",
         "certificates", "verify", str(tmp_path / "credential.json"), "--keys", str(tmp_path / "keys.json")],
        capture_output=True, text=True, env=env, cwd=ROOT, check=False,
    )


def test_a_credential_export_verifies_offline_and_a_one_byte_change_is_rejected(
    signing_key: str, certificate: Certificate, client: Client, tmp_path: Path
) -> None:
    """The JSON export (VC 2.0 / Open Badges 3.0, eddsa-jcs-2022 proof) carries the hours, the rule set
    and the issuer; with only the published keys, the CLI accepts it and refuses it changed by one byte."""
    page = client.get(f"/verify/{certificate_code(certificate)}")
    assert 'data-state="valid"' in page.content.decode()
    export = client.get(f"/verify/{certificate_code(certificate)}/credential.json").content
    keys = client.get("/.well-known/jxjy-keys.json").content
    document = json.loads(export)
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert document["issuer"]["name"] == "鼓楼区人社局"
    subject = document["credentialSubject"]
    assert subject["creditsEarned"] == 36 and [h["hours"] for h in subject["hours"]] == [12, 24]
    assert subject["ruleSet"]["id"] == "fuzhou-2009"
    assert document["proof"]["cryptosuite"] == "eddsa-jcs-2022"
    assert document["proof"]["verificationMethod"].endswith(f"#{signing_key}")

    genuine = _offline_verify(tmp_path, export, keys)
    assert genuine.returncode == 0, genuine.stderr
    assert "签名有效" in genuine.stdout and "学时合计 36" in genuine.stdout

    text = export.decode()
    changed = text.replace('"hours": 24', '"hours": 25', 1)  # one byte
    assert len(changed.encode()) == len(export) and changed != text
    forged = _offline_verify(tmp_path, changed.encode(), keys)
    assert forged.returncode == 1 and "签名不符" in forged.stderr
    value = document["proof"]["proofValue"]
    flipped = text.replace(value, value[:-1] + ("2" if value[-1] != "2" else "3"))
    assert _offline_verify(tmp_path, flipped.encode(), keys).returncode == 1


def test_the_qr_payload_is_checked_with_the_published_keys_alone(
    signing_key: str, certificate: Certificate, client: Client
) -> None:
    """What a phone does: read the QR's code, check it with the saved key set, show the facts."""
    keys = keys_from_jwks(client.get("/.well-known/jxjy-keys.json").json())
    payload, kid = jws.verify(certificate_code(certificate), keys)
    assert kid == signing_key
    assert payload == {"v": 1, "k": "ce", "no": certificate.certificate_no, "n": "林医生", "iss": "鼓楼区人社局",
                       "d": certificate.issued_on.isoformat()}
    header, body, signature = certificate_code(certificate).split(".")
    other = jws.b64url(json.dumps({**payload, "n": "王医生"}, ensure_ascii=False).encode())
    with pytest.raises(jws.BadSignature, match="签名不符"):
        jws.verify(f"{header}.{other}.{signature}", keys)
    assert client.get(f"/verify/{header}.{other}.{signature}").status_code == 404


def test_after_a_rotation_old_signatures_still_verify_and_new_ones_use_the_new_key(
    signing_key: str, certificate: Certificate, client: Client, settings, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    old_code = certificate_code(certificate)
    old_export = json.loads(client.get(f"/verify/{old_code}/credential.json").content)
    old_file = settings.CREDENTIAL_SIGNING_KEY_FILE
    new_file, new_kid = _key_file(tmp_path, "next.pem")
    settings.CREDENTIAL_SIGNING_KEY_FILE = str(new_file)
    settings.CREDENTIAL_RETIRED_KEY_FILES = old_file
    _load.cache_clear()
    published = client.get("/.well-known/jxjy-keys.json").json()["keys"]
    assert [(k["kid"], k["status"]) for k in published] == [(new_kid, "current"), (signing_key, "retired")]
    assert 'data-state="valid"' in client.get(f"/verify/{old_code}").content.decode()
    assert verify_credential(old_export, keys_from_jwks({"keys": published})) == signing_key
    assert jws.verify(certificate_code(certificate), keys_from_jwks({"keys": published}))[1] == new_kid
    settings.CREDENTIAL_RETIRED_KEY_FILES = ""  # the old key withdrawn: its signatures no longer count
    _load.cache_clear()
    assert client.get(f"/verify/{old_code}").status_code == 404
    with pytest.raises(InvalidCredential, match="未公布"):
        verify_credential(old_export, keys_from_jwks(client.get("/.well-known/jxjy-keys.json").json()))


def test_a_revoked_certificate_is_on_the_signed_revocation_list_and_shown_revoked(
    signing_key: str, certificate: Certificate, world: World, client: Client
) -> None:
    code = certificate_code(certificate)
    assert client.get("/verify/revoked.json").json()["revoked"] == []
    certificate_revoke(actor=world.users["hr_gulou"], certificate=certificate, reason="弄虚作假")
    published = client.get("/verify/revoked.json").json()
    assert [(e["kind"], e["number"]) for e in published["revoked"]] == [("ce", certificate.certificate_no)]
    signed, _kid = jws.verify(published["signature"], keys_from_jwks(client.get("/.well-known/jxjy-keys.json").json()))
    assert signed["revoked"] == published["revoked"]
    assert 'data-state="revoked"' in client.get(f"/verify/{code}").content.decode()
    assert client.get(f"/verify/{code}/credential.json").status_code == 200  # the export says so via its status list


def test_without_a_configured_key_production_refuses_to_sign(settings) -> None:  # type: ignore[no-untyped-def]
    from jxjy.credentials.keys import KeyConfigurationError, current_key

    settings.CREDENTIAL_SIGNING_KEY_FILE = ""
    settings.CREDENTIAL_EPHEMERAL_KEY_ALLOWED = False
    _load.cache_clear()
    try:
        with pytest.raises(KeyConfigurationError, match="未配置证书签名密钥"):
            current_key()
    finally:
        _load.cache_clear()


def test_the_cli_also_checks_a_qr_code_address(signing_key: str, certificate: Certificate, client: Client,
                                               tmp_path: Path) -> None:
    address = f"https://jxjy.example.gov.cn/verify/{certificate_code(certificate)}"
    result = _offline_verify(tmp_path, address.encode(), client.get("/.well-known/jxjy-keys.json").content)
    assert result.returncode == 0 and certificate.certificate_no in result.stdout
