"""Fraud signals through the API (/api/v1/signals): the same list as the 学时异常 page, for unit
administrators and HR/authority officers, within their jurisdiction."""

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from jxjy.core.bounds import BoundedDate, Pagination, ShortStr
from jxjy.core.errors import ApplicationError, PermissionDenied

from .overlaps import TimeClaim
from .signal_selectors import MAX_DAYS, SIGNAL_ROLES, fraud_signals

router = Router(tags=["学时异常"])


class ClaimOut(Schema):
    kind: str
    label: str
    start: dt.datetime
    end: dt.datetime
    timed: bool
    hours: float


class SignalOut(Schema):
    kind: str  # overlap | impossible_day
    date: dt.date
    professional_id: int
    name: str
    minutes: int | None  # of an overlap
    hours: float | None  # of an impossible day, against its capacity
    capacity: float | None
    basis: str
    claims: list[ClaimOut]


def _claim(c: TimeClaim) -> dict[str, object]:
    return {"kind": c.kind, "label": c.label, "start": c.start, "end": c.end, "timed": c.timed, "hours": float(c.hours)}


@router.get("", response=list[SignalOut], summary="学时异常：时间重叠与超出一天可计学时（按管辖范围）")
@paginate(Pagination, page_size=50)
def list_signals(request: HttpRequest, start: BoundedDate, end: BoundedDate, q: ShortStr = ""):  # type: ignore[no-untyped-def]
    user = request.user
    if getattr(user, "role", "") not in SIGNAL_ROLES and not getattr(user, "is_superuser", False):
        raise PermissionDenied("只有单位管理员和人社、主管部门可以查看学时异常")
    if end < start:
        raise ApplicationError("截止日期不能早于起始日期", field="end")
    if (end - start).days >= MAX_DAYS:
        raise ApplicationError(f"查询期间不能超过 {MAX_DAYS} 天", field="end")
    signals = fraud_signals(user=user, start=start, end=end, q=q.strip())
    rows: list[dict[str, object]] = [
        {"kind": "overlap", "date": o.date, "professional_id": o.professional_id,
         "name": signals.people[o.professional_id].name, "minutes": o.minutes, "hours": None, "capacity": None,
         "basis": "", "claims": [_claim(o.first), _claim(o.second)]}
        for o in signals.overlaps
    ]
    rows += [
        {"kind": "impossible_day", "date": d.date, "professional_id": d.professional_id,
         "name": signals.people[d.professional_id].name, "minutes": None, "hours": float(d.hours),
         "capacity": float(d.capacity), "basis": d.basis, "claims": [_claim(c) for c in d.claims]}
        for d in signals.impossible_days
    ]
    rows.sort(key=lambda r: (r["date"], r["professional_id"]), reverse=True)  # type: ignore[return-value]
    return rows
