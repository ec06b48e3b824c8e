"""Writes to one trip, made safe against each other.

Every write that adds a version, renames a trip, changes its notes or deletes it first locks the trip's row
(``SELECT ... FOR UPDATE``) inside its transaction, so on PostgreSQL the writers of one trip queue one behind
the other: the next version number is taken under the lock (never ``max + 1`` read by two at once), and a
trip deleted meanwhile is found gone (``TripGone``) instead of failing at commit.

A write may say what it was based on (``Base``): the newest version its author saw, and the name and notes.
A version-adding write whose author had not seen the newest version is refused (``StaleWrite``); a rename or
a notes change merges field by field, and is refused only when someone else changed the same field to
something else since.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db.models import Max

from itineraries.trips.errors import StaleWrite, TripGone
from itineraries.trips.models import Trip


@dataclass(frozen=True)
class Base:
    """What the author of a write had read. None: not said (the write is not checked for that part)."""

    version: int | None = None
    name: str | None = None
    notes: str | None = None
    # Digests instead of the text (the API's ETag carries these).
    name_digest: str | None = None
    notes_digest: str | None = None


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def trip_lock(trip_id: object) -> Trip:
    """The trip's row, locked until the surrounding transaction ends; TripGone when it no longer exists."""
    trip = Trip.objects.select_for_update().filter(pk=trip_id).first()
    if trip is None:
        raise TripGone(str(trip_id))
    return trip


def version_latest(trip: Trip) -> int:
    return trip.versions.aggregate(Max("version"))["version__max"] or 0


def base_check(trip: Trip, base: Base | None, *, latest: int, version: bool = True) -> None:
    """StaleWrite when the author's view of a locked trip is older than its newest version (if ``version``), or
    its name or notes changed since (when the base carries their digests)."""
    if base is None:
        return
    changed = tuple(
        part
        for part, stale in (
            ("version", version and base.version is not None and base.version != latest),
            ("name", base.name_digest is not None and base.name_digest != text_digest(trip.name)),
            ("notes", base.notes_digest is not None and base.notes_digest != text_digest(trip.notes)),
        )
        if stale
    )
    if changed:
        raise StaleWrite(changed=changed, latest_version=latest)


def version_next(trip: Trip, *, base: Base | None = None) -> int:
    """The number of the version about to be added to a locked trip, after checking what its author saw."""
    latest = version_latest(trip)
    base_check(trip, base, latest=latest)
    return latest + 1


def merged(*, current: str, given: str | None, based_on: str | None) -> str | None:
    """A three-way merge of one text field: the author's value when they changed it (or nobody else did), the
    current one when they left it as they read it; None when both changed it, differently (a conflict)."""
    if given is None:
        return current
    if based_on is None or based_on == current or given == current:
        return given
    if given == based_on:
        return current  # the author did not touch it; keep the other person's change
    return None
