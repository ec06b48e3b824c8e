"""A plan stored in an older shape answers in today's: upgraded on read, valid against the published schema, and
its downloads work."""

import datetime as dt

import pytest
import schemathesis

from itineraries.models import Itinerary
from itineraries.trips.request import PlanRequest
from planner.wsgi import application
from tests.trips.test_trip_result import STORED, _shape

pytestmark = pytest.mark.django_db
# The request STORED was planned for (manage.py plan), as a row keeps it.
REQUEST = PlanRequest(
    start="pingyao-ancient-city", days=3, date=dt.date(2027, 5, 3), interests=("heritage", "temples")
).to_json()


def test_a_row_of_shape_3_answers_with_every_field_the_schema_requires(keep_test_connection):
    old = Itinerary.objects.new_trip(request=REQUEST, status="done", result=_shape(3))
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    case = schema["/api/v1/itineraries/{id}/"]["GET"].Case(path_parameters={"id": str(old.pk)})
    response = case.call()
    assert response.status_code == 200
    case.validate_response(response)
    result = response.json()["result"]
    assert [day["lunch"] for day in result["days"]] == [None, None, None]
    assert [day["sunset"] for day in result["days"]] == [day["sunset"] for day in STORED["days"]]
    assert "schema_version" not in result


def test_a_first_shape_row_and_a_tagged_row_answer_the_same_wire_shape(client):
    first = Itinerary.objects.new_trip(request=REQUEST, status="done", result=_shape(1))
    body = client.get(f"/api/v1/itineraries/{first.pk}/").json()["result"]
    assert body["advice"] == []
    assert body["changes"] is None
    assert all(stop["hours_estimated"] is False for day in body["days"] for stop in day["stops"])
    assert "drive_cap_minutes" not in body  # never recorded then


@pytest.mark.parametrize("download", ["gpx", "ics", "geojson"])
def test_a_first_shape_row_downloads(client, download):
    first = Itinerary.objects.new_trip(request=REQUEST, status="done", result=_shape(1))
    assert client.get(f"/api/v1/itineraries/{first.pk}/{download}").status_code == 200
