"""Writes to trips: create an itinerary and enqueue it, re-plan, re-run, and the sweeper's re-sends."""

from __future__ import annotations

import logging
import uuid

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from itineraries.trips.dispatch import dispatch
from itineraries.trips.lifecycle import GAVE_UP, itinerary_fail
from itineraries.trips.models import Itinerary, ItineraryId, Owner
from itineraries.trips.request import PlanRequest

log = logging.getLogger(__name__)


def itinerary_create(
    *, request: PlanRequest, owner: Owner = None, replanned_from: Itinerary | None = None
) -> Itinerary:
    """Save the row first, then hand it to a worker once the transaction commits."""
    with transaction.atomic():
        itinerary = Itinerary.objects.create(request=request.to_json(), owner=owner, replanned_from=replanned_from)
        task_id = str(uuid.uuid4())
        Itinerary.objects.filter(pk=itinerary.pk).update(task_id=task_id)
        itinerary.task_id = task_id
        transaction.on_commit(lambda: itinerary_enqueue(itinerary_id=itinerary.pk, task_id=task_id))
    return itinerary


def itinerary_enqueue(*, itinerary_id: ItineraryId, task_id: str) -> bool:
    """Send the compute task; a broker outage leaves the row queued for the sweeper."""
    try:
        dispatch(str(itinerary_id), task_id)
        return True
    except Exception:  # broker unreachable: the sweeper will retry
        log.warning("enqueue failed for %s; left queued for the sweeper", itinerary_id, exc_info=True)
        return False


def itinerary_rerun(*, itinerary: Itinerary) -> None:
    """An editor re-runs a plan: back to queued with a fresh task, attempts reset."""
    task_id = str(uuid.uuid4())
    Itinerary.objects.filter(pk=itinerary.pk).update(
        status=Itinerary.Status.QUEUED,
        progress=0,
        error="",
        error_detail="",
        claim="",
        attempts=0,
        task_id=task_id,
        heartbeat_at=timezone.now(),
        result=None,
        finished_at=None,
    )
    transaction.on_commit(lambda: itinerary_enqueue(itinerary_id=itinerary.pk, task_id=task_id))


def itinerary_replan(
    *,
    itinerary: Itinerary,
    pins: tuple[str, ...],
    drops: tuple[str, ...],
    keep_days: tuple[int, ...] = (),
    owner: Owner = None,
) -> Itinerary:
    """A new itinerary from an old one: pinned places become must-sees, dropped ones are avoided. It belongs to
    whoever asked for it (no one, if anonymous), not to the owner of the old one."""
    request = PlanRequest.from_json(itinerary.request)
    days = (itinerary.result or {}).get("days", [])
    updated = request.with_changes(
        pins=list(pins),
        drops=list(drops),
        previous=[[s["slug"] for s in day["stops"]] for day in days],
        nights=[day["end"]["slug"] for day in days],
        keep_days=tuple(keep_days),
    )
    return itinerary_create(request=updated, owner=owner, replanned_from=itinerary)


def itinerary_requeue_stale(*, queued_seconds: float, running_seconds: float, max_attempts: int = 5) -> int:
    """The sweeper: re-send rows that no worker has touched for a while."""
    now = timezone.now()
    count = 0
    stale = Itinerary.objects.filter(
        Q(status=Itinerary.Status.QUEUED, heartbeat_at__lt=now - timezone.timedelta(seconds=queued_seconds))
        | Q(status=Itinerary.Status.RUNNING, heartbeat_at__lt=now - timezone.timedelta(seconds=running_seconds))
    )
    for row in stale.only("id", "attempts", "status", "heartbeat_at"):
        if row.attempts >= max_attempts:
            itinerary_fail(itinerary_id=row.id, token=None, message=GAVE_UP)
            continue
        task_id = str(uuid.uuid4())
        # Back to queued with no owner: a slow earlier attempt can no longer write its result.
        touched = Itinerary.objects.filter(pk=row.id, status=row.status, heartbeat_at=row.heartbeat_at).update(
            status=Itinerary.Status.QUEUED, claim="", task_id=task_id, heartbeat_at=now
        )
        if touched and itinerary_enqueue(itinerary_id=row.id, task_id=task_id):
            count += 1
    return count
