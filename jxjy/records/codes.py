"""The verification codes printed before the Ed25519 signatures (`jxjy.credentials`), signed with the
project's SECRET_KEY (via `django.core.signing`, own salt), so an altered or invented one fails.
New certificates carry an Ed25519-signed code; `/verify/<code>` still reads these."""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

SALT = "jxjy.records.e-certificate"


@dataclass(frozen=True)
class CodeTarget:
    kind: str  # "certificate" | "record"
    pk: int


def make_code(kind: str, pk: int) -> str:
    return signing.dumps({"k": kind[0], "i": pk}, salt=SALT, compress=True)


def read_code(code: str) -> CodeTarget | None:
    """The target of a genuine code, or None for an altered or invented one."""
    try:
        data = signing.loads(code, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("k") not in ("c", "r") or not isinstance(data.get("i"), int):
        return None
    return CodeTarget("certificate" if data["k"] == "c" else "record", data["i"])
