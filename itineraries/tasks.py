"""Thin tasks: claim the row, call the service. Without REDIS_URL the same code runs in a thread pool."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import OperationalError, close_old_connections, connection

from itineraries import services

log = logging.getLogger(__name__)
_pool: ThreadPoolExecutor | None = None

# A running row whose heartbeat is older than this belongs to a lost attempt.
HEARTBEAT_STALE_SECONDS = 20


def run_itinerary(itinerary_id: str) -> str:
    token = services.itinerary_claim(itinerary_id=itinerary_id, stale_seconds=HEARTBEAT_STALE_SECONDS)
    if token is None:
        return "skipped"  # done, failed, or another attempt holds it: duplicate deliveries end here
    try:
        services.itinerary_compute(itinerary_id=itinerary_id, token=token, solver_seconds=settings.PLAN_SOLVER_SECONDS)
    except OperationalError:
        raise  # transient: the caller may retry; the row stays running until the sweeper frees it
    except SoftTimeLimitExceeded:
        services.itinerary_fail(
            itinerary_id=itinerary_id,
            token=token,
            message="Planning took too long and was stopped. Try fewer days or must-see places.",
        )
        return "failed"
    except Exception as exc:
        log.exception("itinerary %s failed", itinerary_id)
        message = str(exc) if isinstance(exc, services.PlanError) else f"Planning failed: {type(exc).__name__}"
        services.itinerary_fail(itinerary_id=itinerary_id, token=token, message=message)
        return "failed"
    return "done"


@shared_task(bind=True, name="itineraries.itinerary_compute", acks_late=True, reject_on_worker_lost=True, max_retries=3)
def itinerary_compute(self, itinerary_id: str) -> str:
    try:
        return run_itinerary(itinerary_id)
    except OperationalError as exc:
        raise self.retry(exc=exc, countdown=2**self.request.retries) from exc


@shared_task(name="itineraries.itinerary_sweep")
def itinerary_sweep() -> int:
    return services.itinerary_requeue_stale(
        queued_seconds=settings.PLAN_STALE_SECONDS / 2, running_seconds=settings.PLAN_STALE_SECONDS
    )


def _in_process(itinerary_id: str) -> None:
    close_old_connections()
    try:
        run_itinerary(itinerary_id)
    except Exception:
        log.exception("in-process plan %s crashed", itinerary_id)
    finally:
        connection.close()  # a pool thread must not keep a session open


def dispatch(itinerary_id: str, task_id: str) -> None:
    global _pool
    if settings.REDIS_URL:
        itinerary_compute.apply_async(args=[itinerary_id], task_id=task_id, retry=False)
        return
    if settings.PLAN_EXECUTOR == "inline":
        run_itinerary(itinerary_id)
        return
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="plan")
    _pool.submit(_in_process, itinerary_id)
