"""Who may do what with a trip.

- A trip planned without an account belongs to no one: whoever holds its link reads and edits it, as a shared
  document. It becomes private when an account claims it.
- A signed-in tourist's trip is private: its owner does everything; collaborators (who followed an invite
  link) read and edit it, rename it and restore versions; holders of the read-only share link read it; anyone
  else is told it does not exist.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import IntEnum

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError as DjangoValidationError

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


def version_and_role(
    pk: object, user: AbstractBaseUser | AnonymousUser | None, *, share_tokens: Collection[str] = ()
) -> tuple[Itinerary | None, Role]:
    """Exactly the version with this id (None for an unknown or malformed id) and what the caller may do."""
    try:
        version = Itinerary.objects.select_related("trip").filter(pk=pk).first()
    except (ValueError, TypeError, DjangoValidationError):
        version = None
    if version is None or version.trip is None:
        return None, Role.NONE
    return version, trip_role(version.trip, user, share_tokens=share_tokens)


def can_read(role: Role) -> bool:
    return role >= Role.VIEWER


def can_edit(role: Role) -> bool:
    return role >= Role.COLLABORATOR


def can_manage(role: Role) -> bool:
    """Share links, invites and deletion: the owner only, and only of a trip someone owns."""
    return role == Role.OWNER
