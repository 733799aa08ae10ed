"""`jxjy certificates verify FILE [--keys KEYS.json]`: checks a certificate offline.

FILE is a signed credential export (the JSON downloaded from the verification page) or a QR code's
signed payload (a text file with the code, or the verification address). With ``--keys`` (a saved copy
of /.well-known/jxjy-keys.json) nothing but this file and the keys is read: no server, no database.
Without it, the keys configured for this installation are used. Exit status 0: genuine; 1: not."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from . import jws
from .keys import keys_from_jwks
from .vc import InvalidCredential, verify_credential

MAX_BYTES = 1024 * 1024


def _configured_keys() -> dict[str, Ed25519PublicKey]:
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jxjy.settings.dev")
    django.setup()
    from .keys import verification_keys

    return verification_keys()


def check_text(text: str, keys: dict[str, Ed25519PublicKey]) -> tuple[bool, str]:
    """(genuine, a sentence saying what was checked) for a credential JSON or a QR payload."""
    stripped = text.strip()
    if stripped.startswith("{"):
        try:
            document: Any = json.loads(stripped)
        except ValueError:
            return False, "文件不是有效的 JSON"
        try:
            kid = verify_credential(document, keys)
        except InvalidCredential as exc:
            return False, f"验证失败：{exc}"
        subject = document.get("credentialSubject", {})
        return True, (f"签名有效（密钥 {kid}）：{document.get('name', '')}，持有人 {subject.get('name', '')}，"
                      f"签发 {document.get('issuer', {}).get('name', '')}，学时合计 {subject.get('creditsEarned', '')}")
    code = stripped.rsplit("/verify/", 1)[-1].split("?", 1)[0].rstrip("/")
    try:
        payload, kid = jws.verify(code, keys)
    except jws.BadSignature as exc:
        return False, f"验证失败：{exc}"
    return True, f"签名有效（密钥 {kid}）：{json.dumps(payload, ensure_ascii=False)}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="jxjy certificates verify", description="离线核验电子证书的签名")
    parser.add_argument("file", help="可验证电子凭证（JSON）或二维码内容")
    parser.add_argument("--keys", help="公布的公钥集（/.well-known/jxjy-keys.json 的副本）")
    args = parser.parse_args(argv)
    try:
        data = Path(args.file).read_bytes()
        if len(data) > MAX_BYTES:
            print("文件过大（上限 1 MB）", file=sys.stderr)
            return 2
        keys = keys_from_jwks(json.loads(Path(args.keys).read_text("utf-8"))) if args.keys else _configured_keys()
    except (OSError, ValueError) as exc:
        print(f"无法读取：{exc}", file=sys.stderr)
        return 2
    ok, message = check_text(data.decode("utf-8", errors="replace"), keys)
    print(message, file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1
