"""Redis stops, Redis restarts, a pool process dies: plans are still accepted, kept and finished."""

import os
import signal
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client

from itineraries.catalogue.models import Destination
from itineraries.trips.models import Itinerary
from tests.dates import upcoming
from tests.integration.processes import RestartableRedis, app_env, celery_worker, process, wait_http
from tests.integration.test_reliability import LONGEST, beat, submit, wait_for

pytestmark = [pytest.mark.services, pytest.mark.usefixtures("catalogue")]
DATE = upcoming(5, 4).isoformat()


@pytest.fixture
def private_redis_cache(settings, broker):
    """The app's broker and cache both on a private redis-server, as in production."""
    from tests.integration.processes import free_port

    server = RestartableRedis(free_port())
    server.start()
    broker(server.url)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": server.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    cache.close()
    yield server
    server.stop()
    cache.close()


def test_plans_are_accepted_while_redis_is_down_and_finished_when_it_returns(
    transactional_db, private_redis_cache, tmp_path
):
    server = private_redis_cache
    server.stop()
    api, web = Client(), Client()
    ids = [submit(api, {"start": "jincheng", "days": 2, "date": DATE, "seed": n}) for n in range(3)]
    form = web.post("/plan/", {"start": "jincheng", "days": 1, "date": DATE, "pace": "normal", "mode": "car"})
    assert form.status_code == 302
    ids.append(form["Location"].rstrip("/").rsplit("/", 1)[1])
    assert set(Itinerary.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"queued"}
    health = api.get("/healthz")
    assert health.status_code == 200
    assert health.json()["status"] == "degraded"
    assert health.json()["redis"].startswith("failed")
    server.start()
    extra = {"PLAN_SWEEP_SECONDS": "1", "PLAN_STALE_SECONDS": "2", "PLAN_QUEUED_STALE_SECONDS": "2"}
    with (
        celery_worker(server.url, concurrency=2, name="back", extra_env=extra),
        beat(app_env(server.url, **extra), tmp_path),
    ):
        done = wait_for(lambda: Itinerary.objects.filter(pk__in=ids, status="done").count() == len(ids), 90, 0.3)
    assert done, list(Itinerary.objects.filter(pk__in=ids).values_list("status", "error"))


def test_an_unpublished_place_stays_unplannable_after_redis_restarts(transactional_db, private_redis_cache):
    server = private_redis_cache
    place = Destination.objects.get(slug="xiangyu-castle")
    place.published = False
    place.save()
    body = {"start": "jincheng", "days": 2, "date": DATE, "must": ["xiangyu-castle"]}
    client = Client()
    assert client.post("/api/v1/itineraries/", body, content_type="application/json").status_code == 400
    server.stop()
    server.start()
    cache.close()
    response = client.post("/api/v1/itineraries/", body, content_type="application/json")
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["must"]


def _pool_children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def test_a_plan_whose_pool_process_is_killed_is_taken_over_without_the_sweeper(
    transactional_db, shared_redis, broker, client
):
    broker(shared_redis)
    with celery_worker(shared_redis, concurrency=1, name="oom") as (worker, log):
        itinerary_id = submit(client, LONGEST)
        assert wait_for(lambda: Itinerary.objects.filter(pk=itinerary_id, status="running").exists(), 30, 0.01)
        children = _pool_children(worker.pid)
        assert children, "the worker has no pool process"
        for child in children:  # as an out-of-memory kill would: the parent lives on
            os.kill(child, signal.SIGKILL)
        done = wait_for(lambda: Itinerary.objects.filter(pk=itinerary_id, status="done").exists(), 60, 0.2)
        row = Itinerary.objects.get(pk=itinerary_id)
        assert done, (row.status, log.read_text()[-3000:])
    assert row.attempts == 2


def test_half_open_connections_do_not_block_the_health_check(transactional_db):
    import socket

    from tests.integration.processes import free_port, test_database_url

    port = free_port()
    env = {
        **app_env("", DATABASE_URL=test_database_url()),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
    }
    cmd = [sys.executable, "-m", "gunicorn", "planner.wsgi:application", "--config", "planner/gunicorn.conf.py"]
    with process(cmd, env, ready="Booting worker", name="gunicorn") as (_, log):
        assert wait_for(lambda: log.read_text().count("Booting worker") == 2, 60), log.read_text()  # both started
        wait_http(f"http://127.0.0.1:{port}/healthz")  # and one of them serves
        stalled = []
        for _ in range(4):  # more slow clients than there are workers
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finishes its headers
            stalled.append(s)
        # Blocked, the request would wait for gunicorn's 60 s worker timeout; served, it answers at once. The 30 s
        # socket timeout tells the two apart without timing a busy machine to the second.
        with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            answer = s.recv(200)
        for s in stalled:
            s.close()
    assert answer.startswith(b"HTTP/1.1 200"), answer


def test_concurrent_submissions_never_overshoot_the_limit(private_redis_cache, settings):
    from concurrent.futures import ThreadPoolExecutor

    from django.test import RequestFactory

    from itineraries.http.throttle import throttle_wait

    # A day-long window, so that the burst cannot straddle two windows.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"plan_submit": "10/day"}}
    request = RequestFactory().post("/api/v1/itineraries/", REMOTE_ADDR="198.51.100.9")

    def attempt(_n: int) -> bool:
        return throttle_wait(request) is None

    with ThreadPoolExecutor(max_workers=16) as pool:
        allowed = sum(pool.map(attempt, range(64)))
    assert allowed == 10
