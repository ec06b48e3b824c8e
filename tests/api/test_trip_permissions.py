"""The permission matrix of a signed-in tourist's trip: owner, collaborator, holder of the read-only link, another
user and anonymous, on every read and write of the API and the trip page."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from rest_framework.test import APIClient

from itineraries.models import Itinerary
from itineraries.trips import services
from itineraries.trips.request import PlanRequest
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")
DATE = upcoming(5, 4)
ROLES = ["owner", "collaborator", "viewer", "other", "anonymous"]


@pytest.fixture
def trip(db, django_capture_on_commit_callbacks):
    owner = User.objects.create_user("owner", email="owner@example.com", password="pw")
    with django_capture_on_commit_callbacks(execute=True):
        row = services.itinerary_create(request=PlanRequest(start="jincheng", days=2, date=DATE), owner=owner)
    row.refresh_from_db()
    trip = row.trip
    services.trip_share_link(trip=trip, on=True)
    services.trip_invite_link(trip=trip, on=True)
    collaborator = User.objects.create_user("companion", email="c@example.com", password="pw")
    assert services.trip_join(trip=trip, token=trip.invite_token, user=collaborator)
    User.objects.create_user("stranger", email="s@example.com", password="pw")
    return row


def api_as(role: str) -> APIClient:
    client = APIClient()
    user = {"owner": "owner", "collaborator": "companion", "other": "stranger"}.get(role)
    if user:
        client.force_authenticate(User.objects.get(username=user))
    return client


def suffix(role: str, row: Itinerary) -> str:
    return f"?share={row.trip.share_token}" if role == "viewer" else ""


# (role, may read, may change, may manage)
MATRIX = {
    "owner": (True, True, True),
    "collaborator": (True, True, False),
    "viewer": (True, False, False),
    "other": (False, False, False),
    "anonymous": (False, False, False),
}


@pytest.mark.parametrize("role", ROLES)
def test_reading_the_trip_and_its_versions(trip, role):
    read, _change, _manage = MATRIX[role]
    api, q = api_as(role), suffix(role, trip)
    expected = 200 if read else 404
    assert api.get(f"/api/v1/itineraries/{trip.pk}/{q}").status_code == expected
    assert api.get(f"/api/v1/itineraries/{trip.pk}/versions/{q}").status_code == expected
    assert api.get(f"/api/v1/itineraries/{trip.pk}/gpx{q}").status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_changing_the_trip(trip, role, django_capture_on_commit_callbacks):
    read, change, _manage = MATRIX[role]
    api, q = api_as(role), suffix(role, trip)
    refused = 404 if not read else 403
    patch = api.patch(f"/api/v1/itineraries/{trip.pk}/{q}", {"name": "Castles"}, format="json")
    assert patch.status_code == (200 if change else refused)
    days = [[s["slug"] for s in d["stops"]] for d in trip.result["days"]]
    edit = api.post(f"/api/v1/itineraries/{trip.pk}/edit{q}", {"days": days[::-1]}, format="json")
    assert edit.status_code == (201 if change else refused)
    with django_capture_on_commit_callbacks(execute=True):
        replan = api.post(f"/api/v1/itineraries/{trip.pk}/replan{q}", {"pins": ["wangmangling"]}, format="json")
    assert replan.status_code == (202 if change else refused)
    restore = api.post(f"/api/v1/itineraries/{trip.pk}/versions/1/restore{q}")
    assert restore.status_code == (201 if change else refused)
    expected_versions = 4 if change else 1
    assert trip.trip.versions.count() == expected_versions
    trip.trip.refresh_from_db()
    assert (trip.trip.name == "Castles") is change


@pytest.mark.parametrize("role", ROLES)
def test_deleting_and_sharing_are_the_owners(trip, role):
    read, _change, manage = MATRIX[role]
    api, q = api_as(role), suffix(role, trip)
    web = Client()
    user = {"owner": "owner", "collaborator": "companion", "other": "stranger"}.get(role)
    if user:
        web.force_login(User.objects.get(username=user))
    token = trip.trip.share_token
    sharing = web.post(f"/trips/{trip.trip_id}/sharing{q}", {"link": "share", "on": "0"})
    trip.trip.refresh_from_db()
    assert (trip.trip.share_token == "") is manage
    if not manage:
        assert sharing.status_code in (302, 403, 404)  # anonymous is sent to sign in
        assert trip.trip.share_token == token
    delete = api.delete(f"/api/v1/itineraries/{trip.pk}/{q}")
    assert delete.status_code == (204 if manage else 403 if read else 404)
    assert Itinerary.objects.filter(pk=trip.pk).exists() is not manage


@pytest.mark.parametrize("role", ROLES)
def test_the_trip_page_follows_the_same_rules(trip, role):
    read, change, _manage = MATRIX[role]
    web = Client()
    user = {"owner": "owner", "collaborator": "companion", "other": "stranger"}.get(role)
    if user:
        web.force_login(User.objects.get(username=user))
    page = web.get(f"/trips/{trip.trip_id}/{suffix(role, trip)}")
    assert page.status_code == (200 if read else 404)
    if read:
        body = page.content.decode()
        assert ('class="stop-edit' in body) is change
        assert ('action="/trips/' in body and "/replan" in body) is change
    edit = web.post(f"/trips/{trip.trip_id}/edit", {"op": "remove", "slug": trip.result["days"][0]["stops"][0]["slug"]})
    assert edit.status_code == (302 if change else 403 if read else 404)


def test_lists_hold_own_and_shared_trips_only(trip):
    assert [r["trip"] for r in api_as("owner").get("/api/v1/itineraries/").json()["results"]] == [str(trip.trip_id)]
    assert [r["trip"] for r in api_as("collaborator").get("/api/v1/itineraries/").json()["results"]] == [
        str(trip.trip_id)
    ]
    assert api_as("other").get("/api/v1/itineraries/").json()["results"] == []
    assert api_as("anonymous").get("/api/v1/itineraries/").status_code == 401


def test_session_writes_need_the_csrf_token(trip):
    web = Client(enforce_csrf_checks=True)
    web.force_login(User.objects.get(username="owner"))
    refused = web.patch(f"/api/v1/itineraries/{trip.pk}/", {"name": "x"}, content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert web.post(f"/trips/{trip.trip_id}/settings", {"name": "x"}).status_code == 403
    trip.trip.refresh_from_db()
    assert trip.trip.name == ""
    body = {"start": "jincheng", "days": 1, "date": DATE.isoformat()}
    planned = web.post("/api/v1/itineraries/", body, content_type="application/json")
    assert planned.status_code == 403  # a new plan too, not only the writes to a trip
    assert Itinerary.objects.filter(trip__owner__username="owner").count() == 1


def test_a_revoked_share_link_no_longer_opens_the_trip(trip):
    token = trip.trip.share_token
    assert APIClient().get(f"/api/v1/itineraries/{trip.pk}/?share={token}").status_code == 200
    services.trip_share_link(trip=trip.trip, on=False)
    assert APIClient().get(f"/api/v1/itineraries/{trip.pk}/?share={token}").status_code == 404
