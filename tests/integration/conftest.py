import os

import pytest
import redis
from kombu import pools as kombu_pools

from planner.celery import app as celery_app
from tests.conftest import require_service


@pytest.fixture
def shared_redis():
    require_service("Redis", "127.0.0.1", 6379)
    # This suite's own database number (TEST_REDIS_DB lets two checkouts run at once): no messages left from
    # earlier runs.
    url = f"redis://127.0.0.1:6379/{int(os.environ.get('TEST_REDIS_DB', '14'))}"
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
