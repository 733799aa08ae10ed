"""Sampling pages: draw, the inspectors' checklist (page and .xlsx), results recorded back."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jxjy.accounts.policy import restrict
from jxjy.audit.services import audit_sensitive_read
from jxjy.core.downloads import content_disposition
from jxjy.core.errors import ApplicationError
from jxjy.core.listing import paginate
from jxjy.core.spreadsheets import XLSX_CONTENT_TYPE, write_xlsx

from ..choices import UNIT_ITEMS
from ..forms import ItemResultForm, SampleForm
from ..models import Sample, SampleItem
from ..scope import scope_for
from ..selectors.sampling import item_standings
from ..services.sampling import sample_draw, sample_item_record

CHECK_POINTS = {
    "unit": "；".join(label for _c, label in UNIT_ITEMS) + "（常人社发〔2011〕11号 第二十二条）",
    "class": "签到表（每半天签到签退）、授课讲义课件、现场照片、考试及学时认定材料",
    "person": "学习记录与证明材料是否一致，证书登记与验证情况",
}


def _sample(request: HttpRequest, pk: int) -> Sample:
    sample = restrict(Sample.objects.select_related("region", "created_by"), request.user).filter(pk=pk).first()
    if sample is None:
        raise Http404("页面不存在")
    return sample


@login_required
def sample_list_view(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user, region_code=request.GET.get("region", "") or request.POST.get("region", ""))
    form = SampleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sample = sample_draw(actor=request.user, region=scope.region, **form.cleaned_data)  # type: ignore[arg-type]
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            return redirect("stats:sample_detail", pk=sample.pk)
    samples = restrict(Sample.objects.select_related("region", "created_by"), request.user)
    return render(request, "stats/sample_list.html", {"scope": scope, "form": form, **paginate(request, samples)})


def _items(sample: Sample) -> list[SampleItem]:
    """The checklist, each item with `standing`: its live 达标情况 of the sample's year (see
    `selectors.sampling.item_standings`)."""
    items = list(sample.items.select_related("unit__region", "training_class__provider", "professional__unit",
                                             "professional__region", "checked_by"))
    standings = item_standings(sample, items)
    for item in items:
        item.standing = standings.get(item.pk, "")  # type: ignore[attr-defined]
    return items


@login_required
def sample_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    sample = _sample(request, pk)
    return render(request, "stats/sample_detail.html", {
        "sample": sample, "items": _items(sample), "check_points": CHECK_POINTS[sample.kind],
    })


@login_required
@require_POST
def sample_item_record_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = restrict(SampleItem.objects.select_related("sample__region"), request.user, "change").filter(pk=pk).first()
    if item is None:
        raise Http404("页面不存在")
    form = ItemResultForm(request.POST)
    if form.is_valid():
        try:
            sample_item_record(actor=request.user, item=item, **form.cleaned_data)  # type: ignore[arg-type]
        except ApplicationError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, "请选择检查结果")
    return redirect("stats:sample_detail", pk=item.sample_id)


def _target_cells(item: SampleItem) -> list[str]:
    if item.unit is not None:
        return [item.unit.name, item.unit.region.name, f"职工{item.unit.staff_size}人"]
    if item.training_class is not None:
        c = item.training_class
        return [c.name, c.provider.name, f"{c.start_date:%Y-%m-%d} 计划{c.capacity}人"]
    assert item.professional is not None
    p = item.professional
    return [f"{p.name}（{p.masked_id_number}）", p.region.name, p.unit.name]


@login_required
def sample_checklist_xlsx_view(request: HttpRequest, pk: int) -> HttpResponse:
    sample = _sample(request, pk)
    items = _items(sample)
    rows = [[i.position, i.stratum, *_target_cells(i), i.standing, CHECK_POINTS[sample.kind],  # type: ignore[attr-defined]
             i.get_result_display(), i.finding] for i in items]
    info: list[list[object]] = [["抽样", sample.title], ["区划", sample.region.full_name], ["年度", sample.year],
            ["随机种子", sample.seed], ["总体数量", sample.population], ["样本量", sample.size]]
    strata = [[s["stratum"], s["population"], s["allocated"]] for s in sample.strata]
    data = write_xlsx([
        ("检查清单", ["序号", "分层", "检查对象", "区划/机构", "规模/单位", f"{sample.year}年度达标情况", "检查要点",
                  "检查结果", "检查情况"], rows),
        ("分层情况", ["分层", "总体数量", "抽取数量"], strata),
        ("抽样信息", ["项目", "内容"], info),
    ])
    people = [i.professional_id for i in items if i.professional_id is not None]
    if people:
        audit_sensitive_read(actor=request.user, obj=sample, region_path=sample.region.path, professional_ids=people,
                             what=f"下载抽样检查清单（{sample.title}）")
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(f"抽样检查清单-{sample.pk}.xlsx")
    return response
