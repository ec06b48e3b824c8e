"""The published contract holds for what the API really does: credentials, the one error shape, downloads, and a
finished itinerary validated against /api/schema/."""

import json

import pytest
import schemathesis
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from itineraries.models import Itinerary
from planner.wsgi import application
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")
DATE = upcoming(5, 4).isoformat()
PLAN = {"start": "pingyao-ancient-city", "days": 2, "date": DATE}


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def token(db):
    return Token.objects.create(user=User.objects.create_user("dev", password="pw")).key


@pytest.fixture
def done(api, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        accepted = api.post("/api/v1/itineraries/", PLAN, format="json").json()
    return accepted["id"]


@pytest.mark.parametrize("scheme", ["Token", "Bearer", "bearer"])
def test_both_token_prefixes_sign_the_request_in(api, token, scheme, django_capture_on_commit_callbacks):
    api.credentials(HTTP_AUTHORIZATION=f"{scheme} {token}")
    assert api.get("/api/v1/itineraries/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        made = api.post("/api/v1/itineraries/", PLAN, format="json").json()["id"]
    assert Itinerary.objects.get(pk=made).trip.owner.username == "dev"


@pytest.mark.parametrize(
    "header", ["Bearer not-a-key", "Token not-a-key", "Basic ZGV2OnB3", "JWT abc", "Bearer", "Token a b"]
)
@pytest.mark.parametrize("path", ["/api/v1/destinations/", "/api/v1/itineraries/"])
def test_a_credential_the_api_cannot_use_is_a_401_never_anonymous(api, header, path):
    api.credentials(HTTP_AUTHORIZATION=header)
    response = api.get(path)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["detail"]


def test_a_revoked_token_is_a_401(api, token):
    Token.objects.filter(key=token).delete()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/itineraries/").status_code == 401


def fields(error: dict) -> dict[str, str]:
    return {item["field"]: item["code"] for item in error["errors"]}


def test_field_errors_name_every_field_with_a_code_in_one_shape(api):
    body = {"start": "pingyao-ancient-city", "days": 0, "must": ["ok", "not a slug"], "interests": ["sleep"]}
    response = api.post("/api/v1/itineraries/", body, format="json")
    error = response.json()
    assert set(error) == {"code", "message", "detail", "errors", "request_id"}
    assert error["code"] == "invalid_request"
    assert fields(error) == {"days": "min_value", "must[1]": "invalid", "interests[0]": "invalid_choice"}
    for field in ("days", "must[1]", "interests[0]"):
        assert field in error["message"]
    assert error["detail"] == error["message"]
    assert error["request_id"] == response["X-Request-ID"]


def test_an_unknown_start_is_named_beside_a_bad_days(api):
    error = api.post("/api/v1/itineraries/", {"start": "nowhere", "days": 40}, format="json").json()
    assert fields(error) == {"days": "max_value", "start": "unknown_place"}


def test_trip_rule_errors_and_body_errors_have_the_same_shape(api):
    unknown = api.post("/api/v1/itineraries/", {**PLAN, "must": ["no-such-temple"]}, format="json").json()
    assert unknown["errors"] == [
        {"field": "must", "code": "unknown_place", "message": "Unknown place 'no-such-temple'."}
    ]
    not_an_object = api.post("/api/v1/itineraries/", [1], format="json").json()
    assert [e["field"] for e in not_an_object["errors"]] == [""]
    bad_filter = api.get("/api/v1/destinations/?kind=castle").json()
    assert fields(bad_filter) == {"kind": "invalid_choice"}
    assert "kind" in bad_filter["message"]


def test_a_sane_request_id_sent_by_the_client_is_kept(api):
    response = api.get("/api/v1/destinations/no-such-place/", HTTP_X_REQUEST_ID="trace-1234abcd")
    assert response.status_code == 404
    assert response.json()["request_id"] == "trace-1234abcd" == response["X-Request-ID"]
    assert response.json()["code"] == "not_found"


def test_a_form_body_is_a_415_and_a_broken_json_body_a_400(api):
    form = api.post("/api/v1/itineraries/", "start=pingyao", content_type="application/x-www-form-urlencoded")
    assert form.status_code == 415
    assert "media type" in form.json()["detail"]
    broken = api.post("/api/v1/itineraries/", "{", content_type="application/json")
    assert broken.status_code == 400
    assert "JSON" in broken.json()["detail"]


def test_accepted_points_at_the_itinerary_in_its_location(api, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/api/v1/itineraries/", PLAN, format="json")
    assert response.status_code == 202
    assert response["Location"] == response.json()["url"]
    assert response.json()["status"] in {"queued", "running", "done"}


@pytest.mark.parametrize(
    ("export", "accept", "kind"),
    [
        ("gpx", None, "application/gpx+xml"),
        ("gpx", "application/gpx+xml", "application/gpx+xml"),
        ("gpx", "application/octet-stream", "application/octet-stream"),
        ("ics", "text/calendar", "text/calendar"),
        ("ics", "application/octet-stream", "application/octet-stream"),
        ("gpx", "image/png", "application/gpx+xml"),
    ],
)
def test_downloads_answer_their_file_type_for_any_accept(api, done, export, accept, kind):
    headers = {} if accept is None else {"HTTP_ACCEPT": accept}
    response = api.get(f"/api/v1/itineraries/{done}/{export}", **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(kind)
    assert response.content.startswith(b"<?xml" if export == "gpx" else b"BEGIN:VCALENDAR")


def test_download_errors_answer_json_whatever_the_accept(api):
    waiting = Itinerary.objects.new_trip(request=PLAN)
    response = api.get(f"/api/v1/itineraries/{waiting.pk}/gpx", HTTP_ACCEPT="application/gpx+xml")
    assert response.status_code == 409
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_done"
    assert "not done" in response.json()["message"]


def test_a_finished_itinerary_and_its_geojson_match_the_published_schema(done, keep_test_connection):
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    for path in ("/api/v1/itineraries/{id}/", "/api/v1/itineraries/{id}/geojson/"):
        case = schema[path]["GET"].Case(path_parameters={"id": done})
        response = case.call()
        assert response.status_code == 200
        case.validate_response(response)
    body = json.loads(schema["/api/v1/itineraries/{id}/"]["GET"].Case(path_parameters={"id": done}).call().text)
    assert body["status"] == "done"
    assert body["result"]["days"][0]["legs"]
