"""Lists a client can page and sort: page_size, Link headers, ordering, and `near` answering each distance."""

import re

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.usefixtures("catalogue")
PINGYAO = "37.2,112.18"


@pytest.fixture
def api():
    return APIClient()


def links(response) -> dict[str, str]:
    return {rel: url for url, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', response["Link"])}


def test_page_size_and_link_headers_walk_the_catalogue(api):
    first = api.get("/api/v1/destinations/?page_size=5")
    body = first.json()
    assert len(body["results"]) == 5
    pages = -(-body["count"] // 5)
    rels = links(first)
    assert set(rels) == {"first", "next", "last"}
    assert rels["next"] == body["next"]
    assert rels["last"].endswith(f"page={pages}&page_size=5") or f"page={pages}" in rels["last"]
    second = api.get(rels["next"])
    assert set(links(second)) == {"first", "prev", "next", "last"} if pages > 2 else {"first", "prev", "last"}
    assert {d["slug"] for d in second.json()["results"]}.isdisjoint({d["slug"] for d in body["results"]})


@pytest.mark.parametrize("size", ["0", "201", "ten"])
def test_a_page_size_out_of_range_is_a_400_naming_it(api, size):
    response = api.get(f"/api/v1/destinations/?page_size={size}")
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["page_size"]


def test_ordering_sorts_the_catalogue(api):
    rows = api.get("/api/v1/destinations/?ordering=-name_en&page_size=200").json()["results"]
    names = [d["name_en"] for d in rows]
    assert names == sorted(names, reverse=True)
    assert api.get("/api/v1/destinations/?ordering=colour").status_code == 400


def test_near_answers_the_distance_nearest_first(api):
    rows = api.get(f"/api/v1/destinations/?near={PINGYAO}&radius_km=30&page_size=200").json()["results"]
    distances = [d["distance_km"] for d in rows]
    assert rows
    assert distances == sorted(distances)
    assert all(0 <= km <= 30 for km in distances)
    assert rows[0]["slug"].startswith("pingyao")
    plain = api.get("/api/v1/destinations/?page_size=1").json()["results"][0]
    assert plain["distance_km"] is None
    by_name = api.get(f"/api/v1/destinations/?near={PINGYAO}&ordering=name_en&page_size=200").json()["results"]
    assert [d["name_en"] for d in by_name] == sorted(d["name_en"] for d in by_name)


def test_distance_ordering_needs_near(api):
    response = api.get("/api/v1/destinations/?ordering=distance")
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["ordering"]


def test_my_trips_sort_by_name_and_refuse_an_unknown_field(db):
    from django.contrib.auth.models import User

    from itineraries.trips.models import Itinerary, Trip

    user = User.objects.create_user("li", password="pw")
    for name in ("Beta", "Alpha", "Gamma"):
        trip = Trip.objects.create(owner=user, name=name)
        Itinerary.objects.create(trip=trip, request={"start": "jincheng", "days": 1})
    api = APIClient()
    api.force_authenticate(user)
    names = [row["name"] for row in api.get("/api/v1/itineraries/?ordering=name").json()["results"]]
    assert names == ["Alpha", "Beta", "Gamma"]
    refused = api.get("/api/v1/itineraries/?ordering=password")
    assert refused.status_code == 400
    assert [e["field"] for e in refused.json()["errors"]] == ["ordering"]
