"""Holes an outside test of the stack found: each one reproduced as a request, then closed."""

import json
import re

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from itineraries.trips.models import Itinerary
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")
DATE = upcoming(5, 4).isoformat()
BODY = {"start": "jincheng", "days": 1, "date": DATE}


@pytest.fixture
def rate(settings):
    def set_rate(value: str) -> None:
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"plan_submit": value}}

    return set_rate


def test_a_replan_is_the_next_version_of_the_same_trip_and_only_its_people_may_ask(
    django_capture_on_commit_callbacks,
):
    alice = User.objects.create_user("alice", password="pw")
    bob = User.objects.create_user("bob", password="pw")
    api = APIClient()
    api.force_authenticate(alice)
    with django_capture_on_commit_callbacks(execute=True):
        trip = api.post("/api/v1/itineraries/", BODY, format="json").json()["id"]
    pin = {"pins": ["wangmangling"]}
    assert APIClient().post(f"/api/v1/itineraries/{trip}/replan", pin, format="json").status_code == 404
    as_bob = APIClient()
    as_bob.force_authenticate(bob)
    assert as_bob.post(f"/api/v1/itineraries/{trip}/replan", pin, format="json").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        again = api.post(f"/api/v1/itineraries/{trip}/replan", pin, format="json").json()["id"]
    second = api.get(f"/api/v1/itineraries/{again}/").json()
    assert (second["trip"], second["version"], second["origin"]) == (trip, 2, "replanned")
    assert Itinerary.objects.get(pk=again).trip.owner == alice
    listed = api.get("/api/v1/itineraries/").json()
    assert [row["id"] for row in listed["results"]] == [again]  # a trip is listed once, at its latest version


def test_a_forged_forwarded_for_header_does_not_reset_the_limit(rate):
    rate("3/day")
    api = APIClient()
    codes = [api.post("/api/v1/itineraries/", BODY, format="json").status_code for _ in range(4)]
    forged = [
        api.post("/api/v1/itineraries/", BODY, format="json", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code
        for n in range(5)
    ]
    assert codes == [202, 202, 202, 429]
    assert set(forged) == {429}


def test_behind_a_trusted_proxy_the_forwarded_client_is_counted(rate, settings):
    rate("2/day")
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    api = APIClient()

    def post(client_ip: str) -> int:
        return api.post("/api/v1/itineraries/", BODY, format="json", HTTP_X_FORWARDED_FOR=client_ip).status_code

    assert [post("203.0.113.7") for _ in range(3)] == [202, 202, 429]
    assert post("203.0.113.8") == 202


@pytest.mark.parametrize("page", ["plan", "replan", "compare"])
def test_the_web_pages_that_start_a_plan_share_the_limit(rate, page, django_capture_on_commit_callbacks):
    rate("3/day")
    with django_capture_on_commit_callbacks(execute=True):  # counts too: the pages and the API share one limit
        trip = APIClient().post("/api/v1/itineraries/", BODY, format="json").json()["id"]
    web = Client()
    url, data = {
        "plan": ("/plan/", {"start": "jincheng", "days": 1, "date": DATE, "pace": "normal", "mode": "car"}),
        "replan": (f"/trips/{trip}/replan", {"pin": "wangmangling"}),
        "compare": (f"/trips/{trip}/compare", {"variant": "ebike"}),
    }[page]
    codes = [web.post(url, data).status_code for _ in range(3)]
    assert codes[:2] == [302, 302]
    assert codes[2] == 429


def test_deeply_nested_json_is_a_400_in_json():
    body = "[" * 1000 + "]" * 1000
    response = APIClient().post("/api/v1/itineraries/", body, content_type="application/json")
    assert response.status_code == 400
    assert "nested" in response.json()["detail"]


def test_the_api_reads_json_bodies_only():
    response = APIClient().post("/api/v1/itineraries/", BODY)  # multipart
    assert response.status_code == 415
    assert "detail" in response.json()


@pytest.mark.parametrize(
    ("url", "api"),
    [
        ("/api/v1/destinations/%00/", True),
        ("/api/v1/routes/a%00/", True),
        ("/api/v1/destinations/?q=%00", True),
        ("/plan/?route=%00", False),
    ],
)
def test_a_nul_character_is_a_400_not_a_crash(url, api):
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 400
    if api:
        assert response.json()["detail"] == "The request contains a NUL character."


def test_an_unexpected_error_under_the_api_answers_json(monkeypatch, settings):
    from itineraries.catalogue import selectors

    settings.DEBUG = False

    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors, "road_feature_collection", broken)
    response = Client(raise_request_exception=False).get("/api/v1/highways/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert "boom" not in response.content.decode()


@pytest.mark.parametrize("query", ["category=", "kind=", "radius_km=-1", "near=37.2,112.1&radius_km=5000"])
def test_filter_values_outside_the_schema_are_400(query):
    response = APIClient().get(f"/api/v1/destinations/?{query}")
    assert response.status_code == 400


def test_an_upload_over_the_cap_is_refused_before_it_is_read(settings):
    settings.MAX_REQUEST_BYTES = 1024 * 1024
    settings.MAX_ADMIN_REQUEST_BYTES = 2 * 1024 * 1024  # the admin's own cap, for editors' photos
    big = SimpleUploadedFile("big.csv", b"x" * (3 * 1024 * 1024), content_type="text/csv")
    response = Client(raise_request_exception=False).post("/admin/itineraries/destination/import/", {"file": big})
    assert response.status_code == 413


def test_pages_carry_a_content_security_policy_and_their_scripts_its_nonce():
    response = Client().get("/")
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert "script-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    tags = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.content.decode())
    inline = [a for a in tags if "application/json" not in a]  # data blocks are never executed
    assert inline
    assert all(f'nonce="{nonce}"' in attributes for attributes in inline)
    assert "camera=()" in response["Permissions-Policy"]


def test_api_docs_load_swagger_from_the_app_itself():
    page = Client().get("/api/docs/").content.decode()
    sources = re.findall(r'src="([^"]+)"', page)
    assert sources
    assert all(s.startswith("/") for s in sources), sources


def test_repeated_wrong_admin_passwords_lock_the_login():
    User.objects.create_superuser("admin", password="right-password")
    web = Client()
    for _ in range(5):
        web.post("/admin/login/", {"username": "admin", "password": "wrong"})
    response = web.post("/admin/login/", {"username": "admin", "password": "right-password"})
    assert response.status_code in (403, 429)
    assert "_auth_user_id" not in web.session


def test_a_finished_plan_carries_an_etag_and_a_revalidation_gets_304(django_capture_on_commit_callbacks):
    api = APIClient()
    with django_capture_on_commit_callbacks(execute=True):
        trip = api.post("/api/v1/itineraries/", BODY, format="json").json()["id"]
    first = api.get(f"/api/v1/itineraries/{trip}/")
    assert first.json()["status"] == "done"
    tag = first["ETag"]
    again = api.get(f"/api/v1/itineraries/{trip}/", HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304
    assert again.content == b""
    assert api.get(f"/api/v1/itineraries/{trip}/", HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_a_plan_still_being_computed_has_no_etag():
    row = Itinerary.objects.new_trip(request={**BODY})
    response = APIClient().get(f"/api/v1/itineraries/{row.pk}/")
    assert response.status_code == 200
    assert not response.has_header("ETag")
    assert json.loads(response.content)["status"] == "queued"


def test_the_fast_read_gives_exactly_what_the_serializer_gives(django_capture_on_commit_callbacks):
    from itineraries.api.serializers import ItinerarySerializer

    with django_capture_on_commit_callbacks(execute=True):
        trip = APIClient().post("/api/v1/itineraries/", BODY, format="json").json()["id"]
    read = APIClient().get(f"/api/v1/itineraries/{trip}/").json()
    expected = json.loads(json.dumps(ItinerarySerializer(Itinerary.objects.get(pk=trip)).data))
    assert read == expected
