"""The docker-compose processes, natively: gunicorn (2 workers), two Celery workers and beat over
PostgreSQL and Redis. A trip is planned over HTTP end to end, and beat's sweeper finishes a plan that
was saved while the broker could not be reached."""

import datetime as dt
import json
import sys
import time
import urllib.request

import pytest
from django.db import connection
from django.utils import timezone

from itineraries.models import Itinerary
from tests.dates import upcoming
from tests.integration.processes import app_env, free_port, process, wait_http

pytestmark = [pytest.mark.services, pytest.mark.usefixtures("catalogue")]
DATE = upcoming(5, 4).isoformat()


def get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=20) as response:
        return json.loads(response.read())


def post(url: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), method="POST", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=20) as response:
        return response.status, json.loads(response.read())


def test_gunicorn_workers_and_beat_plan_a_trip(transactional_db, shared_redis, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the production stack runs on PostgreSQL (CI's second pass)")
    port = free_port()
    env = app_env(
        shared_redis,
        PLAN_SWEEP_SECONDS="1",
        PLAN_STALE_SECONDS="2",
        PLAN_QUEUED_STALE_SECONDS="2",
        ALLOWED_HOSTS="127.0.0.1",
    )
    web = [
        sys.executable,
        "-m",
        "gunicorn",
        "planner.wsgi:application",
        "--config",
        "planner/gunicorn.conf.py",
        "--bind",
        f"127.0.0.1:{port}",
    ]
    worker = [sys.executable, "-m", "celery", "-A", "planner", "worker", "-l", "info", "-c", "1"]
    beat = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "planner",
        "beat",
        "-l",
        "info",
        "--schedule",
        str(tmp_path / "beat-schedule"),
    ]
    base = f"http://127.0.0.1:{port}"
    with (
        process(web, env, ready="Booting worker", name="gunicorn"),
        process([*worker, "-n", "w1@%h"], env, ready="ready.", name="worker1") as (_, log1),
        process([*worker, "-n", "w2@%h"], env, ready="ready.", name="worker2") as (_, log2),
        process(beat, env, ready="beat: Starting", name="beat"),
    ):
        health = json.loads(wait_http(f"{base}/healthz", 30))
        assert health == {"status": "ok", "database": "ok", "redis": "ok"}

        status, accepted = post(
            f"{base}/api/v1/itineraries/", {"start": "jincheng", "days": 2, "date": DATE, "interests": ["heritage"]}
        )
        assert status == 202
        # A plan saved while the broker was unreachable: queued, never sent. Beat's sweeper must send it.
        orphan = Itinerary.objects.new_trip(
            request={"start": "pingyao-ancient-city", "days": 1, "date": DATE, "interests": ["temples"]}
        )
        Itinerary.objects.filter(pk=orphan.pk).update(heartbeat_at=timezone.now() - dt.timedelta(minutes=5))
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            a = get(f"{base}/api/v1/itineraries/{accepted['id']}/")
            b = get(f"{base}/api/v1/itineraries/{orphan.pk}/")
            if a["status"] == "done" and b["status"] == "done":
                break
            time.sleep(0.5)
        assert a["status"] == "done", a
        assert len(a["result"]["days"]) == 2, a
        assert b["status"] == "done", b
        assert b["result"]["days"][0]["stops"], b
        logs = log1.read_text() + log2.read_text()
        assert "itineraries.itinerary_sweep" in logs
        assert "itineraries.itinerary_compute" in logs
        gpx = urllib.request.urlopen(f"{base}/api/v1/itineraries/{accepted['id']}/gpx", timeout=20).read()
        assert b"<gpx" in gpx
