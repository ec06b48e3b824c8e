"""A revalidation of a finished itinerary is answered 304 from its status, times and trip, without loading or
serialising the plan; anything that changes the body changes the ETag."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from itineraries.api.serializers import ItinerarySerializer
from tests.tokened_trip import tokened_trip

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture
def owned(db, django_capture_on_commit_callbacks):
    """A client with the owner's API token and the URL of their finished trip."""
    _, key, made = tokened_trip(django_capture_on_commit_callbacks)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api, f"/api/v1/itineraries/{made.pk}/"


@pytest.fixture
def serialised(monkeypatch):
    """How many bodies the itinerary serializer built."""
    built = []
    original = ItinerarySerializer.from_row.__func__

    def counted(cls, row):
        built.append(row["id"])
        return original(cls, row)

    monkeypatch.setattr(ItinerarySerializer, "from_row", classmethod(counted))
    return built


def test_a_304_neither_loads_nor_serialises_the_plan(owned, serialised):
    api, url = owned
    tag = api.get(url)["ETag"]
    assert len(serialised) == 1
    with CaptureQueriesContext(connection) as queries:
        again = api.get(url, HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304
    assert again["ETag"] == tag
    assert len(serialised) == 1
    assert not [q["sql"] for q in queries.captured_queries if '"result"' in q["sql"]]


def test_a_token_read_is_two_queries_the_token_and_the_version_with_its_trip(owned):
    api, url = owned
    api.get(url)  # the first use notes when the token was last used
    with CaptureQueriesContext(connection) as queries:
        assert api.get(url).status_code == 200
    assert len(queries.captured_queries) == 2, [q["sql"] for q in queries.captured_queries]


def test_a_stale_tag_gets_the_whole_plan_and_the_new_tag(owned, serialised):
    api, url = owned
    first = api.get(url)
    tag = first["ETag"]
    assert api.patch(url, {"notes": "bring water"}, format="json").status_code == 200
    again = api.get(url, HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 200
    assert again["ETag"] != tag
    assert again.json()["notes"] == "bring water"
    assert again.json()["result"] == first.json()["result"]  # loaded after the tag did not match
    assert again.json()["request"] == first.json()["request"]
    assert len(serialised) == 2


def test_a_rename_and_an_edit_change_the_tag(owned):
    api, url = owned
    first = api.get(url)
    tag = first["ETag"]
    assert api.patch(url, {"name": "Jincheng weekend"}, format="json").status_code == 200
    renamed = api.get(url, HTTP_IF_NONE_MATCH=tag)
    assert renamed.status_code == 200
    assert renamed.json()["name"] == "Jincheng weekend"
    days = [[stop["slug"] for stop in day["stops"]] for day in first.json()["result"]["days"]]
    edited = api.post(url + "edit", {"days": days[::-1]}, format="json")
    assert edited.status_code == 201, edited.json()
    newest = api.get(f"/api/v1/itineraries/{edited.json()['id']}/", HTTP_IF_NONE_MATCH=renamed["ETag"])
    assert newest.status_code == 200
    assert newest["ETag"] not in (tag, renamed["ETag"])
