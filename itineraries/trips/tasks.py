"""Thin Celery tasks: each calls one service. Without REDIS_URL, dispatch runs the same lifecycle in-process."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.db import OperationalError

from itineraries.trips import services
from itineraries.trips.dispatch import COMPUTE_TASK
from itineraries.trips.lifecycle import itinerary_run


@shared_task(bind=True, name=COMPUTE_TASK, acks_late=True, reject_on_worker_lost=True, max_retries=3)
def itinerary_compute(self, itinerary_id: str) -> str:
    try:
        return itinerary_run(itinerary_id=itinerary_id, solver_seconds=settings.PLAN_SOLVER_SECONDS).value
    except OperationalError as exc:
        raise self.retry(exc=exc, countdown=2**self.request.retries) from exc


@shared_task(name="itineraries.itinerary_sweep")
def itinerary_sweep() -> int:
    return services.itinerary_requeue_stale(
        queued_seconds=settings.PLAN_STALE_SECONDS / 2, running_seconds=settings.PLAN_STALE_SECONDS
    )
