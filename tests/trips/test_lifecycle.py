"""Failures inside a plan: the row says failed with a readable message and nothing retries in a loop."""

import datetime as dt

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.utils import timezone

from itineraries.models import Itinerary
from itineraries.trips import lifecycle, services
from itineraries.trips.errors import PlanError
from itineraries.trips.request import PlanRequest
from tests.conftest import UNTIMED
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")


def run(itinerary_id: str) -> str:
    return lifecycle.itinerary_run(itinerary_id=itinerary_id, solver_seconds=UNTIMED).value


def make_row(**fields) -> Itinerary:
    request = PlanRequest(start="jincheng", days=1, date=upcoming(5, 4))
    return Itinerary.objects.new_trip(request=request.to_json(), **fields)


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (RuntimeError("boom"), "Planning failed: RuntimeError"),
        (SoftTimeLimitExceeded(), "took too long"),
        (PlanError("Xiangyu Castle is closed every day of the trip"), "closed every day"),
    ],
)
def test_solver_errors_fail_the_plan_with_a_message(monkeypatch, error, words):
    row = make_row()
    calls = []

    def broken(**kwargs):
        calls.append(kwargs)
        raise error

    monkeypatch.setattr(lifecycle, "plan_make", broken)
    assert run(str(row.pk)) == "failed"
    row.refresh_from_db()
    assert row.status == "failed"
    assert words in row.error
    assert row.attempts == 1
    assert len(calls) == 1
    assert run(str(row.pk)) == "skipped"  # a failed plan is not picked up again
    assert services.itinerary_requeue_stale(queued_seconds=0, running_seconds=0) == 0


def test_second_delivery_of_a_done_plan_is_skipped():
    row = make_row()
    assert run(str(row.pk)) == "done"
    assert run(str(row.pk)) == "skipped"
    row.refresh_from_db()
    assert row.attempts == 1


def test_a_lost_attempt_cannot_overwrite_the_new_one(monkeypatch):
    row = make_row()
    old = lifecycle.itinerary_claim(itinerary_id=row.pk, stale_seconds=20)
    Itinerary.objects.filter(pk=row.pk).update(heartbeat_at=timezone.now() - dt.timedelta(minutes=10))
    monkeypatch.setattr(services, "dispatch", lambda *a: None)
    assert services.itinerary_requeue_stale(queued_seconds=60, running_seconds=60) == 1
    new = lifecycle.itinerary_claim(itinerary_id=row.pk, stale_seconds=20)
    assert new
    assert new != old
    lifecycle.itinerary_fail(itinerary_id=row.pk, token=old, message="late write from the lost attempt")
    row.refresh_from_db()
    assert row.status == "running"
    assert row.error == ""


def test_sweeper_gives_up_after_five_attempts(monkeypatch):
    row = make_row(attempts=5)
    Itinerary.objects.filter(pk=row.pk).update(heartbeat_at=timezone.now() - dt.timedelta(minutes=10))
    monkeypatch.setattr(services, "dispatch", lambda *a: None)
    services.itinerary_requeue_stale(queued_seconds=60, running_seconds=60)
    row.refresh_from_db()
    assert row.status == "failed"
    assert "several attempts" in row.error
