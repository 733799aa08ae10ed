"""Courseware files through Django's storage API, served with HTTP range requests (RFC 9110
§14: 206 for a single or suffix range, 416 for an unsatisfiable one) so players can seek."""

from __future__ import annotations

import pytest
from django.core.files.storage import InMemoryStorage

from jxjy.online.media import Unsatisfiable, parse_range
from jxjy.online.services.learning import enrolment_create

from .builders import FAKE_VIDEO, build_course

SIZE = len(FAKE_VIDEO)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("bytes=0-99", (0, 99)),
        ("bytes=100-", (100, 999)),
        ("bytes=-100", (900, 999)),
        ("bytes=-5000", (0, 999)),
        ("bytes=990-5000", (990, 999)),
        ("bytes=0-0", (0, 0)),
        ("bytes=5-1", None),  # invalid: ignored, whole file
        ("bytes=0-1,5-9", None),  # several ranges: answered in full
        ("items=0-1", None),
        ("bytes=-", None),
    ],
)
def test_range_headers_are_parsed_as_rfc_9110_says(header: str | None, expected: tuple[int, int] | None) -> None:
    assert parse_range(header, 1000) == expected


@pytest.mark.parametrize("header", ["bytes=1000-", "bytes=1000-1200", "bytes=-0"])
def test_unsatisfiable_ranges(header: str) -> None:
    with pytest.raises(Unsatisfiable):
        parse_range(header, 1000)


@pytest.fixture
def unit(world):  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"])
    enrolment_create(actor=world.users["pro_gl_doctor"], course=course)
    return course.units.first()


def body(response) -> bytes:  # type: ignore[no-untyped-def]
    return b"".join(response.streaming_content)


@pytest.mark.django_db
def test_a_single_range_gets_206_partial_content(unit, client_for):  # type: ignore[no-untyped-def]
    response = client_for("pro_gl_doctor").get(f"/online/units/{unit.pk}/media", HTTP_RANGE="bytes=10-19")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 10-19/{SIZE}"
    assert response["Content-Length"] == "10"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/webm"
    assert body(response) == FAKE_VIDEO[10:20]


@pytest.mark.django_db
def test_a_suffix_range_gets_the_last_bytes(unit, client_for):  # type: ignore[no-untyped-def]
    response = client_for("pro_gl_doctor").get(f"/online/units/{unit.pk}/media", HTTP_RANGE="bytes=-100")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {SIZE - 100}-{SIZE - 1}/{SIZE}"
    assert body(response) == FAKE_VIDEO[-100:]


@pytest.mark.django_db
def test_an_open_range_runs_to_the_end_and_a_long_file_streams_in_chunks(unit, client_for, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("jxjy.online.media.CHUNK", 100)
    response = client_for("pro_gl_doctor").get(f"/online/units/{unit.pk}/media", HTTP_RANGE="bytes=50-")
    chunks = list(response.streaming_content)
    assert response.status_code == 206 and len(chunks) > 1
    assert b"".join(chunks) == FAKE_VIDEO[50:]


@pytest.mark.django_db
def test_an_unsatisfiable_range_gets_416_with_the_size(unit, client_for):  # type: ignore[no-untyped-def]
    response = client_for("pro_gl_doctor").get(f"/online/units/{unit.pk}/media", HTTP_RANGE=f"bytes={SIZE}-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{SIZE}"


@pytest.mark.django_db
def test_without_a_range_the_whole_file_is_sent_and_ranges_are_advertised(unit, client_for):  # type: ignore[no-untyped-def]
    response = client_for("pro_gl_doctor").get(f"/online/units/{unit.pk}/media")
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes" and response["Content-Length"] == str(SIZE)
    assert body(response) == FAKE_VIDEO


@pytest.mark.django_db
def test_courseware_is_not_served_outside_scope(unit, world, client_for):  # type: ignore[no-untyped-def]
    from django.test import Client

    assert Client().get(f"/online/units/{unit.pk}/media").status_code == 302  # to the login page
    for name in ("hr_quanzhou", "unit_tj_company"):
        assert client_for(name).get(f"/online/units/{unit.pk}/media").status_code == 404, name
    assert client_for("provider_fz").get(f"/online/units/{unit.pk}/media", HTTP_RANGE="bytes=0-1").status_code == 206


@pytest.mark.django_db
def test_courseware_goes_through_the_configured_storage_so_an_s3_backend_is_a_setting(world, settings, client_for):  # type: ignore[no-untyped-def]
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    course = build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"], code="OC-S3")
    unit = course.units.first()
    assert isinstance(unit.file.storage, InMemoryStorage)
    assert unit.file.storage.exists(unit.file.name)
    enrolment_create(actor=world.users["pro_gl_doctor"], course=course)
    response = client_for("pro_gl_doctor").get(f"/online/units/{unit.pk}/media", HTTP_RANGE="bytes=-4")
    assert response.status_code == 206 and body(response) == FAKE_VIDEO[-4:]
