"""Without REDIS_URL, plans are computed in this process by a thread pool, behind the same API."""

import time

import pytest
from rest_framework.test import APIClient

from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")


def test_in_process_thread_pool_computes_the_plan(transactional_db, settings):
    settings.PLAN_EXECUTOR = "thread"
    api = APIClient()
    date = upcoming(5, 4).isoformat()
    response = api.post("/api/v1/itineraries/", {"start": "jincheng", "days": 2, "date": date}, format="json")
    assert response.status_code == 202
    url = f"/api/v1/itineraries/{response.json()['id']}/"
    seen = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        body = api.get(url).json()
        seen.add(body["status"])
        if body["status"] == "done":
            break
        time.sleep(0.05)
    assert body["status"] == "done"
    assert len(body["result"]["days"]) == 2
