"""Issue 41, item 8: revoking the invite link left a collaborator able to edit, and the link could be forwarded
and reused. Owners list and remove collaborators; an invite link lets one person in. Item 13 (in part): the
join page answers the same for a random trip id as for a real trip with a wrong or used link."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from itineraries.trips import services
from itineraries.trips.request import PlanRequest
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")


def person(name: str) -> Client:
    client = Client()
    client.force_login(User.objects.create_user(name, email=f"{name}@example.com", password="pw"))
    return client


@pytest.fixture
def owned(db, django_capture_on_commit_callbacks):
    owner = person("li")
    with django_capture_on_commit_callbacks(execute=True):
        row = services.itinerary_create(
            request=PlanRequest(start="jincheng", days=1, date=upcoming(5, 4)), owner=User.objects.get(username="li")
        )
    owner.post(f"/trips/{row.pk}/sharing", {"link": "invite", "on": "1"})
    row.trip.refresh_from_db()
    return owner, row.trip


def join(client: Client, trip, token: str):
    return client.post(f"/trips/{trip.pk}/join/{token}")


def test_an_invite_link_lets_one_person_in(owned):
    owner, trip = owned
    token = trip.invite_token
    assert join(person("chen"), trip, token).status_code == 302
    forwarded = person("zhao")
    assert join(forwarded, trip, token).status_code == 404  # used up
    assert forwarded.get(f"/trips/{trip.pk}/").status_code == 404
    trip.refresh_from_db()
    assert trip.invite_token == ""
    page = owner.get(f"/trips/{trip.pk}/").content.decode()
    assert "Invite a companion to edit" in page  # the owner makes a new one for the next person


def test_a_link_preview_does_not_use_up_the_invite(owned):
    _owner, trip = owned
    assert person("bot").get(f"/trips/{trip.pk}/join/{trip.invite_token}").status_code == 200
    trip.refresh_from_db()
    assert trip.invite_token


def test_the_owner_lists_and_removes_a_collaborator(owned):
    owner, trip = owned
    chen = person("chen")
    join(chen, trip, trip.invite_token)
    page = owner.get(f"/trips/{trip.pk}/").content.decode()
    assert "chen@example.com" in page
    assert "Remove chen@example.com from this trip" in page
    user = User.objects.get(username="chen")
    assert chen.post(f"/trips/{trip.pk}/collaborators/remove", {"user": user.pk}).status_code == 403  # owner only
    removed = owner.post(f"/trips/{trip.pk}/collaborators/remove", {"user": user.pk})
    assert removed.status_code == 302
    assert not trip.collaborators.exists()
    assert chen.get(f"/trips/{trip.pk}/").status_code == 404
    assert chen.post(f"/trips/{trip.pk}/edit", {"op": "remove", "slug": "x"}).status_code == 404
    assert chen.get(f"/api/v1/itineraries/{trip.pk}/").status_code == 404


RANDOM_ID = "3f1e0c36-8d6e-4c1f-9a51-2b7c9d0e4a11"


def without_tokens(page: bytes, *ids) -> bytes:
    """The page with what differs by request only (CSRF token, nonce, the trip id in the path) blanked."""
    import re

    for trip_id in ids:
        page = page.replace(str(trip_id).encode(), b"ID")
    page = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", page)
    return re.sub(rb'nonce="[^"]+"', b"", page)


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("signed_in", [True, False], ids=["signed-in", "anonymous"])
def test_the_join_page_is_the_same_for_a_random_trip_and_a_wrong_or_used_link(owned, method, signed_in):
    _owner, trip = owned
    used = trip.invite_token
    join(person("chen"), trip, used)
    visitor = person("wu") if signed_in else Client()
    answers = {
        "wrong link": getattr(visitor, method)(f"/trips/{trip.pk}/join/wrong-token"),
        "used link": getattr(visitor, method)(f"/trips/{trip.pk}/join/{used}"),
        "random id": getattr(visitor, method)(f"/trips/{RANDOM_ID}/join/wrong-token"),
    }
    sizes = {name: len(a.content) for name, a in answers.items()}
    assert sizes["wrong link"] == sizes["random id"], sizes
    statuses = {name: a.status_code for name, a in answers.items()}
    assert set(statuses.values()) == {404 if signed_in else 302}, statuses  # anonymous: sign in first, all alike
    pages = {
        name: without_tokens(a.content + a.get("Location", "").encode(), trip.pk, RANDOM_ID).replace(
            used.encode(), b"wrong-token"
        )
        for name, a in answers.items()
    }
    assert pages["wrong link"] == pages["used link"] == pages["random id"]


def test_the_api_lists_and_removes_collaborators_for_the_owner_only(owned):
    owner, trip = owned
    chen = person("chen")
    join(chen, trip, trip.invite_token)
    url = f"/api/v1/itineraries/{trip.pk}/collaborators"
    user = User.objects.get(username="chen")
    assert owner.get(url).json() == [{"id": user.pk, "email": "chen@example.com"}]
    assert chen.get(url).status_code == 403
    assert chen.delete(f"{url}/{user.pk}").status_code == 403
    assert owner.delete(f"{url}/{user.pk}").status_code == 204
    assert owner.delete(f"{url}/{user.pk}").status_code == 404
    assert chen.get(f"/api/v1/itineraries/{trip.pk}/").status_code == 404
