"""Hands a queued itinerary to whatever computes it: Celery workers when REDIS_URL is set, otherwise a
thread pool in this process (or inline, in tests). Same lifecycle either way."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import close_old_connections, connection

from itineraries.routing.warming import wait_until_ready, warm_in_background
from itineraries.trips.lifecycle import itinerary_run

log = logging.getLogger(__name__)
COMPUTE_TASK = "itineraries.itinerary_compute"
_pool: ThreadPoolExecutor | None = None


def _in_process(itinerary_id: str) -> None:
    wait_until_ready()  # on a fresh machine the kernel may still be compiling; the page says so meanwhile
    close_old_connections()
    try:
        itinerary_run(itinerary_id=itinerary_id, solver_seconds=settings.PLAN_SOLVER_SECONDS)
    except Exception:
        log.exception("in-process plan %s crashed", itinerary_id)
    finally:
        connection.close()  # a pool thread must not keep a session open


def dispatch(itinerary_id: str, task_id: str) -> None:
    """Raises if the broker cannot take the task; the caller leaves the row queued for the sweeper."""
    global _pool
    if settings.REDIS_URL:
        from planner.celery import app

        app.send_task(COMPUTE_TASK, args=[itinerary_id], task_id=task_id, retry=False)
        return
    if settings.PLAN_EXECUTOR == "inline":
        itinerary_run(itinerary_id=itinerary_id, solver_seconds=settings.PLAN_SOLVER_SECONDS)
        return
    warm_in_background()
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="plan")
    _pool.submit(_in_process, itinerary_id)
