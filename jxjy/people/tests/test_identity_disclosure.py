"""Identity numbers stay hidden from roles that may not see them (issue 16 item 2).

The mask keeps only the region code and the check digit, and nobody without the policy's
"view_identity" is shown the birth date beside it. For each such role we collect everything it is
shown about a person — person pages, API JSON, exports — and count how many 18-digit numbers are
consistent with it: far too many to rebuild the number."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from openpyxl import load_workbook

from jxjy.audit.models import AuditAction, AuditEvent
from jxjy.core.testing import World
from jxjy.people.identity import _CHECK, _WEIGHTS, mask_identity_number
from jxjy.people.models import Professional
from jxjy.records.services import certificate_issue, verification_batch_create
from jxjy.records.tests.helpers import recognised

pytestmark = pytest.mark.django_db

MASKED = re.compile(r"\d{6}\*{11}[\dX]")
FULL = re.compile(r"(?<!\d)\d{17}[\dX](?!\d)")

#: The sequence codes (3 digits) by their weighted residue mod 11 and the sex their last digit gives.
_SEQ_COUNTS: dict[tuple[int, str], int] = {}
for _seq in range(1000):
    _digits = f"{_seq:03d}"
    _key = (sum(int(c) * w for c, w in zip(_digits, _WEIGHTS[14:17], strict=True)) % 11, "M" if _seq % 2 else "F")
    _SEQ_COUNTS[_key] = _SEQ_COUNTS.get(_key, 0) + 1


def candidate_numbers(masked: str, *, sex: str, birth_year: int | None = None) -> int:
    """How many valid identity numbers match `masked` (known region and check digit), the sex, and —
    when given — the birth year, over birth dates from 1900 to today."""
    assert MASKED.fullmatch(masked), masked
    region_sum = sum(int(c) * w for c, w in zip(masked[:6], _WEIGHTS[:6], strict=True))
    first = dt.date(birth_year, 1, 1) if birth_year else dt.date(1900, 1, 1)
    last = dt.date(birth_year, 12, 31) if birth_year else dt.date(2026, 12, 31)
    count, day = 0, first
    while day <= last:
        s = region_sum + sum(int(c) * w for c, w in zip(f"{day:%Y%m%d}", _WEIGHTS[6:14], strict=True))
        count += sum(n for (r, x), n in _SEQ_COUNTS.items() if x == sex and _CHECK[(s + r) % 11] == masked[17])
        day += dt.timedelta(days=1)
    return count


def test_the_mask_keeps_the_region_code_and_the_check_digit_only():
    assert mask_identity_number("35010219900101123X") == "350102***********X"


def test_the_candidate_count_matches_the_arithmetic():
    """With region, check digit, sex and birth year known: 365 days × 500 sequence codes ÷ 11 ≈ 16,600."""
    assert 15_000 < candidate_numbers("350102***********X", sex="M", birth_year=1990) < 18_500


def _xlsx_text(data: bytes) -> str:
    book = load_workbook(io.BytesIO(data))
    return "\n".join(str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row
                     if c.value is not None)


def _shown_to(client, person: Professional) -> str:  # type: ignore[no-untyped-def]
    """Everything the client's user is shown about `person`: pages, API and export files."""
    parts = []
    for url in (f"/people/{person.pk}/", f"/records/people/{person.pk}/", f"/api/v1/professionals/{person.pk}",
                f"/api/v1/professionals?q={person.name}", "/people/"):
        response = client.get(url)
        assert response.status_code == 200, url
        parts.append(response.content.decode())
    parts.append(_xlsx_text(client.get("/people/export.xlsx").content))
    return "\n".join(parts)


def _birth_date_forms(day: dt.date) -> list[str]:
    return [f"{day:%Y-%m-%d}", f"{day:%Y%m%d}", f"{day:%Y/%m/%d}", f"{day:%Y.%m.%d}", f"{day.year}年{day.month}月{day.day}日",
            f"{day.year}-{day.month}-{day.day}"]


def test_an_industry_authority_officer_cannot_rebuild_an_identity_number_from_what_it_is_shown(world: World,
                                                                                               client_for):
    person = world.people["gl_doctor"]
    batch = verification_batch_create(actor=world.users["unit_gl_hospital"], year=2025)
    client = client_for("auth_fz_health")
    shown = _shown_to(client, person)
    roster = client.get(f"/records/verification/{batch.pk}/roster.xlsx")
    if roster.status_code == 200:
        shown += _xlsx_text(roster.content)

    assert person.id_number not in shown and not FULL.search(shown)
    for form in _birth_date_forms(person.birth_date):
        assert form not in shown, form
    api = client.get(f"/api/v1/professionals/{person.pk}").json()
    assert api["birth_date"] is None and "出生日期" not in client.get(f"/people/{person.pk}/").content.decode()
    masks = set(MASKED.findall(shown))
    assert mask_identity_number(person.id_number) in masks
    # Even granting the officer the birth year and the sex, thousands of numbers remain possible.
    assert candidate_numbers(mask_identity_number(person.id_number), sex=person.sex,
                             birth_year=person.birth_date.year) > 10_000
    assert candidate_numbers(mask_identity_number(person.id_number), sex=person.sex) > 1_000_000


@pytest.mark.parametrize("role", ["hr_gulou", "unit_gl_hospital", "pro_gl_doctor"])
def test_roles_that_may_see_the_full_number_also_see_the_birth_date(world: World, client_for, role):
    person = world.people["gl_doctor"]
    client = client_for(role)
    assert f"{person.birth_date:%Y-%m-%d}" in client.get(f"/people/{person.pk}/").content.decode()
    assert client.get(f"/api/v1/professionals/{person.pk}").json()["birth_date"] == f"{person.birth_date:%Y-%m-%d}"


def test_the_api_list_gives_the_birth_date_only_to_entitled_roles(world: World, client_for):
    person = world.people["gl_doctor"]
    hr = client_for("hr_gulou").get("/api/v1/professionals", {"q": person.name}).json()["items"]
    officer = client_for("auth_fz_health").get("/api/v1/professionals", {"q": person.name}).json()["items"]
    assert [p["birth_date"] for p in hr] == [f"{person.birth_date:%Y-%m-%d}"]
    assert [p["birth_date"] for p in officer] == [None]
    assert json.dumps(officer).count(person.id_number[6:14]) == 0


def test_the_people_export_is_a_sensitive_read_naming_every_exported_person(world: World, client_for):
    client_for("hr_gulou").get("/people/export.xlsx")
    event = AuditEvent.objects.get(action=AuditAction.READ_SENSITIVE)
    expected = sorted(Professional.objects.filter(region__path__startswith=world.gulou.path).values_list("pk", flat=True))
    assert event.after["professional_ids"] == expected and expected
    assert f"{len(expected)}人" in event.message and str(expected[0]) in event.message


def test_the_verification_roster_download_is_a_sensitive_read_naming_its_people(world: World, client_for):
    batch = verification_batch_create(actor=world.users["unit_gl_hospital"], year=2025)
    data = client_for("unit_gl_hospital").get(f"/records/verification/{batch.pk}/roster.xlsx").content
    people = sorted(batch.entries.values_list("professional_id", flat=True))
    event = AuditEvent.objects.get(action=AuditAction.READ_SENSITIVE, object_id=str(batch.pk))
    assert event.after["professional_ids"] == people and event.actor == world.users["unit_gl_hospital"]
    assert world.people["gl_doctor"].id_number not in _xlsx_text(data)


def test_a_certificate_pdf_is_a_sensitive_read_naming_the_person(world: World, client_for):
    person = world.people["gl_doctor"]
    record = recognised(person, dt.date(2025, 3, 1), hours=12, course="急诊医学新进展")
    certificate_issue(actor=world.users["hr_gulou"], professional=person)
    assert client_for("pro_gl_doctor").get(f"/records/people/{person.pk}/certificate.pdf").status_code == 200
    assert client_for("pro_gl_doctor").get(f"/records/records/{record.pk}/completion.pdf").status_code == 200
    events = AuditEvent.objects.filter(action=AuditAction.READ_SENSITIVE, object_id=str(person.pk))
    assert sorted(e.message.split("：")[0][:10] for e in events) == ["查看结业证书PDF（", "查看继续教育证书PD"]
    assert all(e.after["professional_ids"] == [person.pk] for e in events)


def test_searching_by_a_full_number_finds_the_person_only_for_roles_that_may_see_it(world: World, client_for):
    """Otherwise the search box would confirm guesses of the hidden digits one by one."""
    person = world.people["gl_doctor"]
    assert [p["id"] for p in client_for("hr_gulou").get(
        "/api/v1/professionals", {"q": person.id_number}).json()["items"]] == [person.pk]
    assert client_for("auth_fz_health").get("/api/v1/professionals", {"q": person.id_number}).json()["items"] == []
    assert person.name not in client_for("auth_fz_health").get("/people/", {"q": person.id_number}).content.decode()
