"""W3C Verifiable Credentials 2.0 / Open Badges 3.0 documents signed with a Data Integrity proof of the
`eddsa-jcs-2022` cryptosuite (JSON Canonicalization Scheme, RFC 8785, and Ed25519). Signing needs the
current key; verifying needs only the published public keys — no server, no database."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .keys import SigningKey

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CRYPTOSUITE = "eddsa-jcs-2022"
_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


class InvalidCredential(ValueError):
    """The document is not a credential this system signed, or it was changed after signing."""


def jcs(data: Any) -> bytes:
    """RFC 8785 canonical JSON for the documents we sign (keys ASCII; numbers integers or short decimals)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False).encode()


def base58(data: bytes) -> str:
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = _B58[r] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def base58_decode(text: str) -> bytes:
    n = 0
    for ch in text:
        idx = _B58.find(ch)
        if idx < 0:
            raise InvalidCredential("签名值格式无效")
        n = n * 58 + idx
    body = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


def _hash_data(document: dict[str, Any], proof_config: dict[str, Any]) -> bytes:
    return hashlib.sha256(jcs(proof_config)).digest() + hashlib.sha256(jcs(document)).digest()


def sign_credential(document: dict[str, Any], key: SigningKey, *, keys_url: str,
                    created: dt.datetime | None = None) -> dict[str, Any]:
    """The document with its `proof`; `keys_url` is where the public key set is published."""
    unsigned = {k: v for k, v in copy.deepcopy(document).items() if k != "proof"}
    created = created or dt.datetime.now(dt.UTC)
    proof = {
        "type": "DataIntegrityProof", "cryptosuite": CRYPTOSUITE,
        "created": created.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "verificationMethod": f"{keys_url}#{key.kid}", "proofPurpose": "assertionMethod",
        "@context": unsigned.get("@context"),
    }
    signature = key.private.sign(_hash_data(unsigned, proof))
    del proof["@context"]
    return {**unsigned, "proof": {**proof, "proofValue": "z" + base58(signature)}}


def verify_credential(document: Any, keys: dict[str, Ed25519PublicKey]) -> str:
    """Checks the proof with the published keys; answers the key id, or raises InvalidCredential."""
    if not isinstance(document, dict) or not isinstance(document.get("proof"), dict):
        raise InvalidCredential("不是本系统签发的可验证凭证：缺少签名")
    proof = dict(document["proof"])
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != CRYPTOSUITE:
        raise InvalidCredential("签名类型不受支持")
    value = proof.pop("proofValue", None)
    if not isinstance(value, str) or not value.startswith("z"):
        raise InvalidCredential("签名值格式无效")
    kid = str(proof.get("verificationMethod", "")).rpartition("#")[2]
    key = keys.get(kid)
    if key is None:
        raise InvalidCredential(f"签名密钥 {kid[:40]} 未公布")
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    proof["@context"] = unsigned.get("@context")
    try:
        key.verify(base58_decode(value[1:]), _hash_data(unsigned, proof))
    except (InvalidSignature, ValueError) as exc:
        raise InvalidCredential("签名不符：凭证内容在签发后被改动") from exc
    return kid
