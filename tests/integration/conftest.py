import os

import pytest
import redis
from kombu import pools as kombu_pools

from planner.celery import app as celery_app
from tests.conftest import require_service


def redis_db_number() -> int:
    """The shared Redis database this process uses: the worker's entry in TEST_REDIS_DB ("12,13,14,15" unless
    set; gw0 takes the first, gw1 the second; a run without workers takes the first)."""
    numbers = [int(n) for n in os.environ.get("TEST_REDIS_DB", "12,13,14,15").split(",")]
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    index = int(worker.removeprefix("gw"))
    if index >= len(numbers):
        pytest.fail(f"TEST_REDIS_DB={numbers} has no database for pytest-xdist worker {worker}: list one more")
    return numbers[index]


@pytest.fixture
def shared_redis():
    require_service("Redis", "127.0.0.1", 6379)
    # This test process's own database number, flushed: no messages left from earlier runs or from the other
    # pytest-xdist worker. TEST_REDIS_DB lists one number per worker, so that two checkouts can run at once.
    url = f"redis://127.0.0.1:6379/{redis_db_number()}"
    redis.Redis.from_url(url).flushdb()
    return url


@pytest.fixture
def broker(settings):
    """Point this process's Celery producer at a Redis URL for the duration of a test."""
    original = celery_app.conf.broker_url

    def reset_pools() -> None:
        if celery_app._pool is not None:
            celery_app._pool.force_close_all()
        celery_app._pool = None
        celery_app.amqp._producer_pool = None
        kombu_pools.reset()  # kombu keeps producer pools per connection globally

    def use(url: str) -> None:
        settings.REDIS_URL = url
        celery_app.conf.broker_url = url
        reset_pools()

    yield use
    celery_app.conf.broker_url = original
    reset_pools()
