"""Compact JWS (RFC 7515) with EdDSA/Ed25519 (RFC 8037): the short signed payload in a certificate's
QR code. Any JOSE library, or a phone app holding the published keys, can check it without the server."""

from __future__ import annotations

import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .keys import SigningKey, b64url, b64url_decode

MAX_LENGTH = 2000


class BadSignature(ValueError):
    """The token is malformed, signed by an unknown key, or altered."""


def _compact_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def sign(payload: dict[str, Any], key: SigningKey) -> str:
    header = b64url(_compact_json({"alg": "EdDSA", "kid": key.kid, "typ": "jxjy-cert"}))
    body = b64url(_compact_json(payload))
    signature = key.private.sign(f"{header}.{body}".encode())
    return f"{header}.{body}.{b64url(signature)}"


def verify(token: str, keys: dict[str, Ed25519PublicKey]) -> tuple[dict[str, Any], str]:
    """The payload and key id of a genuine token; BadSignature otherwise."""
    if len(token) > MAX_LENGTH or token.count(".") != 2:
        raise BadSignature("签名格式无效")
    header_part, body_part, sig_part = token.split(".")
    try:
        header = json.loads(b64url_decode(header_part))
        signature = b64url_decode(sig_part)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadSignature("签名格式无效") from exc
    if not isinstance(header, dict) or header.get("alg") != "EdDSA":
        raise BadSignature("签名算法无效")
    key = keys.get(str(header.get("kid", "")))
    if key is None:
        raise BadSignature("签名密钥未公布")
    try:
        key.verify(signature, f"{header_part}.{body_part}".encode())
        payload = json.loads(b64url_decode(body_part))
    except (InvalidSignature, ValueError, UnicodeDecodeError) as exc:
        raise BadSignature("签名不符，内容已被改动") from exc
    if not isinstance(payload, dict):
        raise BadSignature("签名内容无效")
    return payload, str(header["kid"])
