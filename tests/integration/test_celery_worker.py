"""A real Celery worker process over Redis on 127.0.0.1:6379 computes plans submitted over HTTP."""

import json
import time
import urllib.request

import pytest

from itineraries.models import Itinerary
from tests.dates import upcoming
from tests.integration.processes import celery_worker

pytestmark = [pytest.mark.services, pytest.mark.usefixtures("catalogue")]
DATE = upcoming(5, 4).isoformat()


def http(method: str, url: str, body: dict | None = None) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, json.loads(response.read())


def test_twenty_plans_over_http_are_computed_by_a_celery_worker(
    transactional_db, live_server, shared_redis, broker, settings
):
    broker(shared_redis)
    settings.PLAN_SOLVER_SECONDS = 2.0
    starts = ["pingyao-ancient-city", "jincheng", "taiyuan", "yangcheng", "zuoquan"]
    interests = [["heritage", "temples"], ["cycling", "nature"], ["wellness"], ["villages", "painting"], []]
    with celery_worker(shared_redis, concurrency=2) as (_, log):
        ids = []
        for n in range(20):
            body = {"start": starts[n % 5], "days": 1 + n % 3, "date": DATE, "interests": interests[n % 5], "seed": n}
            status, accepted = http("POST", f"{live_server.url}/api/v1/itineraries/", body)
            assert status == 202
            assert accepted["status"] == "queued"
            ids.append(accepted["id"])
        deadline = time.monotonic() + 180
        pending = set(ids)
        while pending and time.monotonic() < deadline:
            for itinerary_id in list(pending):
                _, body = http("GET", f"{live_server.url}/api/v1/itineraries/{itinerary_id}/")
                assert body["status"] in ("queued", "running", "done"), body
                if body["status"] == "done":
                    pending.discard(itinerary_id)
            time.sleep(0.5)
        assert not pending, f"not done: {pending}\n{log.read_text()[-3000:]}"
        assert "itineraries.itinerary_compute" in log.read_text()
    for itinerary_id in ids:
        row = Itinerary.objects.get(pk=itinerary_id)
        assert row.status == "done"
        assert row.progress == 100
        assert row.attempts == 1
        assert len(row.result["days"]) == row.request["days"]
        from tests.api.test_itineraries import _replay

        assert _replay({"request": row.request, "result": row.result}) == []
