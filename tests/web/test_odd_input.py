"""Issue 41, item 10: odd input to the trip page's edit form made a 500 (TypeError, RecursionError); it is a 400
that names the field."""

import pytest
from django.test import Client

from itineraries.trips import services
from itineraries.trips.request import PlanRequest
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture
def row(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = services.itinerary_create(request=PlanRequest(start="jincheng", days=3, date=upcoming(5, 4)))
    made.refresh_from_db()
    assert made.status == "done", made.error
    return made


@pytest.mark.parametrize(
    "days",
    ["[[1],[null],[{}]]", "[" * 5000 + "]" * 5000, '{"a": 1}', "[[], []]", '[["a"], "b", []]', "not json", ""],
    ids=["not-places", "5000-deep", "object", "too-few-days", "day-not-a-list", "not-json", "empty"],
)
def test_an_odd_order_is_a_400_naming_days(row, days):
    client = Client(raise_request_exception=False)
    response = client.post(f"/trips/{row.pk}/edit", {"op": "order", "days": days, "base_version": "1"})
    assert response.status_code == 400
    assert "<strong>days</strong>" in response.content.decode()
    assert row.trip.versions.count() == 1
