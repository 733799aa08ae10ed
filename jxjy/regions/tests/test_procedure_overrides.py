"""A bureau's override of a procedural parameter for its region (issue 13 item 1): the workflows read
it, its reference names the reason and the cited original, and only the region's HR officers set it,
with a reason, audited."""

from __future__ import annotations

import datetime as dt

import pytest

from jxjy.accounts.models import Role
from jxjy.accounts.policy import restrict
from jxjy.audit.models import AuditEvent
from jxjy.core.errors import ApplicationError
from jxjy.core.testing import make_user
from jxjy.records.services.verification import verification_deadline
from jxjy.regions.models import ProcedureOverride
from jxjy.regions.procedures import region_procedure, region_procedure_items
from jxjy.regions.services import procedure_override_set
from jxjy.training.models import TrainingSettings
from jxjy.training.services.config import settings_for

FROM = dt.date(2025, 1, 1)


def _set(world, user: str, region, name: str, value: str, reason: str = "本区验证工作量大，经局务会研究延长一个月",
         valid_from: dt.date = FROM, ends: bool = False) -> ProcedureOverride:
    return procedure_override_set(actor=world.users[user], region=region, name=name, value=value,
                                  valid_from=valid_from, reason=reason, ends=ends)


def test_an_override_moves_the_verification_deadline_of_that_region_only(world):
    """泉洛政人社[2017]27号 二（一）的验证期限（福州未规定，系统默认次年2月底前）：鼓楼区人社局调整为3月底，
    鼓楼的验证期限随之改变，同属福州的台江区不变。"""
    before_gulou, _ = verification_deadline(2025, world.gulou)
    _set(world, "hr_gulou", world.gulou, "verification_due_month", "3")
    due_gulou, cited = verification_deadline(2025, world.gulou)
    due_taijiang, cited_taijiang = verification_deadline(2025, world.taijiang)
    assert before_gulou == dt.date(2026, 2, 28)
    assert due_gulou == dt.date(2026, 3, 31)
    assert due_taijiang == dt.date(2026, 2, 28)
    assert cited.reference.startswith("鼓楼区人社局调整：本区验证工作量大，经局务会研究延长一个月（原规定：")
    assert cited_taijiang.reference in cited.reference  # the cited original stays visible
    assert cited.original is not None and cited.original.value == 2 and not cited.is_default
    assert cited_taijiang.original is None


def test_an_override_changes_the_class_lead_time_the_class_workflow_reads(world):
    """泉洛政人社[2017]27号 一（五）2（开班申请提前10个工作日）：福州市人社局调整为15个工作日，福州及其
    辖区（鼓楼）的办班设置读到15，泉州不变；本局在培训设置中填写的数值仍优先。"""
    _set(world, "hr_fuzhou", world.fuzhou, "class_application_lead_working_days", "15", "重大活动期间审核力量不足")
    gulou = settings_for(world.bureaus["350102"])
    assert gulou.min_working_days == 15
    assert settings_for(world.bureaus["350500"]).min_working_days == 10
    TrainingSettings.objects.create(hr_bureau=world.bureaus["350102"], min_working_days=12)
    assert settings_for(world.bureaus["350102"]).min_working_days == 12


def test_a_city_override_does_not_cross_a_district_with_its_own_rule_set(world):
    """泉洛政人社[2017]27号 一（五）2 为洛江区自己的规定：泉州市人社局的调整只覆盖沿用市里规定的地区，
    不覆盖有自己规则集的洛江区；洛江区人社局可以调整自己的。"""
    cited = region_procedure(world.luojiang, "class_application_lead_working_days").value
    _set(world, "hr_quanzhou", world.quanzhou, "class_application_lead_working_days", "20", "市里统一安排")
    assert region_procedure(world.quanzhou, "class_application_lead_working_days").value == 20
    assert region_procedure(world.luojiang, "class_application_lead_working_days").value == cited
    make_user("hr_luojiang", Role.HR_OFFICER, hr_bureau=world.bureaus["350504"], region=world.luojiang)
    procedure_override_set(actor=None, region=world.luojiang, name="class_application_lead_working_days", value="8",
                           valid_from=FROM, reason="区内培训需求急")
    assert region_procedure(world.luojiang, "class_application_lead_working_days").value == 8


def test_an_override_takes_effect_on_its_date_and_ending_it_restores_the_cited_value(world):
    """泉洛政人社[2017]27号 二（一）：调整自起始日期起生效；终止后恢复原规定。"""
    _set(world, "hr_gulou", world.gulou, "verification_due_month", "4")
    assert region_procedure(world.gulou, "verification_due_month", dt.date(2024, 12, 31)).value == 2
    assert region_procedure(world.gulou, "verification_due_month", dt.date(2025, 6, 1)).value == 4
    _set(world, "hr_gulou", world.gulou, "verification_due_month", "", "恢复按原规定执行",
         valid_from=dt.date(2026, 1, 1), ends=True)
    assert region_procedure(world.gulou, "verification_due_month", dt.date(2025, 12, 31)).value == 4
    back = region_procedure(world.gulou, "verification_due_month", dt.date(2026, 6, 1))
    assert back.value == 2 and back.original is None


def test_a_list_override_is_read_by_the_list_reader(world):
    """泉洛政人社[2017]27号 一（五）3 的认定材料：调整后列表读取器返回调整的项目并注明原规定。"""
    _set(world, "hr_gulou", world.gulou, "hours_recognition_evidence", "roster，sign_in", "简化材料试点")
    found = region_procedure_items(world.gulou, "hours_recognition_evidence", dt.date(2025, 3, 1))
    assert found.items == ("roster", "sign_in")
    assert found.original is not None and "photo" in found.original.items
    assert "简化材料试点" in found.reference


def test_choice_values_may_be_typed_as_the_names_officers_read(world):
    """榕人专〔2009〕145号 附件2 的集中公示方式：填写页面显示的名称即可。"""
    _set(world, "hr_gulou", world.gulou, "class_notice_mode", "每季度第一周集中公示", "集中公示便于监督")
    _set(world, "hr_gulou", world.gulou, "class_reviewers_city", "主管部门（如有）, 培训对象所在地人社局", "区里把关")
    assert region_procedure(world.gulou, "class_notice_mode", dt.date(2025, 3, 1)).value == "quarterly_first_week"
    chain = region_procedure_items(world.gulou, "class_reviewers_city", dt.date(2025, 3, 1)).items
    assert chain == ("supervising_authority?", "target_bureau")


def test_the_reason_is_required(world):
    """调整须写明理由（与原规定一并显示）。"""
    with pytest.raises(ApplicationError) as exc:
        _set(world, "hr_gulou", world.gulou, "verification_due_month", "3", reason="  ")
    assert exc.value.field == "reason" and "调整理由" in exc.value.message
    assert not ProcedureOverride.objects.exists()


@pytest.mark.parametrize(("name", "value", "fragment"), [
    ("verification_due_month", "13", "1至12"),
    ("verification_due_month", "2.5", "整数"),
    ("class_public_notice_days", "五天", "不是数字"),
    ("verification_late_forfeits", "也许", "是”或“否"),
    ("class_notice_mode", "monthly", "审核后即公示"),
    ("hours_recognition_evidence", "roster, video", "video"),
])
def test_an_invalid_value_is_refused_with_the_field_named(world, name, value, fragment):
    """数值、是否、方式和列表按 procedures.yaml 声明的类型、可选项和单位校验。"""
    with pytest.raises(ApplicationError) as exc:
        _set(world, "hr_gulou", world.gulou, name, value)
    assert exc.value.field == "value" and exc.value.message.startswith("调整值：") and fragment in exc.value.message


def test_an_unknown_parameter_is_refused(world):
    with pytest.raises(ApplicationError) as exc:
        _set(world, "hr_gulou", world.gulou, "no_such_parameter", "1")
    assert exc.value.field == "name"


def test_setting_and_replacing_is_audited_with_before_and_after(world):
    """每次调整记入审计日志（变更前、变更后）。"""
    row = _set(world, "hr_gulou", world.gulou, "verification_due_month", "3")
    _set(world, "hr_gulou", world.gulou, "verification_due_month", "4", reason="再延一个月")
    events = list(AuditEvent.objects.filter(object_type="regions.procedureoverride", object_id=str(row.pk)).order_by("seq"))
    assert [e.action for e in events] == ["create", "update"]
    assert events[0].before is None and events[0].after["value"] == 3
    assert events[1].before["value"] == 3 and events[1].after["value"] == 4
    assert events[1].after["reason"] == "再延一个月" and events[1].region_path == world.gulou.path
    assert ProcedureOverride.objects.count() == 1


def test_the_page_shows_the_cited_value_beside_the_override(world, client_for):
    """页面列出本地区每项参数的原规定及依据，调整值与理由在旁。"""
    _set(world, "hr_gulou", world.gulou, "verification_due_month", "3")
    page = client_for("hr_gulou").get("/regions/procedures/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "鼓楼区程序参数调整" in html and "本区验证工作量大" in html
    assert region_procedure(world.taijiang, "verification_due_month").reference in html
    assert "每季度第一周集中公示" in html and "quarterly_first_week" not in html and "city_bureau" not in html


def test_the_page_sets_an_override_for_the_officers_own_region(world, client_for):
    """人社部门工作人员只能调整本地区：福州市的工作人员提交的调整属于福州市。"""
    response = client_for("hr_fuzhou").post("/regions/procedures/", {
        "name": "class_public_notice_days", "action": "set", "value": "7", "valid_from": "2025-01-01",
        "reason": "延长公示便于监督", "region": str(world.gulou.pk)})
    assert response.status_code == 302
    row = ProcedureOverride.objects.get()
    assert row.region == world.fuzhou and row.value == 7 and row.set_by == world.users["hr_fuzhou"]
    assert restrict(ProcedureOverride.objects.all(), world.users["hr_gulou"]).count() == 0
    assert restrict(ProcedureOverride.objects.all(), world.users["hr_fuzhou"], "change").count() == 1


def test_the_page_refuses_bad_input_with_422_naming_the_field(world, client_for):
    client = client_for("hr_gulou")
    no_reason = client.post("/regions/procedures/", {
        "name": "verification_due_month", "action": "set", "value": "3", "valid_from": "2025-01-01", "reason": ""})
    bad_value = client.post("/regions/procedures/", {
        "name": "verification_due_month", "action": "set", "value": "13", "valid_from": "2025-01-01", "reason": "试点"})
    assert no_reason.status_code == 422 and "调整理由：请填写调整的理由" in no_reason.content.decode()
    assert bad_value.status_code == 422 and "调整值：须在1至12月之间" in bad_value.content.decode()
    assert not ProcedureOverride.objects.exists()


@pytest.mark.parametrize("user", ["unit_gl_hospital", "provider_fz", "auth_fz_health", "pro_gl_doctor"])
def test_only_hr_officers_may_open_or_post_the_page(world, client_for, user):
    client = client_for(user)
    assert client.get("/regions/procedures/").status_code == 403
    posted = client.post("/regions/procedures/", {
        "name": "verification_due_month", "action": "set", "value": "3", "valid_from": "2025-01-01", "reason": "x"})
    assert posted.status_code == 403
    assert not ProcedureOverride.objects.exists()
