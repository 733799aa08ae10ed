from django.test import Client


def test_openapi_schema_and_docs_are_served_and_list_the_endpoints(db):
    client = Client()
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    for path in [
        "/api/v1/regions",
        "/api/v1/regions/{region_id}",
        "/api/v1/hr-bureaus",
        "/api/v1/industry-authorities",
        "/api/v1/employer-units",
        "/api/v1/providers",
        "/api/v1/professionals",
        "/api/v1/professionals/{pk}/identity",
        "/api/v1/rulesets",
        "/api/v1/rulesets/{ruleset_id}/check",
    ]:
        assert path in paths, path
    assert client.get("/api/v1/docs").status_code == 200


def test_api_errors_are_json_with_the_field_named(world, client_for):
    response = client_for("hr_fuzhou").get("/api/v1/professionals", {"unit_id": "abc"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "unit_id"
