"""The Ed25519 keys that sign certificates: the current key (from the environment or a key file) and
the retired keys, whose signatures still verify after a rotation. Each key is named by its key id
(`kid`), derived from the public key, so a verifier picks the right one from the published set.

Configuration (environment, or the Django setting of the same role):
- ``JXJY_SIGNING_KEY_FILE`` / ``CREDENTIAL_SIGNING_KEY_FILE``: PEM (PKCS#8) Ed25519 private key, or
  ``JXJY_SIGNING_KEY``: the PEM text itself;
- ``JXJY_RETIRED_KEY_FILES`` / ``CREDENTIAL_RETIRED_KEY_FILES``: former keys (PEM, private or public),
  separated by ``:`` — still accepted when verifying, never used to sign.
Development and tests may run without a key (``CREDENTIAL_EPHEMERAL_KEY_ALLOWED``): a key is then made
for the process, and what it signs verifies only while the process lives.

This module reads no database and imports Django only for settings (absent: environment only)."""

from __future__ import annotations

import base64
import functools
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


class KeyConfigurationError(RuntimeError):
    """No signing key is configured, or a configured key cannot be read."""


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(key: Ed25519PublicKey) -> str:
    return "jxjy-" + hashlib.sha256(raw_public(key)).hexdigest()[:16]


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private: Ed25519PrivateKey

    @property
    def public(self) -> Ed25519PublicKey:
        return self.private.public_key()


def _setting(name: str, env: str) -> str:
    value = os.environ.get(env, "")
    try:
        from django.conf import settings

        if settings.configured:
            value = str(getattr(settings, name, "") or value)
    except ImportError:  # pragma: no cover - Django is always installed here
        pass
    return value


def _ephemeral_allowed() -> bool:
    try:
        from django.conf import settings

        return bool(settings.configured and getattr(settings, "CREDENTIAL_EPHEMERAL_KEY_ALLOWED", False))
    except ImportError:  # pragma: no cover
        return False


def _read_pem(data: bytes, origin: str) -> Ed25519PrivateKey | Ed25519PublicKey:
    try:
        if b"PRIVATE KEY" in data:
            key: object = serialization.load_pem_private_key(data, password=None)
        else:
            key = serialization.load_pem_public_key(data)
    except ValueError as exc:
        raise KeyConfigurationError(f"签名密钥无法读取：{origin}") from exc
    if not isinstance(key, Ed25519PrivateKey | Ed25519PublicKey):
        raise KeyConfigurationError(f"签名密钥须为 Ed25519：{origin}")
    return key


@functools.lru_cache(maxsize=8)
def _load(key_file: str, key_text: str, retired: str, ephemeral: bool) -> tuple[SigningKey, dict[str, Ed25519PublicKey]]:
    if key_text:
        private = _read_pem(key_text.encode(), "JXJY_SIGNING_KEY")
    elif key_file:
        try:
            private = _read_pem(Path(key_file).read_bytes(), key_file)
        except OSError as exc:
            raise KeyConfigurationError(f"签名密钥文件无法读取：{key_file}") from exc
    elif ephemeral:
        private = Ed25519PrivateKey.generate()
    else:
        raise KeyConfigurationError("未配置证书签名密钥：请设置 JXJY_SIGNING_KEY_FILE（Ed25519 私钥 PEM 文件）")
    if not isinstance(private, Ed25519PrivateKey):
        raise KeyConfigurationError("签名密钥须为 Ed25519 私钥")
    current = SigningKey(key_id(private.public_key()), private)
    keys: dict[str, Ed25519PublicKey] = {current.kid: current.public}
    for path in filter(None, retired.split(":")):
        try:
            old = _read_pem(Path(path).read_bytes(), path)
        except OSError as exc:
            raise KeyConfigurationError(f"旧签名密钥文件无法读取：{path}") from exc
        public = old.public_key() if isinstance(old, Ed25519PrivateKey) else old
        keys.setdefault(key_id(public), public)
    return current, keys


def _config() -> tuple[str, str, str, bool]:
    return (_setting("CREDENTIAL_SIGNING_KEY_FILE", "JXJY_SIGNING_KEY_FILE"), os.environ.get("JXJY_SIGNING_KEY", ""),
            _setting("CREDENTIAL_RETIRED_KEY_FILES", "JXJY_RETIRED_KEY_FILES"), _ephemeral_allowed())


def current_key() -> SigningKey:
    return _load(*_config())[0]


def verification_keys() -> dict[str, Ed25519PublicKey]:
    """Every key whose signatures are accepted: the current one and the retired ones, by key id."""
    return dict(_load(*_config())[1])


def jwks(keys: dict[str, Ed25519PublicKey] | None = None) -> dict[str, object]:
    """The public keys as a JSON Web Key Set (RFC 8037 OKP keys), the current key first."""
    current = current_key().kid
    keys = verification_keys() if keys is None else keys
    ordered = sorted(keys.items(), key=lambda item: item[0] != current)
    return {"keys": [{"kty": "OKP", "crv": "Ed25519", "x": b64url(raw_public(k)), "kid": kid, "use": "sig",
                      "alg": "EdDSA", "status": "current" if kid == current else "retired"} for kid, k in ordered]}


def keys_from_jwks(data: dict[str, object]) -> dict[str, Ed25519PublicKey]:
    """Public keys from a published key set (the verifier's copy of /.well-known/jxjy-keys.json)."""
    out: dict[str, Ed25519PublicKey] = {}
    entries = data.get("keys")
    if not isinstance(entries, list):
        raise ValueError("密钥集格式无效：缺少 keys")
    for entry in entries:
        if isinstance(entry, dict) and entry.get("kty") == "OKP" and entry.get("crv") == "Ed25519":
            key = Ed25519PublicKey.from_public_bytes(b64url_decode(str(entry["x"])))
            out[key_id(key)] = key  # the id is recomputed, never taken on trust
    return out


def private_pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())
