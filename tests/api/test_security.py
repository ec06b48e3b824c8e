"""Who may do what: anonymous, tourist, other tourist, editor, admin, on every endpoint."""

import uuid

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings
from rest_framework.test import APIClient

from itineraries.models import Itinerary
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")
DATE = upcoming(5, 4).isoformat()
ROLES = ["anonymous", "tourist", "other", "editor", "admin"]


@pytest.fixture
def people(editors_group):
    tourist = User.objects.create_user("tourist", password="pw")
    other = User.objects.create_user("other", password="pw")
    editor = User.objects.create_user("editor", password="pw", is_staff=True)
    editor.groups.add(editors_group)
    admin = User.objects.create_superuser("admin", password="pw")
    return {"anonymous": None, "tourist": tourist, "other": other, "editor": editor, "admin": admin}


def api_as(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def web_as(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def tourist_trip(people):
    return Itinerary.objects.new_trip(owner=people["tourist"], request={"start": "jincheng", "days": 1, "date": DATE})


@pytest.mark.parametrize("role", ROLES)
def test_public_reads_and_planning_are_open_to_everyone(people, tourist_trip, role):
    api = api_as(people[role])
    assert api.get("/api/v1/destinations/").status_code == 200
    assert api.get("/api/v1/highways/").status_code == 200
    anonymous_trip = Itinerary.objects.new_trip(request={"start": "jincheng", "days": 1, "date": DATE})
    assert api.get(f"/api/v1/itineraries/{anonymous_trip.pk}/").status_code == 200  # its link is its key
    body = {"start": "jincheng", "days": 1, "date": DATE}
    assert api.post("/api/v1/itineraries/", body, format="json").status_code == 202


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_staff_cannot_delete_a_tourists_trip(people, tourist_trip, role):
    # A signed-in tourist's trip is private: to staff too it does not exist. The owner, a collaborator, the
    # holder of the share link, another tourist and anonymous are in test_trip_permissions.py.
    assert api_as(people[role]).delete(f"/api/v1/itineraries/{tourist_trip.pk}/").status_code == 404
    assert Itinerary.objects.filter(pk=tourist_trip.pk).exists()


@pytest.mark.parametrize(("role", "count"), [("tourist", 1), ("other", 0), ("editor", 0), ("admin", 0)])
def test_a_user_lists_only_their_own_trips(people, tourist_trip, role, count):
    assert api_as(people[role]).get("/api/v1/itineraries/").json()["count"] == count


def test_anonymous_cannot_list(people):
    assert api_as(None).get("/api/v1/itineraries/").status_code == 401


@pytest.mark.parametrize(
    ("role", "catalogue", "users", "itineraries"),
    [
        ("anonymous", 302, 302, 302),
        ("tourist", 302, 302, 302),
        ("other", 302, 302, 302),
        ("editor", 200, 403, 200),
        ("admin", 200, 200, 200),
    ],
)
def test_admin_matrix(people, role, catalogue, users, itineraries):
    web = web_as(people[role])
    assert web.get("/admin/itineraries/destination/").status_code == catalogue
    assert web.get("/admin/itineraries/road/").status_code == catalogue
    assert web.get("/admin/auth/user/").status_code == users
    assert web.get("/admin/itineraries/itinerary/").status_code == itineraries


def test_trip_ids_are_random_uuid4(people):
    api = api_as(None)
    ids = {
        api.post("/api/v1/itineraries/", {"start": "jincheng", "days": 1, "date": DATE}, format="json").json()["id"]
        for _ in range(3)
    }
    assert len(ids) == 3
    assert all(uuid.UUID(i).version == 4 for i in ids)


@override_settings(DEBUG=False)
def test_no_debug_pages_or_stack_traces(people):
    web = Client(raise_request_exception=False)
    response = web.get("/no/such/page/")
    assert response.status_code == 404
    assert b"Traceback" not in response.content
    assert b"URLconf" not in response.content
    response = api_as(None).get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json()["errors"] == []
    assert response.json()["code"] == "not_found"
    assert response.json()["message"] == "Not found."
