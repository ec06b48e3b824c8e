"""Writes to trips: a request becomes a saved row before anything computes it; re-plans keep the old plan."""

import datetime as dt

import pytest

from itineraries.trips import services
from itineraries.trips.models import Itinerary
from itineraries.trips.request import PlanRequest

pytestmark = pytest.mark.usefixtures("catalogue")
REQUEST = PlanRequest(start="jincheng", days=2, date=dt.date(2027, 5, 3))


def test_the_row_is_saved_queued_with_a_task_id_before_the_task_is_sent(monkeypatch):
    sent = []
    monkeypatch.setattr(services, "dispatch", lambda pk, task_id: sent.append((pk, task_id)))
    itinerary = services.itinerary_create(request=REQUEST)
    row = Itinerary.objects.get(pk=itinerary.pk)
    assert row.status == "queued"
    assert row.task_id
    assert row.request == REQUEST.to_json()
    assert sent == []  # the test transaction has not committed, so nothing was sent


def test_an_unreachable_broker_leaves_the_row_queued(monkeypatch):
    def broken(*_args):
        raise ConnectionError("broker down")

    monkeypatch.setattr(services, "dispatch", broken)
    row = Itinerary.objects.new_trip(request=REQUEST.to_json())
    assert services.itinerary_enqueue(itinerary_id=row.pk, task_id="t-1") is False
    row.refresh_from_db()
    assert row.status == "queued"


def test_a_replan_pins_drops_and_remembers_the_previous_days(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        old = services.itinerary_create(request=REQUEST)
    old.refresh_from_db()
    assert old.status == "done"
    first = old.result["days"][0]["stops"][0]["slug"]
    with django_capture_on_commit_callbacks(execute=True):
        new = services.itinerary_replan(itinerary=old, pins=("wangmangling",), drops=(first,))
    new.refresh_from_db()
    assert new.pk != old.pk
    assert new.status == "done"
    assert "wangmangling" in new.request["must"]
    assert first in new.request["avoid"]
    assert new.request["previous"] == [[s["slug"] for s in d["stops"]] for d in old.result["days"]]
    visited = {s["slug"] for d in new.result["days"] for s in d["stops"]}
    assert "wangmangling" in visited
    assert first not in visited
