"""One computation of an itinerary, the same under Celery and in-process: claim the row, compute it, record
the outcome with a message a tourist can read. The database row is the truth throughout."""

from __future__ import annotations

import logging
import traceback
import uuid
from enum import StrEnum
from pathlib import Path

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import OperationalError
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from itineraries.routing import Plan
from itineraries.trips.compute import plan_make
from itineraries.trips.errors import PlanError
from itineraries.trips.models import Itinerary, ItineraryId
from itineraries.trips.request import PlanRequest

log = logging.getLogger(__name__)

# Stored in English, as the API answers them; pages say them in their language (trips/wording.py).
TOO_LONG = gettext_noop("Planning took too long and was stopped. Try fewer days or must-see places.")
GAVE_UP = gettext_noop("The plan could not be computed after several attempts; please try again.")
FAILED = "Planning failed: "  # and the exception's kind


class Outcome(StrEnum):
    DONE = "done"
    FAILED = "failed"
    SKIPPED = "skipped"  # done, failed, or another attempt holds the row: duplicate deliveries end here


def itinerary_claim(*, itinerary_id: ItineraryId, stale_seconds: float, take_over: bool = False) -> str | None:
    """Conditional UPDATE: only one attempt at a time owns a row. Returns the claim token.

    A running row is taken when its heartbeat is stale, or at once with ``take_over``: the broker redelivered
    the task because the process that held it died. The earlier attempt, if it still runs somewhere, can no
    longer write: every write checks the token.
    """
    token = uuid.uuid4().hex
    now = timezone.now()
    running = Q(status=Itinerary.Status.RUNNING)
    if not take_over:
        running &= Q(heartbeat_at__lt=now - timezone.timedelta(seconds=stale_seconds))
    claimed = Itinerary.objects.filter(Q(status=Itinerary.Status.QUEUED) | running, pk=itinerary_id).update(
        status=Itinerary.Status.RUNNING,
        claim=token,
        attempts=F("attempts") + 1,
        started_at=now,
        heartbeat_at=now,
        progress=1,
        error="",
    )
    return token if claimed else None


def itinerary_solve(*, itinerary_id: ItineraryId, token: str, solver_seconds: float) -> None:
    """Solve the claimed row's request, reporting progress (which is also the heartbeat), and store it."""
    itinerary = Itinerary.objects.get(pk=itinerary_id)
    request = PlanRequest.from_json(itinerary.request)
    last = [0.0]

    def report(fraction: float, _plan: Plan) -> None:
        now = timezone.now().timestamp()
        if now - last[0] < 0.2 and fraction < 1.0:
            return
        last[0] = now
        Itinerary.objects.filter(pk=itinerary_id, claim=token).update(
            progress=max(1, min(99, int(fraction * 100))), heartbeat_at=timezone.now()
        )

    result = plan_make(request=request, solver_seconds=solver_seconds, progress=report)
    Itinerary.objects.filter(pk=itinerary_id, claim=token).update(
        status=Itinerary.Status.DONE, progress=100, result=result.to_stored(), finished_at=timezone.now(), error=""
    )


def itinerary_fail(*, itinerary_id: ItineraryId, token: str | None, message: str, detail: str = "") -> None:
    rows = Itinerary.objects.filter(pk=itinerary_id)
    if token:
        rows = rows.filter(claim=token)
    rows.update(
        status=Itinerary.Status.FAILED, error=message[:2000], error_detail=detail[:4000], finished_at=timezone.now()
    )


def failure_detail(exc: BaseException) -> str:
    """For editors: the exception, its message and where it was raised; tourists see only the short error."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno} in {frames[-1].name}" if frames else ""
    return f"{type(exc).__name__}: {exc}{where}"


def itinerary_run(*, itinerary_id: ItineraryId, solver_seconds: float, redelivered: bool = False) -> Outcome:
    """Claim, compute, and record a failure readably. A database error is transient: it propagates (the
    caller may retry) and the row stays running until the sweeper frees it."""
    token = itinerary_claim(itinerary_id=itinerary_id, stale_seconds=settings.PLAN_STALE_SECONDS, take_over=redelivered)
    if token is None:
        return Outcome.SKIPPED
    try:
        itinerary_solve(itinerary_id=itinerary_id, token=token, solver_seconds=solver_seconds)
    except OperationalError:
        raise
    except SoftTimeLimitExceeded:
        itinerary_fail(itinerary_id=itinerary_id, token=token, message=TOO_LONG)
        return Outcome.FAILED
    except Exception as exc:
        log.exception("itinerary %s failed", itinerary_id)
        message = str(exc) if isinstance(exc, PlanError) else f"{FAILED}{type(exc).__name__}"
        itinerary_fail(itinerary_id=itinerary_id, token=token, message=message, detail=failure_detail(exc))
        return Outcome.FAILED
    return Outcome.DONE
