"""The quota cut applies (issue 13 item 6): 对继续教育抽查不合格的单位，年度考核时优秀比例在原规定比例基础上
核减1%—2% (常人社发〔2011〕11号 第二十三条). A unit records its 年度考核优秀 grades against the reduced quota, sees
the quota and its basis, and is refused in Chinese past it; each grade needs the year's CE done (第十四条)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jxjy.accounts.models import Role
from jxjy.core.errors import ApplicationError
from jxjy.core.testing import make_professional, make_user
from jxjy.online.tests.builders import add_changzhou
from jxjy.records.tests.helpers import recognised
from jxjy.stats.choices import UNIT_ITEMS
from jxjy.stats.models import Assessment, ExcellentGrade
from jxjy.stats.services.assessments import assessment_unit_record, excellent_grade_record, excellent_quota

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def cz_unit(world):
    cz = add_changzhou(world)
    unit = cz.professional.unit
    staff = [cz.professional] + [make_professional(unit, f"员工{i}", title=world.titles["工程师"]) for i in range(9)]
    for person in staff:
        recognised(person, dt.date(YEAR, 4, 1), hours=24, subject="public")
        recognised(person, dt.date(YEAR, 5, 1), hours=48)
    admin = make_user("unit_cz", Role.UNIT_ADMIN, employer_unit=unit, region=unit.region)
    return cz, unit, staff, admin


def _fail(cz, unit, cut: str) -> None:
    items = {code: (True, "") for code, _ in UNIT_ITEMS} | {"funding": (False, "继续教育经费未落实")}
    assessment_unit_record(actor=cz.officer, unit=unit, year=YEAR, items=items, quota_cut_percent=Decimal(cut))


def test_changzhou_23_a_unit_that_failed_the_spot_check_gets_a_reduced_quota_and_is_refused_past_it(cz_unit):
    """常人社发〔2011〕11号 第二十三条: 10 staff at the default 20 % give 2 places; a 2 % cut leaves 18 %, 1 place."""
    cz, unit, staff, admin = cz_unit
    before = excellent_quota(unit, YEAR)
    assert (before.participants, before.percent, before.most) == (10, Decimal(20), 2)
    assert before.base_basis.startswith("默认（default）")
    _fail(cz, unit, "2")
    quota = excellent_quota(unit, YEAR)
    assert (quota.cut_percent, quota.percent, quota.most) == (Decimal(2), Decimal(18), 1)
    assert "常人社发〔2011〕11号 第二十三条" in quota.cut_basis
    notice = Assessment.objects.get(unit=unit, year=YEAR).notice_text
    assert f"{YEAR}年度考核时优秀比例核减2%（常人社发〔2011〕11号 第二十三条" in notice and notice.endswith("予以通报。")
    excellent_grade_record(actor=admin, professional=staff[0], year=YEAR)
    with pytest.raises(ApplicationError) as refused:
        excellent_grade_record(actor=admin, professional=staff[1], year=YEAR)
    message = refused.value.message
    assert message.startswith(f"本单位{YEAR}年度考核优秀名额已满")
    assert "核减2%（" in message and "常人社发〔2011〕11号 第二十三条" in message and "最多1人，已评1人" in message
    assert refused.value.field == "professional"
    assert ExcellentGrade.objects.filter(unit=unit, year=YEAR).count() == 1


def test_changzhou_14_an_excellent_grade_needs_the_years_ce_completed(cz_unit, world):
    """作为……年度考核能否优秀的必备条件之一 (常人社发〔2011〕11号 第十四条)."""
    _cz, unit, _staff, admin = cz_unit
    newcomer = make_professional(unit, "新员工", title=world.titles["工程师"])
    with pytest.raises(ApplicationError, match="不能评为2025年度考核优秀.*常人社发〔2011〕11号 第十四条"):
        excellent_grade_record(actor=admin, professional=newcomer, year=YEAR)


def test_the_unit_sees_its_reduced_quota_and_its_basis(cz_unit, client):
    cz, unit, staff, admin = cz_unit
    _fail(cz, unit, "1.5")
    client.force_login(admin)
    html = client.get(f"/stats/excellent/?year={YEAR}").content.decode()
    assert "优秀比例核减 <strong>1.5%</strong>" in html and "常人社发〔2011〕11号 第二十三条" in html
    assert 'id="quota-left">1<' in html  # 10 × 18.5 % = 1.85 → 1
    response = client.post(f"/stats/excellent/?year={YEAR}", {"professional": staff[2].pk, "year": YEAR})
    assert response.status_code == 302
    assert ExcellentGrade.objects.filter(professional=staff[2], year=YEAR).exists()
    client.force_login(cz.officer)
    assert client.get("/stats/excellent/").status_code == 404
