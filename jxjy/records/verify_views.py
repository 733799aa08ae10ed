"""The one public verification page `/verify/<code>` for every kind of certificate (CE certificate,
completion certificate, pass certificate): no login; masked identity, issuer, entries. The code is the
Ed25519-signed payload of the QR code (older Django-signed codes still resolve), so the page checks
the same signature a phone checks offline. Also: the signed credential export, the published keys and
the revocation list."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from jxjy.core.downloads import content_disposition
from jxjy.credentials.issue import KINDS, credential_document, is_revoked, resolve_code, revocation_list
from jxjy.credentials.keys import jwks

from .selectors import entries_by_year, stamps


def verify_view(request: HttpRequest, code: str) -> HttpResponse:
    found = resolve_code(code)
    context: dict[str, object] = {"state": "invalid"}
    if found is not None:
        obj = found.obj
        person = obj.professional
        context = {"state": "revoked" if is_revoked(found.kind, obj) else "valid", "kind": found.kind,
                   "kind_label": KINDS[found.kind], "person": person, "code": code, "kid": found.kid,
                   "signed": bool(found.kid)}
        if found.kind == "ce":
            context.update({"certificate": obj, "issuer": obj.series.issuer, "years": entries_by_year(person),
                            "stamps": [s for s in stamps(person) if s.outcome == "verified"]})
        elif found.kind == "rec":
            context.update({"record": obj, "issuer": obj.provider or "人社部门学时认定"})
        else:
            context.update({"pass_certificate": obj, "issuer": obj.region.name})
    status = 404 if context["state"] == "invalid" else 200
    return render(request, "records/verify.html", context, status=status)


def credential_view(request: HttpRequest, code: str) -> HttpResponse:
    """The certificate as a signed W3C Verifiable Credential 2.0 / Open Badges 3.0 JSON file."""
    found = resolve_code(code)
    if found is None:
        raise Http404("验证码无效")
    document = credential_document(found.obj, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(json.dumps(document, ensure_ascii=False, indent=2), content_type="application/json")
    response["Content-Disposition"] = content_disposition(f"继续教育可验证凭证-{code[:16]}.json",
                                                          f"{found.kind}-credential.json")
    return response


@cache_control(max_age=300, public=True)
def keys_view(request: HttpRequest) -> JsonResponse:
    """The public keys that verify certificate signatures (current and retired), as a JWK set."""
    return JsonResponse(jwks())


@cache_control(max_age=300, public=True)
def revoked_view(request: HttpRequest) -> JsonResponse:
    """The published revocation list, signed with the current key."""
    return JsonResponse(revocation_list(), json_dumps_params={"ensure_ascii": False})
