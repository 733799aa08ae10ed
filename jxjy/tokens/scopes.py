"""Token scopes: `read` or `write` per area of the API. An area is the first part of the path under
/api/v1/; a GET/HEAD/OPTIONS needs `<area>:read`, anything else `<area>:write` (write implies read)."""

from __future__ import annotations

AREAS: dict[str, str] = {
    "orgs": "机构与区划",
    "people": "专业技术人员与调动",
    "rules": "规则集",
    "records": "学时、证书与年度验证",
    "training": "培训班",
    "online": "网络学习与在线考试",
    "providers": "继续教育基地与培训评价",
    "stats": "统计、抽查与考核",
    "notifications": "通知",
}

# first path segment under /api/v1/ → area
_SEGMENTS: dict[str, str] = {
    "regions": "orgs", "hr-bureaus": "orgs", "industry-authorities": "orgs", "employer-units": "orgs",
    "providers": "orgs",
    "professionals": "people", "transfers": "people",
    "rulesets": "rules",
    "records": "records", "certificates": "records", "compliance": "records", "gates": "records",
    "verifications": "records",
    "training": "training",
    "online": "online",
    "ce-bases": "providers", "evaluations": "providers",
    "stats": "stats",
    "notifications": "notifications",
}

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
ALL_SCOPES: tuple[str, ...] = tuple(f"{area}:{level}" for area in AREAS for level in ("read", "write"))


def area_of(path: str) -> str | None:
    """The area an API path belongs to (None outside the known areas: no token may call it)."""
    rest = path.split("/api/v1/", 1)[-1]
    return _SEGMENTS.get(rest.split("/", 1)[0])


def required_scope(method: str, path: str) -> str | None:
    area = area_of(path)
    if area is None:
        return None
    return f"{area}:{'read' if method.upper() in READ_METHODS else 'write'}"


def grants(scopes: list[str], needed: str) -> bool:
    if needed in scopes:
        return True
    area, level = needed.split(":", 1)
    return level == "read" and f"{area}:write" in scopes


def scope_label(scope: str) -> str:
    area, level = scope.split(":", 1)
    return f"{AREAS.get(area, area)}（{'读写' if level == 'write' else '只读'}）"
