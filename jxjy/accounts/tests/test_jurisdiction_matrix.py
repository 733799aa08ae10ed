"""Every list and detail page and every API endpoint, as every role, for objects inside and
outside its scope: a list never shows, and a detail answers 404 for, what lies outside."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

ALL = {
    "region": ["province", "fuzhou", "gulou", "taijiang", "quanzhou", "luojiang"],
    "bureau": ["350000", "350100", "350102", "350103", "350500", "350504"],
    "authority": ["fz_health", "gl_health", "qz_health"],
    "unit": ["gl_hospital", "gl_school", "tj_company", "lj_hospital"],
    "provider": ["fz_provider", "qz_provider"],
    "person": ["gl_doctor", "gl_teacher", "tj_engineer", "lj_doctor"],
}

VISIBLE: dict[str, dict[str, list[str]]] = {
    "admin": ALL,
    "hr_province": ALL,
    "hr_fuzhou": {
        "region": ["fuzhou", "gulou", "taijiang"],
        "bureau": ["350100", "350102", "350103"],
        "authority": ["fz_health", "gl_health"],
        "unit": ["gl_hospital", "gl_school", "tj_company"],
        "provider": ["fz_provider"],
        "person": ["gl_doctor", "gl_teacher", "tj_engineer"],
    },
    "hr_gulou": {
        "region": ["gulou"],
        "bureau": ["350102"],
        "authority": ["gl_health"],
        "unit": ["gl_hospital", "gl_school"],
        "provider": [],
        "person": ["gl_doctor", "gl_teacher"],
    },
    "hr_quanzhou": {
        "region": ["quanzhou", "luojiang"],
        "bureau": ["350500", "350504"],
        "authority": ["qz_health"],
        "unit": ["lj_hospital"],
        "provider": ["qz_provider"],
        "person": ["lj_doctor"],
    },
    "auth_fz_health": {
        "region": ["fuzhou", "gulou", "taijiang"],
        "bureau": ["350100", "350102", "350103"],
        "authority": ["fz_health", "gl_health"],
        "unit": ["gl_hospital"],
        "provider": ["fz_provider"],
        "person": ["gl_doctor"],
    },
    "unit_gl_hospital": {
        "region": ["gulou"],
        "bureau": ["350000", "350100", "350102"],
        "authority": ["gl_health"],
        "unit": ["gl_hospital"],
        "provider": [],
        "person": ["gl_doctor"],
    },
    "unit_tj_company": {
        "region": ["taijiang"],
        "bureau": ["350000", "350100", "350103"],
        "authority": [],
        "unit": ["tj_company"],
        "provider": [],
        "person": ["tj_engineer"],
    },
    "provider_fz": {
        "region": ["fuzhou", "gulou", "taijiang"],
        "bureau": ["350000", "350100"],
        "authority": [],
        "unit": [],
        "provider": ["fz_provider"],
        "person": [],
    },
    "pro_gl_doctor": {
        "region": ["gulou"],
        "bureau": ["350000", "350100", "350102"],
        "authority": [],
        "unit": ["gl_hospital"],
        "provider": [],
        "person": ["gl_doctor"],
    },
}

PAGES = {
    "region": ("regions:list", "regions:detail"),
    "bureau": ("orgs:bureau_list", "orgs:bureau_detail"),
    "authority": ("orgs:authority_list", "orgs:authority_detail"),
    "unit": ("orgs:unit_list", "orgs:unit_detail"),
    "provider": ("orgs:provider_list", "orgs:provider_detail"),
    "person": ("people:list", "people:detail"),
}
API = {
    "region": "/api/v1/regions",
    "bureau": "/api/v1/hr-bureaus",
    "authority": "/api/v1/industry-authorities",
    "unit": "/api/v1/employer-units",
    "provider": "/api/v1/providers",
    "person": "/api/v1/professionals",
}


def _object(world, kind: str, key: str):
    return {
        "region": lambda: getattr(world, key),
        "bureau": lambda: world.bureaus[key],
        "authority": lambda: getattr(world, key),
        "unit": lambda: getattr(world, key),
        "provider": lambda: getattr(world, key),
        "person": lambda: world.people[key],
    }[kind]()


def _client(world, role: str) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


@pytest.mark.parametrize("role", sorted(VISIBLE))
@pytest.mark.parametrize("kind", sorted(ALL))
def test_list_pages_show_exactly_the_objects_in_scope(world, role, kind):
    client = _client(world, role)
    list_name, detail_name = PAGES[kind]
    html = client.get(reverse(list_name), {"page": 1}).content.decode()
    for key in ALL[kind]:
        link = f'href="{reverse(detail_name, args=[_object(world, kind, key).pk])}"'
        assert (link in html) == (key in VISIBLE[role][kind]), f"{role} {kind} {key}"


@pytest.mark.parametrize("role", sorted(VISIBLE))
@pytest.mark.parametrize("kind", sorted(ALL))
def test_detail_pages_answer_404_outside_scope(world, role, kind):
    client = _client(world, role)
    _, detail_name = PAGES[kind]
    for key in ALL[kind]:
        status = client.get(reverse(detail_name, args=[_object(world, kind, key).pk])).status_code
        assert status == (200 if key in VISIBLE[role][kind] else 404), f"{role} {kind} {key}"


@pytest.mark.parametrize("role", sorted(VISIBLE))
@pytest.mark.parametrize("kind", sorted(ALL))
def test_api_lists_and_details_keep_to_the_scope(world, role, kind):
    client = _client(world, role)
    body = client.get(API[kind], {"page": 1}).json()
    ids = {item["id"] for item in body["items"]}
    expected = {_object(world, kind, key).pk for key in VISIBLE[role][kind]}
    assert ids == expected
    for key in ALL[kind]:
        pk = _object(world, kind, key).pk
        status = client.get(f"{API[kind]}/{pk}").status_code
        assert status == (200 if key in VISIBLE[role][kind] else 404), f"{role} {kind} {key}"


@pytest.mark.parametrize("kind", sorted(ALL))
def test_anonymous_users_get_the_login_page_and_a_401_from_the_api(world, kind):
    client = Client()
    list_name, detail_name = PAGES[kind]
    response = client.get(reverse(list_name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    pk = _object(world, kind, ALL[kind][0]).pk
    assert client.get(reverse(detail_name, args=[pk])).status_code == 302
    assert client.get(API[kind]).status_code == 401
    assert client.get(f"{API[kind]}/{pk}").status_code == 401


def test_identity_number_is_masked_on_lists_and_details(world, client_for):
    person = world.people["gl_doctor"]
    for url in (reverse("people:list"), reverse("people:detail", args=[person.pk])):
        html = client_for("hr_fuzhou").get(url).content.decode()
        assert person.masked_id_number in html
        assert person.id_number not in html
    api = client_for("hr_fuzhou").get(f"/api/v1/professionals/{person.pk}").json()
    assert api["masked_id_number"] == person.masked_id_number
    assert person.id_number not in str(api)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("hr_gulou", True), ("unit_gl_hospital", True), ("pro_gl_doctor", True), ("auth_fz_health", False), ("hr_quanzhou", None)],
)
def test_only_entitled_roles_see_the_full_identity_number_and_each_view_is_logged(world, client_for, role, allowed):
    from jxjy.audit.models import AuditEvent

    person = world.people["gl_doctor"]
    client = client_for(role)
    page = client.post(reverse("people:reveal_identity", args=[person.pk]))
    api = client.get(f"/api/v1/professionals/{person.pk}/identity")
    logged = AuditEvent.objects.filter(action="read_sensitive", object_id=str(person.pk), actor=world.users[role]).count()
    if allowed:
        assert person.id_number in page.content.decode()
        assert api.json()["id_number"] == person.id_number
        assert logged == 2
    else:
        assert page.status_code == (403 if allowed is False else 404)
        assert api.status_code == (403 if allowed is False else 404)
        assert logged == 0


def test_list_pages_cost_a_fixed_number_of_queries(world, client_for, django_assert_max_num_queries):
    from jxjy.core.testing import make_professional

    for i in range(30):
        make_professional(world.gl_hospital, f"人员{i}", title=world.titles["主治医师"])
    client = client_for("hr_fuzhou")
    with django_assert_max_num_queries(12):
        client.get(reverse("people:list"))
    with django_assert_max_num_queries(12):
        client.get(reverse("orgs:unit_list"))
