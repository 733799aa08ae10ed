"""模拟日期 (issue 15 item 2): in the development settings an HR officer moves the workflow's date
forward so a trial walks a class in minutes; anywhere else the control and its offset do not exist
(the production settings are checked through gunicorn in test_production_login.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jxjy.audit.models import AuditEvent
from jxjy.core import demo_clock
from jxjy.core.models import DemoClock
from jxjy.training import clock


@pytest.fixture
def trial(settings):  # type: ignore[no-untyped-def]
    settings.JXJY_DEMO_CLOCK = True
    demo_clock.forget()
    yield
    demo_clock.forget()


def test_an_hr_officer_moves_the_workflow_date_forward_and_back(world, client_for, trial):
    real = timezone.localdate()
    client = client_for("hr_fuzhou")
    assert 'id="demo-clock"' in client.get("/").content.decode()
    response = client.post("/demo-clock/", {"action": "7", "next": "/people/"})
    assert response.status_code == 302 and response["Location"] == "/people/"
    assert clock.today() == real + dt.timedelta(days=7)
    page = client.get("/").content.decode()
    assert f'<span id="demo-clock-today">{real + dt.timedelta(days=7):%Y-%m-%d}</span>' in page
    client.post("/demo-clock/", {"action": "set", "day": (real + dt.timedelta(days=40)).isoformat()})
    assert clock.today() == real + dt.timedelta(days=40)
    event = AuditEvent.objects.filter(object_type="core.democlock").order_by("-seq").first()
    assert event is not None and event.after == {"offset_days": 40} and event.actor == world.users["hr_fuzhou"]
    client.post("/demo-clock/", {"action": "reset"})
    assert clock.today() == real


def test_the_date_only_moves_forward_with_a_clear_message(world, client_for, trial):
    client = client_for("hr_fuzhou")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    page = client.post("/demo-clock/", {"action": "set", "day": yesterday.isoformat()}, follow=True).content.decode()
    assert "模拟日期不能早于今天" in page
    assert clock.today() == timezone.localdate()
    page = client.post("/demo-clock/", {"action": "set", "day": "明天"}, follow=True).content.decode()
    assert "请按 YYYY-MM-DD 填写模拟日期" in page


def test_only_hr_officers_may_move_it_and_others_do_not_see_it(world, client_for, trial):
    client = client_for("pro_gl_doctor")
    assert 'id="demo-clock"' not in client.get("/").content.decode()
    assert client.post("/demo-clock/", {"action": "30"}).status_code == 403
    assert clock.today() == timezone.localdate()


def test_without_the_development_setting_there_is_no_demo_clock(world, client_for):
    DemoClock.objects.create(pk=1, offset_days=30)  # even a row left behind is never read
    demo_clock.forget()
    client = client_for("hr_fuzhou")
    assert client.post("/demo-clock/", {"action": "7"}).status_code == 404
    assert 'id="demo-clock"' not in client.get("/").content.decode()
    assert clock.today() == timezone.localdate()
