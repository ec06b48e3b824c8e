"""The published schema is strict and honest: valid OpenAPI 3.0.3, its version the changelog's, security that
says which operations work anonymously, every always-sent field required, and the headers the API sends."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from openapi_spec_validator import OpenAPIV30SpecValidator
from rest_framework.test import APIClient

CHANGELOG = Path(__file__).resolve().parents[2] / "docs" / "api.md"


@pytest.fixture(scope="module")
def schema(django_db_blocker) -> dict:
    with django_db_blocker.unblock():
        return json.loads(APIClient().get("/api/schema/?format=json").content)


def nodes(tree):
    if isinstance(tree, dict):
        yield tree
        for value in tree.values():
            yield from nodes(value)
    elif isinstance(tree, list):
        for value in tree:
            yield from nodes(value)


def operations(schema: dict):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_the_schema_validates_as_openapi_3_0_3(schema):
    assert schema["openapi"] == "3.0.3"
    assert list(OpenAPIV30SpecValidator(schema).iter_errors()) == []
    # Under 3.0.3 `nullable` admits null only beside a `type`: a nullable allOf of a reference never did.
    assert not [node for node in nodes(schema) if node.get("nullable") and "type" not in node]


def test_info_version_is_the_changelogs_latest(schema):
    latest = re.search(r"^- \*\*(\d+\.\d+\.\d+) ", CHANGELOG.read_text(), re.MULTILINE).group(1)
    assert schema["info"]["version"] == latest == settings.SPECTACULAR_SETTINGS["VERSION"]


def test_only_operations_no_anonymous_caller_completes_demand_credentials(schema):
    signed_in = {op["operationId"] for _, _, op in operations(schema) if op.get("security")}
    assert signed_in == {
        "itineraries_list",
        "itineraries_destroy",
        "itineraries_collaborators_list",
        "itineraries_collaborators_destroy",
        "tokens_list",
        "tokens_create",
        "tokens_destroy",
    }


def test_every_401_declares_www_authenticate_and_every_answer_a_request_id(schema):
    for _, _, operation in operations(schema):
        for code, response in operation["responses"].items():
            assert "X-Request-ID" in response["headers"], (operation["operationId"], code)
            if code == "401":
                assert "WWW-Authenticate" in response["headers"]


def test_always_sent_fields_are_required(schema):
    components = schema["components"]["schemas"]
    for name in ("Destination", "ThemedRoute", "Error", "FieldError", "Version", "Accepted", "ApiToken"):
        component = components[name]
        optional = set(component["properties"]) - set(component.get("required", []))
        assert optional <= {"changed", "latest_version"}, (name, optional)


def test_conditional_gets_and_retries_are_declared(schema):
    paths = schema["paths"]
    for path in ("/api/v1/itineraries/{id}/", "/api/v1/destinations/", "/api/v1/routes/", "/api/v1/highways/"):
        get = paths[path]["get"]
        assert "If-None-Match" in {p["name"] for p in get["parameters"]}
        assert "ETag" in get["responses"]["200"]["headers"]
        assert "304" in get["responses"]
    for path in ("/api/v1/itineraries/", "/api/v1/itineraries/{id}/replan/", "/api/v1/itineraries/{id}/edit/"):
        post = paths[path]["post"]
        assert "Idempotency-Key" in {p["name"] for p in post["parameters"]}
        assert {"409", "422"} <= set(post["responses"])
        assert post["requestBody"]["required"] is True


def test_shapes_are_what_the_operations_answer(schema):
    paths = schema["paths"]
    versions = paths["/api/v1/itineraries/{id}/versions/"]["get"]["responses"]["200"]["content"]
    assert versions["application/json"]["schema"]["type"] == "array"
    ics = paths["/api/v1/itineraries/{id}/ics/"]["get"]["responses"]["200"]["content"]
    assert next(iter(ics)) == "application/octet-stream"  # generators read the first type listed as bytes
    assert set(ics) == {"application/octet-stream", "text/calendar"}
    for path in ("/api/v1/highways/", "/api/v1/itineraries/{id}/geojson/"):
        assert list(paths[path]["get"]["responses"]["200"]["content"]) == ["application/geo+json"]
    near = next(p for p in paths["/api/v1/destinations/"]["get"]["parameters"] if p["name"] == "near")
    assert re.match(near["schema"]["pattern"], "37.2,112.18")
    category = next(p for p in paths["/api/v1/destinations/"]["get"]["parameters"] if p["name"] == "category")
    assert category["schema"] == {"$ref": "#/components/schemas/InterestEnum"}
    assert "PlanRequest" in schema["components"]["schemas"]
    assert schema["components"]["schemas"]["PlanRequest"]["minProperties"] == 1


@pytest.mark.usefixtures("catalogue")
def test_the_headers_the_schema_declares_are_sent():
    api = APIClient()
    listed = api.get("/api/v1/destinations/")
    assert api.get("/api/v1/destinations/", HTTP_IF_NONE_MATCH=listed["ETag"]).status_code == 304
    roads = api.get("/api/v1/highways/")
    assert roads["Content-Type"] == "application/geo+json"
    assert api.get("/api/v1/highways/", HTTP_IF_NONE_MATCH=roads["ETag"]).status_code == 304
    anonymous = api.get("/api/v1/itineraries/")
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"] == 'Bearer realm="api"'
    assert anonymous.json()["code"] == "not_authenticated"
