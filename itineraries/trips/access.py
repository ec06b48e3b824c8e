"""Who may do what with a trip.

- A trip planned without an account belongs to no one: whoever holds its link reads and edits it, as a shared
  document. It becomes private when an account claims it.
- A signed-in tourist's trip is private: its owner does everything; collaborators (who followed an invite
  link) read and edit it, rename it and restore versions; holders of the read-only share link read it; anyone
  else is told it does not exist.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import IntEnum

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError as DjangoValidationError

from itineraries.trips.errors import NoSuchTrip, NotAllowed
from itineraries.trips.models import Itinerary, Trip


class Role(IntEnum):
    NONE = 0
    VIEWER = 1
    COLLABORATOR = 2
    OWNER = 3


def trip_role(trip: Trip, user: AbstractBaseUser | AnonymousUser | None, *, share_tokens: Collection[str] = ()) -> Role:
    if trip.owner_id is None:
        return Role.COLLABORATOR
    if user is not None and user.is_authenticated:
        if trip.owner_id == user.pk:
            return Role.OWNER
        if trip.collaborators.filter(pk=user.pk).exists():
            return Role.COLLABORATOR
    if trip.share_token and trip.share_token in share_tokens:
        return Role.VIEWER
    return Role.NONE


@dataclass(frozen=True)
class Access:
    """What a URL's id names and what the caller may do with it. An id is a trip's (its first version shares
    it) or a version's: ``version`` is the version with that id, if any; ``names_trip`` says the id is the
    trip's own, so a page shows the trip's latest (or asked-for) version rather than that one."""

    trip: Trip
    version: Itinerary | None
    names_trip: bool
    role: Role


def access_resolve(
    pk: object,
    user: AbstractBaseUser | AnonymousUser | None,
    *,
    share_tokens: Collection[str] = (),
    need: Role = Role.VIEWER,
    deferred: Collection[str] = (),
) -> Access:
    """The one way from a URL id to (trip, version, role), for the API and the pages alike. ``deferred`` names
    version fields not loaded yet (Django loads one when it is first read)."""
    trip, version, names_trip = _named(pk, deferred=deferred)
    role = trip_role(trip, user, share_tokens=share_tokens)
    if role < Role.VIEWER:
        raise NoSuchTrip
    if role < need:
        raise NotAllowed(need)
    return Access(trip, version, names_trip=names_trip, role=role)


def trip_named(pk: object) -> Trip | None:
    """The trip a URL id names, whoever asks (an invite link checks its own token)."""
    try:
        return _named(pk)[0]
    except NoSuchTrip:
        return None


def _named(pk: object, *, deferred: Collection[str] = ()) -> tuple[Trip, Itinerary | None, bool]:
    """One query when the id is a version's (the usual case): the version with its trip. A trip's id is its
    first version's, so a version whose trip has its id names the trip as well; a trip without that version
    (deleted) costs a second query."""
    try:
        version = Itinerary.objects.select_related("trip").defer(*deferred).get(pk=pk)
    except Itinerary.DoesNotExist:
        version = None
    except (ValueError, TypeError, DjangoValidationError) as exc:
        raise NoSuchTrip from exc
    if version is not None:
        return version.trip, version, version.trip_id == version.pk
    try:
        return Trip.objects.get(pk=pk), None, True
    except Trip.DoesNotExist as exc:
        raise NoSuchTrip from exc


def can_read(role: Role) -> bool:
    return role >= Role.VIEWER


def can_edit(role: Role) -> bool:
    return role >= Role.COLLABORATOR


def can_manage(role: Role) -> bool:
    """Share links, invites and deletion: the owner only, and only of a trip someone owns."""
    return role == Role.OWNER
