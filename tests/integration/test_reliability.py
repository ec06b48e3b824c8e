"""Break things with real processes: kill a worker mid-plan, stop the broker, deliver a task twice."""

import os
import re
import signal
import sys
import time

import pytest
from django.db import close_old_connections

from itineraries.models import Destination, Itinerary
from itineraries.trips.tasks import itinerary_compute
from tests.dates import upcoming
from tests.integration.processes import app_env, celery_worker, private_redis, process

pytestmark = [pytest.mark.services, pytest.mark.usefixtures("catalogue")]
DATE = upcoming(5, 4).isoformat()
BIG = {"start": "taiyuan", "days": 10, "date": DATE, "interests": ["heritage", "temples", "nature"]}
# Long enough (about a second of solving) that the worker can be killed while it runs.
LONGEST = {**BIG, "days": 14, "pace": "packed", "interests": ["heritage", "temples", "nature", "villages"]}


def wait_for(predicate, timeout: float, step: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        close_old_connections()
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return None


def beat(env, tmp_path):
    cmd = [sys.executable, "-m", "celery", "-A", "planner", "beat", "-l", "info", "--schedule", str(tmp_path / "beat")]
    return process(cmd, env, ready="beat: Starting", name="beat")


def submit(client, body):
    response = client.post("/api/v1/itineraries/", body, content_type="application/json")
    assert response.status_code == 202, response.content
    return response.json()["id"]


def test_a_plan_survives_its_worker_being_killed(transactional_db, shared_redis, broker, client, tmp_path):
    broker(shared_redis)
    extra = {"PLAN_SWEEP_SECONDS": "1", "PLAN_STALE_SECONDS": "3"}
    env = app_env(shared_redis, **extra)
    with celery_worker(shared_redis, concurrency=1, name="victim", extra_env=extra) as (victim, _):
        itinerary_id = submit(client, LONGEST)
        running = wait_for(lambda: Itinerary.objects.filter(pk=itinerary_id, status="running").exists(), 30, 0.01)
        assert running, "the plan never started"
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait()
    with celery_worker(shared_redis, concurrency=1, name="survivor", extra_env=extra), beat(env, tmp_path):
        done = wait_for(lambda: Itinerary.objects.filter(pk=itinerary_id, status="done").exists(), 90, 0.3)
    row = Itinerary.objects.get(pk=itinerary_id)
    assert done, (row.status, row.error)
    assert row.status == "done", (row.status, row.error)
    assert row.attempts >= 2
    assert len(row.result["days"]) == 14


def test_submissions_during_a_broker_outage_are_kept_and_finished_later(transactional_db, broker, client, tmp_path):
    with private_redis() as (port, redis_proc):
        url = f"redis://127.0.0.1:{port}/0"
        broker(url)
        redis_proc.terminate()
        redis_proc.wait(timeout=10)
        started = time.monotonic()
        ids = [submit(client, {**BIG, "days": 2, "seed": n}) for n in range(3)]
        assert time.monotonic() - started < 30
        assert set(Itinerary.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"queued"}
    with private_redis() as (port, _):
        url = f"redis://127.0.0.1:{port}/0"
        extra = {"PLAN_SWEEP_SECONDS": "1", "PLAN_STALE_SECONDS": "2", "PLAN_QUEUED_STALE_SECONDS": "2"}
        with celery_worker(url, concurrency=2, name="after", extra_env=extra), beat(app_env(url, **extra), tmp_path):
            done = wait_for(lambda: Itinerary.objects.filter(pk__in=ids, status="done").count() == 3, 90, 0.3)
    assert done, list(Itinerary.objects.filter(pk__in=ids).values_list("status", "error"))


def test_a_task_delivered_twice_gives_one_result(transactional_db, shared_redis, broker, client):
    broker(shared_redis)
    with celery_worker(shared_redis, concurrency=2, name="dup") as (_, log):
        itinerary_id = submit(client, {**BIG, "days": 3})
        itinerary_compute.apply_async(args=[itinerary_id])  # a second delivery of the same work
        itinerary_compute.apply_async(args=[itinerary_id])
        assert wait_for(lambda: Itinerary.objects.filter(pk=itinerary_id, status="done").exists(), 60, 0.2)
        assert wait_for(lambda: log.read_text().count("succeeded") >= 3, 30, 0.2), log.read_text()[-2000:]
    row = Itinerary.objects.get(pk=itinerary_id)
    assert row.attempts == 1
    assert row.status == "done"
    assert log.read_text().count("'skipped'") == 2


def test_a_plan_that_errors_in_a_worker_fails_once_with_a_readable_message(
    transactional_db, shared_redis, broker, client
):
    broker(shared_redis)
    # Bad data that slipped past validation (written straight to the table) makes the plan raise in the worker.
    Destination.objects.filter(slug="zhenguo-temple").update(opening_hours=[{"from": "01-01", "to": "12-31"}])
    with celery_worker(shared_redis, concurrency=1, name="err") as (_, log):
        itinerary_id = submit(client, {"start": "pingyao-ancient-city", "days": 1, "date": DATE})
        failed = wait_for(lambda: Itinerary.objects.filter(pk=itinerary_id, status="failed").exists(), 60, 0.2)
        assert failed
        task_id = Itinerary.objects.get(pk=itinerary_id).task_id
        # The worker logs how the task ended once it has: "succeeded" (it returned), or "retry" had it asked to run
        # again. Waiting for that line, not for a fixed time, tells whether a retry loop would run it again.
        ended = wait_for(lambda: re.search(rf"{task_id}\] (succeeded|retry|raised)", log.read_text()), 30, 0.1)
        assert ended, log.read_text()[-2000:]
        assert ended.group(1) == "succeeded"
    row = Itinerary.objects.get(pk=itinerary_id)
    assert row.status == "failed"
    assert row.attempts == 1
    assert row.error.startswith("Planning failed: KeyError")
    assert log.read_text().count(row.task_id) == 2  # received and succeeded once: no retry
