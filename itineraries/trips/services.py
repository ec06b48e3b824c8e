"""Writes to trips: create an itinerary and enqueue it, re-plan, re-run, and the sweeper's re-sends."""

from __future__ import annotations

import logging
import secrets
import uuid
from dataclasses import replace

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from itineraries.catalogue import selectors as catalogue
from itineraries.trips.concurrency import Base, base_check, merged, trip_lock, version_latest, version_next
from itineraries.trips.dispatch import dispatch
from itineraries.trips.editing import plan_as_given
from itineraries.trips.errors import FieldError, InvalidRequest, StaleWrite, TripGone
from itineraries.trips.lifecycle import GAVE_UP, itinerary_fail
from itineraries.trips.models import Itinerary, ItineraryId, Origin, Owner, Trip
from itineraries.trips.request import PlanRequest
from itineraries.trips.trip_result import TripResult

log = logging.getLogger(__name__)


def itinerary_create(
    *,
    request: PlanRequest,
    owner: Owner = None,
    replanned_from: Itinerary | None = None,
    trip: Trip | None = None,
    origin: str = "planned",
    base: Base | None = None,
) -> Itinerary:
    """Save the row first, then hand it to a worker once the transaction commits. Without a trip, the row is
    the first version of a new trip that shares its id; with one, it is that trip's next version (taken under
    the trip's lock: TripGone if it was deleted, StaleWrite if ``base`` is out of date)."""
    with transaction.atomic():
        fields = {"request": request.to_json(), "replanned_from": replanned_from, "origin": origin}
        if trip is None:
            itinerary = Itinerary.objects.new_trip(owner=owner, **fields)
        else:
            trip = trip_lock(trip.pk)
            itinerary = Itinerary.objects.create(trip=trip, version=version_next(trip, base=base), **fields)
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


def itinerary_rerun(*, itinerary: Itinerary, by: AbstractBaseUser, reason: str) -> Itinerary:
    """An editor re-runs a plan: the same request as the trip's next version (origin "re-run", who and why).
    The version it came from, finished or not, is never touched: a tourist's saved result stays as it was."""
    row = itinerary_create(
        request=PlanRequest.from_json(itinerary.request),
        replanned_from=itinerary,
        trip=itinerary.trip,
        origin="rerun",
    )
    Itinerary.objects.filter(pk=row.pk).update(requested_by=by, reason=reason.strip()[:2000])
    row.requested_by, row.reason = by, reason.strip()[:2000]
    return row


def itinerary_replan(
    *,
    itinerary: Itinerary,
    pins: tuple[str, ...],
    drops: tuple[str, ...],
    keep_days: tuple[int, ...] = (),
    owner: Owner = None,
    base: Base | None = None,
) -> Itinerary:
    """The trip's next version from an old one: pinned places become must-sees, dropped ones are avoided."""
    previous, nights = itinerary_days(itinerary)
    updated = PlanRequest.from_json(itinerary.request).with_changes(
        pins=list(pins), drops=list(drops), previous=previous, nights=nights, keep_days=tuple(keep_days)
    )
    return itinerary_create(
        request=updated, replanned_from=itinerary, trip=itinerary.trip, origin="replanned", base=base
    )


def itinerary_days(itinerary: Itinerary) -> tuple[list[list[str]], list[str]]:
    """A finished version's places day by day, and where each day ended."""
    days = TripResult.from_stored(itinerary.result).days if itinerary.result else ()
    return [[s.slug for s in day.stops] for day in days], [day.end.slug for day in days]


def _finished_version(*, trip: Trip, source: Itinerary, origin: str, base: Base | None, **fields: object) -> Itinerary:
    """The trip's next version, made without the optimiser (an edit, a restore): stored as finished."""
    with transaction.atomic():
        trip = trip_lock(trip.pk)
        return Itinerary.objects.create(
            replanned_from=source,
            trip=trip,
            version=version_next(trip, base=base),
            origin=origin,
            finished_at=timezone.now(),
            **fields,
        )


def itinerary_edit(*, itinerary: Itinerary, days: list[list[str]], base: Base | None = None) -> Itinerary:
    """A tourist's own arrangement of the places, timed at once through the engine's checker. Nothing is
    refused for breaking an opening hour or the driving cap: the new version says what breaks and why. Every
    day must be given, and a place only once."""
    request = PlanRequest.from_json(itinerary.request)
    before, nights = itinerary_days(itinerary)
    if len(days) != len(before):
        raise InvalidRequest({"days": [FieldError("invalid", "edit_all_days", {"days": len(before)})]})
    placed = {slug for day in days for slug in day}
    if len(placed) != sum(len(day) for day in days):
        raise InvalidRequest({"days": [FieldError("invalid", "edit_once")]})
    retired = catalogue.places_retired(placed - {slug for day in before for slug in day})
    if retired:
        gone = next(iter(retired.values()))
        names = {"name_en": gone.name_en, "name_zh": gone.name_zh}
        raise InvalidRequest({"days": [FieldError("invalid", "retired_place", names)]})
    edited = replace(
        request,
        must=tuple(m for m in request.must if m in placed),
        avoid=tuple(a for a in request.avoid if a not in placed),
        previous=tuple(tuple(day) for day in days),
        previous_nights=tuple(nights),
        keep_days=(),
        as_given=True,
        reorder_day=None,
    )
    result = plan_as_given(request=edited, before=before)
    return _finished_version(
        trip=itinerary.trip,
        source=itinerary,
        origin="edited",
        base=base,
        request=edited.to_json(),
        status=Itinerary.Status.DONE,
        progress=100,
        result=result.to_stored(),
    )


def itinerary_optimise_day(*, itinerary: Itinerary, day: int, base: Base | None = None) -> Itinerary:
    """Re-order one day (1-based) as the optimiser would, keeping its places; the other days stay as they are."""
    request = PlanRequest.from_json(itinerary.request)
    previous, nights = itinerary_days(itinerary)
    keep = tuple(d for d in range(1, len(previous) + 1) if d != day)
    updated = replace(
        request,
        previous=tuple(tuple(d) for d in previous),
        previous_nights=tuple(nights),
        keep_days=keep,
        as_given=False,
        reorder_day=day,
    )
    return itinerary_create(
        request=updated, replanned_from=itinerary, trip=itinerary.trip, origin="optimised", base=base
    )


def itinerary_restore(*, trip: Trip, version: int, base: Base | None = None) -> Itinerary:
    """An earlier version again, as the trip's newest: nothing is recomputed."""
    with transaction.atomic():
        locked = trip_lock(trip.pk)  # the trip may have been deleted since the caller read it
        old = locked.versions.filter(version=version).first()
        if old is None:
            raise InvalidRequest({"version": [_("No such version.")]})
        return _finished_version(
            trip=locked,
            source=old,
            origin="restored",
            base=base,
            request=old.request,
            status=old.status,
            progress=old.progress,
            result=old.result,
            error=old.error,
        )


def _clean(text: str | None, limit: int) -> str | None:
    return None if text is None else text.strip()[:limit]


def trip_update(*, trip: Trip, name: str | None = None, notes: str | None = None, base: Base | None = None) -> Trip:
    """Rename a trip or change its notes, under its lock. With a base that carries the name and notes its author
    read, each field merges: a field the author left as it was keeps anyone else's change since; both changed
    differently is a StaleWrite. With digests (the API's If-Match), any change since is a StaleWrite."""
    with transaction.atomic():
        locked = trip_lock(trip.pk)
        base_check(locked, base, latest=version_latest(locked), version=False)
        given = {"name": _clean(name, 120), "notes": _clean(notes, 4000)}
        based_on = {"name": _clean(base.name, 120), "notes": _clean(base.notes, 4000)} if base else {}
        values, conflicts = {}, []
        for field, value in given.items():
            current = getattr(locked, field)
            values[field] = merged(current=current, given=value, based_on=based_on.get(field))
            if values[field] is None:
                conflicts.append(field)
        if conflicts:
            raise StaleWrite(changed=tuple(conflicts), latest_version=version_latest(locked))
        locked.name, locked.notes = values["name"], values["notes"]
        locked.save(update_fields=["name", "notes"])
    trip.name, trip.notes = locked.name, locked.notes
    return trip


def trip_delete(*, trip: Trip) -> None:
    """Delete a trip and its versions, under its lock: a write racing the delete finds the trip gone."""
    with transaction.atomic():
        trip_lock(trip.pk).delete()


def trip_duplicate(*, trip: Trip, owner: Owner) -> Trip:
    """A new trip of its own (a copy of the latest version), for trying something without touching the first."""
    latest = trip.versions.order_by("-version").first()
    assert latest is not None
    with transaction.atomic():
        pk = uuid.uuid4()
        copy = Trip.objects.create(
            id=pk, owner=owner, name=_("Copy of %(name)s") % {"name": trip.name} if trip.name else "", notes=trip.notes
        )
        Itinerary.objects.create(
            id=pk,
            request=latest.request,
            trip=copy,
            version=1,
            origin=Origin.PLANNED,
            status=latest.status,
            progress=latest.progress,
            # A copy is a plan of its own: what a re-plan of the original changed is not news to it.
            result=replace(TripResult.from_stored(latest.result), changes=None).to_stored()
            if latest.result
            else latest.result,
            error=latest.error,
            finished_at=timezone.now(),
        )
    return copy


def _trip_token_set(trip: Trip, field: str, value: str) -> Trip:
    if not Trip.objects.filter(pk=trip.pk).update(**{field: value}):
        raise TripGone(str(trip.pk))  # deleted meanwhile
    setattr(trip, field, value)
    return trip


def trip_share_link(*, trip: Trip, on: bool) -> Trip:
    """Create a read-only link (a new token each time) or revoke it."""
    return _trip_token_set(trip, "share_token", secrets.token_urlsafe(16) if on else "")


def trip_invite_link(*, trip: Trip, on: bool) -> Trip:
    """Create an invite link for one companion (a new token each time) or revoke it."""
    return _trip_token_set(trip, "invite_token", secrets.token_urlsafe(16) if on else "")


def trip_join(*, trip: Trip, token: str, user: AbstractBaseUser) -> bool:
    """A companion follows the invite link: they become a collaborator, and the link is used up (an invite is
    for one person; the owner makes another for the next). False when the link is not (or no longer) valid.
    The owner, or someone already editing, following the link does not use it up."""
    if not trip.invite_token or not secrets.compare_digest(trip.invite_token, token):
        return False
    if trip.owner_id == user.pk or trip.collaborators.filter(pk=user.pk).exists():
        return True
    with transaction.atomic():
        # Conditional: of two people following one link at once, one gets in.
        if not Trip.objects.filter(pk=trip.pk, invite_token=token).update(invite_token=""):
            return False
        trip.collaborators.add(user)
    trip.invite_token = ""
    return True


def trip_collaborator_remove(*, trip: Trip, user_id: object) -> bool:
    """The owner takes a collaborator off the trip: from now on a private trip does not exist for them."""
    removed = trip.collaborators.filter(pk=user_id).exists()
    trip.collaborators.remove(*trip.collaborators.filter(pk=user_id))
    return removed


def trips_claim(*, user: AbstractBaseUser, trip_ids: list[str]) -> int:
    """Trips planned in this browser before signing in become the account's (and so private)."""
    return Trip.objects.filter(pk__in=trip_ids, owner__isnull=True).update(owner=user)


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
