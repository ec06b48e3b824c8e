"""Thin Celery tasks: each calls one service. Without REDIS_URL, dispatch runs the same lifecycle in-process."""

from __future__ import annotations

from celery import Task, shared_task
from django.conf import settings
from django.db import OperationalError

from itineraries.trips import services
from itineraries.trips.dispatch import COMPUTE_TASK
from itineraries.trips.lifecycle import itinerary_run


@shared_task(bind=True, name=COMPUTE_TASK, acks_late=True, reject_on_worker_lost=True, max_retries=3)
def itinerary_compute(self: Task, itinerary_id: str) -> str:
    # A redelivered message means the process that held it died (acks are late, and a lost worker's
    # message is rejected back to the queue): this attempt takes the row over at once.
    redelivered = bool((self.request.delivery_info or {}).get("redelivered"))
    try:
        return itinerary_run(
            itinerary_id=itinerary_id, solver_seconds=settings.PLAN_SOLVER_SECONDS, redelivered=redelivered
        ).value
    except OperationalError as exc:
        raise self.retry(exc=exc, countdown=2**self.request.retries) from exc


@shared_task(name="itineraries.itinerary_sweep")
def itinerary_sweep() -> int:
    return services.itinerary_requeue_stale(
        queued_seconds=settings.PLAN_QUEUED_STALE_SECONDS, running_seconds=settings.PLAN_STALE_SECONDS
    )
