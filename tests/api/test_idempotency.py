"""Safe retries: a create, re-plan or edit sent again with the same Idempotency-Key and body is answered as the
first time and makes nothing new; the same key with another body is refused."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from itineraries.api.models import IdempotentAnswer
from itineraries.models import Itinerary
from itineraries.trips import services
from itineraries.trips.request import PlanRequest
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")
PLAN = {"start": "pingyao-ancient-city", "days": 2, "date": upcoming(5, 4).isoformat()}


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def row(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = services.itinerary_create(request=PlanRequest(start="jincheng", days=2, date=upcoming(5, 4)))
    made.refresh_from_db()
    assert made.status == "done", made.error
    return made


def test_a_retried_create_is_answered_again_without_a_second_trip(api):
    first = api.post("/api/v1/itineraries/", PLAN, format="json", headers={"Idempotency-Key": "trip-0001"})
    again = api.post("/api/v1/itineraries/", PLAN, format="json", headers={"Idempotency-Key": "trip-0001"})
    assert first.status_code == again.status_code == 202
    assert again.json() == first.json()
    assert again["Location"] == first["Location"]
    assert again["Idempotent-Replayed"] == "true"
    assert Itinerary.objects.count() == 1
    other = api.post("/api/v1/itineraries/", PLAN, format="json", headers={"Idempotency-Key": "trip-0002"})
    assert other.json()["id"] != first.json()["id"]


def test_the_same_key_with_another_body_is_refused(api):
    api.post("/api/v1/itineraries/", PLAN, format="json", headers={"Idempotency-Key": "trip-0001"})
    reused = api.post(
        "/api/v1/itineraries/", {**PLAN, "days": 3}, format="json", headers={"Idempotency-Key": "trip-0001"}
    )
    assert reused.status_code == 422
    assert reused.json()["code"] == "idempotency_key_reused"
    assert Itinerary.objects.count() == 1


def test_a_refused_request_leaves_its_key_free(api):
    bad = api.post("/api/v1/itineraries/", {**PLAN, "days": 0}, format="json", headers={"Idempotency-Key": "k-0001"})
    assert bad.status_code == 400
    fixed = api.post("/api/v1/itineraries/", PLAN, format="json", headers={"Idempotency-Key": "k-0001"})
    assert fixed.status_code == 202


def test_a_malformed_key_is_a_400_naming_the_header(api):
    response = api.post("/api/v1/itineraries/", PLAN, format="json", headers={"Idempotency-Key": "x" * 300})
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["Idempotency-Key"]


def test_a_retried_edit_and_replan_add_one_version_each(api, row):
    url = f"/api/v1/itineraries/{row.pk}/"
    body = {"days": [[s["slug"] for s in day["stops"]] for day in row.result["days"]]}
    edits = [api.post(url + "edit", body, format="json", headers={"Idempotency-Key": "edit-0001"}) for _ in "ab"]
    assert [e.status_code for e in edits] == [201, 201]
    assert edits[0].json()["id"] == edits[1].json()["id"]
    replans = [api.post(url + "replan", {}, format="json", headers={"Idempotency-Key": "replan-01"}) for _ in "ab"]
    assert [r.status_code for r in replans] == [202, 202]
    assert replans[0].json()["id"] == replans[1].json()["id"]
    assert row.trip.versions.count() == 3  # the plan, one edit, one re-plan


def test_a_retry_while_the_first_is_answered_is_a_409_and_a_day_old_key_is_free(api):
    first = api.post("/api/v1/itineraries/", PLAN, format="json", headers={"Idempotency-Key": "trip-0001"})
    record = IdempotentAnswer.objects.get()
    IdempotentAnswer.objects.filter(pk=record.pk).update(status=0)  # as while the first request is under way
    busy = api.post("/api/v1/itineraries/", PLAN, format="json", headers={"Idempotency-Key": "trip-0001"})
    assert busy.status_code == 409
    assert busy.json()["code"] == "idempotency_key_in_use"
    IdempotentAnswer.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    later = api.post("/api/v1/itineraries/", PLAN, format="json", headers={"Idempotency-Key": "trip-0001"})
    assert later.status_code == 202
    assert later.json()["id"] != first.json()["id"]
