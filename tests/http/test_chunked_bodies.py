"""Issue 41, item 12: a chunked body has no Content-Length, so Django read it as empty: a chunked PATCH answered
200 and saved nothing, a chunked POST got a misleading 400. Where the server de-chunks the body and marks its
end (gunicorn sets wsgi.input_terminated) it is read; otherwise the answer is 411."""

import io
import json

import pytest
from django.test import Client

from itineraries.trips import services
from itineraries.trips.models import Trip
from itineraries.trips.request import PlanRequest
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")


def chunked(method: str, path: str, body: bytes, *, terminated: bool = True, **extra):
    """As gunicorn hands a chunked request to the app: de-chunked input, no CONTENT_LENGTH."""
    environ = {
        "CONTENT_LENGTH": "",
        "CONTENT_TYPE": "application/json",
        "HTTP_TRANSFER_ENCODING": "chunked",
        "wsgi.input": io.BytesIO(body),
        **({"wsgi.input_terminated": True} if terminated else {}),
        **extra,
    }
    return Client(raise_request_exception=False).generic(method, path, b"", content_type="application/json", **environ)


@pytest.fixture
def row(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.itinerary_create(request=PlanRequest(start="jincheng", days=1, date=upcoming(5, 4)))


def test_a_chunked_patch_is_read_and_saved(row):
    response = chunked("PATCH", f"/api/v1/itineraries/{row.pk}/", json.dumps({"name": "By chunks"}).encode())
    assert response.status_code == 200
    assert Trip.objects.get(pk=row.trip_id).name == "By chunks"


def test_a_chunked_post_plans(django_capture_on_commit_callbacks, db):
    body = json.dumps({"start": "jincheng", "days": 1, "date": upcoming(5, 4).isoformat()}).encode()
    with django_capture_on_commit_callbacks(execute=True):
        response = chunked("POST", "/api/v1/itineraries/", body)
    assert response.status_code == 202, response.content


def test_a_chunked_body_over_the_cap_is_a_413(db, settings):
    settings.MAX_REQUEST_BYTES = 1000
    assert chunked("POST", "/api/v1/itineraries/", b"x" * 5000).status_code == 413


def test_a_chunked_body_a_server_cannot_end_is_a_411(db):
    response = chunked("POST", "/api/v1/itineraries/", b"{}", terminated=False)
    assert response.status_code == 411
    assert "Content-Length" in response.json()["detail"]
