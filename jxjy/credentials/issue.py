"""What a certificate's signature says, for each kind of certificate the system issues:

- ``ce``: the CE certificate (继续教育证书) with its entries by year;
- ``rec``: a completion certificate (结业证书) of one recognised learning record;
- ``pass``: the public-subject pass certificate (公共科目合格证).

`certificate_code` is the compact JWS in the QR code; `credential_document` the signed VC 2.0 /
Open Badges 3.0 export; `resolve_code` maps a code back to the certificate (for the public page)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Model
from django.utils import timezone

from . import jws
from .keys import current_key, verification_keys
from .vc import OB_CONTEXT, VC_CONTEXT, sign_credential

KINDS = {"ce": "继续教育证书", "rec": "结业证书", "pass": "公共科目合格证"}
KEYS_PATH = "/.well-known/jxjy-keys.json"
REVOCATIONS_PATH = "/verify/revoked.json"


@dataclass(frozen=True)
class Resolved:
    kind: str
    obj: Any
    payload: dict[str, Any]
    kid: str


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def payload_for(kind: str, obj: Any) -> dict[str, Any]:
    """The facts the QR code carries, short enough for a phone to read and show offline."""
    if kind == "ce":
        return {"v": 1, "k": "ce", "no": obj.certificate_no, "n": obj.professional.name,
                "iss": str(obj.series.issuer), "d": obj.issued_on.isoformat()}
    if kind == "rec":
        out: dict[str, Any] = {"v": 1, "k": "rec", "id": obj.pk, "n": obj.professional.name, "c": obj.course[:60],
                               "y": obj.counted_year, "d": obj.date.isoformat(),
                               "iss": obj.provider.name if obj.provider else "人社部门学时认定"}
        for field, key in (("hours", "h"), ("credits", "cr"), ("days", "dy")):
            if getattr(obj, field) is not None:
                out[key] = _number(getattr(obj, field))
        return out
    if kind == "pass":
        return {"v": 1, "k": "pass", "no": obj.number, "n": obj.professional.name,
                "c": obj.enrolment.course.title[:60], "iss": obj.region.name,
                "d": timezone.localdate(obj.issued_at).isoformat()}
    raise ValueError(kind)


def kind_of(obj: Model) -> str:
    label = obj._meta.label_lower
    return {"records.certificate": "ce", "records.learningrecord": "rec", "online.passcertificate": "pass"}[label]


def certificate_code(obj: Model) -> str:
    """The compact signed payload (JWS, EdDSA) printed as the QR code of the certificate."""
    return jws.sign(payload_for(kind_of(obj), obj), current_key())


def _lookup(payload: dict[str, Any]) -> Any:
    from jxjy.online.models import PassCertificate
    from jxjy.records.models import Certificate, LearningRecord

    kind = payload.get("k")
    if kind == "ce":
        return (Certificate.objects.select_related("professional__unit", "series__hr_bureau", "series__authority")
                .filter(certificate_no=str(payload.get("no", ""))).first())
    if kind == "rec" and isinstance(payload.get("id"), int):
        return LearningRecord.objects.select_related("professional", "provider").filter(pk=payload["id"]).first()
    if kind == "pass":
        return (PassCertificate.objects.select_related("professional", "region", "enrolment__course__provider")
                .filter(number=str(payload.get("no", ""))).first())
    return None


def resolve_code(code: str) -> Resolved | None:
    """The certificate of a genuine signed code (any published key, current or retired), else None.
    Codes printed before the Ed25519 signatures (Django-signed, two salts) still resolve."""
    try:
        payload, kid = jws.verify(code, verification_keys())
    except jws.BadSignature:
        return _legacy(code)
    obj = _lookup(payload)
    if obj is None:
        return None
    return Resolved(str(payload["k"]), obj, payload, kid)


def _legacy(code: str) -> Resolved | None:
    from jxjy.online.services.certificates import certificate_from_code
    from jxjy.records.codes import read_code
    from jxjy.records.models import Certificate, LearningRecord

    target = read_code(code)
    obj: Any = None
    if target is not None and target.kind == "certificate":
        obj = Certificate.objects.select_related("professional__unit", "series__hr_bureau", "series__authority").filter(
            pk=target.pk).first()
    elif target is not None:
        obj = LearningRecord.objects.select_related("professional", "provider").filter(pk=target.pk).first()
    else:
        obj = certificate_from_code(code)
    if obj is None:
        return None
    kind = kind_of(obj)
    return Resolved(kind, obj, payload_for(kind, obj), "")


def is_revoked(kind: str, obj: Any) -> bool:
    if kind == "ce":
        return bool(obj.revoked)
    if kind == "rec":
        return str(obj.status) != "recognised"
    return bool(getattr(obj, "revoked_at", None))


def credential_document(obj: Model, *, base_url: str) -> dict[str, Any]:
    """The certificate as a signed W3C VC 2.0 / Open Badges 3.0 credential: the person, the hours
    (by year for a CE certificate), the rule set in force for the person's region, and the issuer."""
    from jxjy.records.selectors import entries_by_year

    base = base_url.rstrip("/")
    kind = kind_of(obj)
    payload = payload_for(kind, obj)
    person = obj.professional  # type: ignore[attr-defined]
    ruleset = person.region.effective_ruleset_id() if person.region_id else ""
    subject: dict[str, Any] = {"type": ["AchievementSubject"], "name": person.name}
    hours: list[dict[str, Any]] = []
    if kind == "ce":
        for year, records in entries_by_year(person):
            for r in records:
                hours.append({"year": year, "course": r.course, "date": r.date.isoformat(),
                              **{k: _number(getattr(r, k)) for k in ("hours", "credits", "days")
                                 if getattr(r, k) is not None}})
    elif kind == "rec":
        hours.append({"year": payload["y"], "course": payload["c"], "date": payload["d"],
                      **{k: v for k, v in (("hours", payload.get("h")), ("credits", payload.get("cr")),
                                           ("days", payload.get("dy"))) if v is not None}})
    elif kind == "pass":
        course = obj.enrolment.course  # type: ignore[attr-defined]
        hours.append({"year": obj.year, "course": course.title, "date": payload["d"],  # type: ignore[attr-defined]
                      "amount": str(course.amount_label)})
    total = sum(h.get("hours") or 0 for h in hours)
    subject["creditsEarned"] = total
    subject["achievement"] = {
        "id": f"urn:jxjy:achievement:{kind}", "type": ["Achievement"], "name": KINDS[kind],
        "description": f"{KINDS[kind]}（专业技术人员继续教育）",
        "criteria": {"narrative": f"按规则集 {ruleset or '（未设定）'} 的学时要求认定"},
        "achievementType": "Certificate",
    }
    subject["hours"] = hours
    subject["ruleSet"] = {"id": ruleset, "url": f"{base}/rules/{ruleset}/" if ruleset else ""}
    number = payload.get("no") or f"rec-{payload.get('id')}"
    document: dict[str, Any] = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": f"urn:jxjy:{kind}:{number}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{KINDS[kind]} {number}",
        "issuer": {"id": f"{base}{KEYS_PATH}", "type": ["Profile"], "name": payload["iss"]},
        "validFrom": f"{payload['d']}T00:00:00+08:00",
        "credentialSubject": subject,
        "credentialStatus": {"id": f"{base}{REVOCATIONS_PATH}#{kind}:{number}", "type": "JxjyRevocationList",
                             "statusListCredential": f"{base}{REVOCATIONS_PATH}"},
        "evidence": [{"id": f"{base}/verify/{certificate_code(obj)}", "type": ["Evidence"], "name": "在线验证"}],
    }
    return sign_credential(document, current_key(), keys_url=f"{base}{KEYS_PATH}")


def revocation_list() -> dict[str, Any]:
    """Every revoked certificate by kind and number, signed (compact JWS in `signature`)."""
    from jxjy.records.models import Certificate, LearningRecord

    entries = [{"kind": "ce", "number": no, "revoked_at": at.isoformat() if at else ""}
               for no, at in Certificate.objects.filter(revoked_at__isnull=False).order_by("certificate_no")
               .values_list("certificate_no", "revoked_at")]
    entries += [{"kind": "rec", "number": f"rec-{pk}", "revoked_at": ""}
                for pk in LearningRecord.objects.filter(status="revoked").order_by("pk").values_list("pk", flat=True)]
    body = {"v": 1, "issued_at": timezone.now().isoformat(timespec="seconds"), "revoked": entries}
    return {**body, "signature": jws.sign(body, current_key())}
