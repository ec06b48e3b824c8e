"""The API's one exception handler (api/errors.py) answers every domain error a view lets through, in the one
error body: views do not catch them one by one. Each mapping is held here through the handler itself, then over
HTTP where a view raises it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from rest_framework.request import Request
from rest_framework.test import APIClient, APIRequestFactory

from itineraries.api.errors import NotDone, api_exception_handler
from itineraries.trips import services
from itineraries.trips.access import Role
from itineraries.trips.errors import FieldMessage, InvalidRequest, NoSuchTrip, NotAllowed, StaleWrite, TripGone
from itineraries.trips.models import Itinerary
from itineraries.trips.request import PlanRequest
from tests.dates import upcoming


def handled(exc: Exception):
    request = Request(APIRequestFactory().post("/api/v1/itineraries/x/edit"))
    response = api_exception_handler(exc, {"request": request})
    assert response is not None, f"{exc!r} was left to become a 500"
    return response.status_code, response.data


@pytest.mark.parametrize(
    ("exc", "status", "code", "message"),
    [
        (NoSuchTrip(), 404, "not_found", "Not found."),
        (TripGone("x"), 404, "not_found", "Not found."),
        (NotAllowed(Role.OWNER), 403, "permission_denied", "Only the trip's owner may do this."),
        (NotAllowed(Role.COLLABORATOR), 403, "permission_denied", "This trip is read-only for you."),
        (NotDone("The itinerary is queued, not done yet."), 409, "not_done", "The itinerary is queued, not done yet."),
    ],
)
def test_each_domain_error_has_its_status_and_code(exc, status, code, message):
    assert handled(exc)[0] == status
    body = handled(exc)[1]
    assert (body["code"], body["message"]) == (code, message)


def test_a_refused_request_is_a_400_naming_the_field():
    status, body = handled(InvalidRequest({"days": [FieldMessage("give all 2 days, in order", "wrong_days")]}))
    assert status == 400
    assert body["code"] == "invalid_request"
    assert body["errors"] == [{"field": "days", "code": "wrong_days", "message": "give all 2 days, in order"}]


def test_a_stale_write_is_a_412_with_what_changed():
    status, body = handled(StaleWrite(changed=("version", "name"), latest_version=3))
    assert status == 412
    assert (body["code"], body["changed"], body["latest_version"]) == ("precondition_failed", ["version", "name"], 3)


def test_other_exceptions_are_not_its_business():
    request = Request(APIRequestFactory().get("/api/v1/itineraries/"))
    assert api_exception_handler(KeyError("days"), {"request": request}) is None


# Over HTTP: the views raise, the handler answers.


@pytest.fixture
def private(catalogue, django_capture_on_commit_callbacks):
    owner = User.objects.create_user("owner", "owner@example.com", "pw")
    with django_capture_on_commit_callbacks(execute=True):
        row = services.itinerary_create(request=PlanRequest(start="jincheng", days=2, date=upcoming(5, 4)), owner=owner)
    row.trip.collaborators.add(User.objects.create_user("friend", "friend@example.com", "pw"))
    return row


def as_user(name: str | None) -> APIClient:
    client = APIClient()
    if name:
        client.force_authenticate(User.objects.get(username=name))
    return client


def test_a_private_trip_is_a_404_to_a_stranger_and_an_owners_action_a_403_to_a_collaborator(private):
    hidden = as_user(None).get(f"/api/v1/itineraries/{private.pk}/")
    assert (hidden.status_code, hidden.json()["code"]) == (404, "not_found")
    refused = as_user("friend").delete(f"/api/v1/itineraries/{private.pk}/")
    assert (refused.status_code, refused.json()["message"]) == (403, "Only the trip's owner may do this.")
    assert Itinerary.objects.filter(pk=private.pk).exists()


def test_a_domain_refusal_of_an_edit_is_a_400_naming_the_field(private):
    answer = as_user("owner").post(f"/api/v1/itineraries/{private.pk}/edit", {"days": [["xiangyu-castle"]]}, "json")
    assert answer.status_code == 400
    assert [e["field"] for e in answer.json()["errors"]] == ["days"]
