"""Finding the trip a page asks for, in the version it asks for, and what the visitor may do with it.

A trip's link is ``/trips/<trip id>/``; ``?v=N`` shows version N. A link to a later version's own id still
works: it leads to the trip at that version. ``?share=<token>`` is the read-only link; the browser keeps it
for the session, so the trip's other pages (compare, downloads) open too.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from itineraries.trips.access import Access, Role, access_resolve, can_edit, can_manage
from itineraries.trips.errors import NoSuchTrip
from itineraries.trips.models import Itinerary, Trip

SHARE_TOKENS = "trip_share_tokens"


@dataclass(frozen=True)
class TripView:
    trip: Trip
    itinerary: Itinerary  # the version shown
    latest: Itinerary
    role: Role

    @property
    def can_edit(self) -> bool:
        return can_edit(self.role)

    @property
    def can_manage(self) -> bool:
        return can_manage(self.role)


def share_tokens(request: HttpRequest) -> list[str]:
    tokens = list(request.session.get(SHARE_TOKENS, []))
    given = request.GET.get("share", "")
    if given and given not in tokens:
        tokens = [*tokens[-19:], given]
        request.session[SHARE_TOKENS] = tokens
    return tokens


def _access(request: HttpRequest, pk: object, need: Role) -> Access:
    """NoSuchTrip (a 404: a private trip is not admitted to exist) or NotAllowed (403) go to web/errors.py."""
    return access_resolve(pk, request.user, share_tokens=share_tokens(request), need=need)


def trip_view(request: HttpRequest, pk: object, *, need: Role = Role.VIEWER) -> TripView:
    """The trip by its id (its latest version, or ``?v=N``), or by one of its versions' ids (that version)."""
    access = _access(request, pk, need)
    latest = access.trip.versions.order_by("-version").first()
    if latest is None:
        raise NoSuchTrip
    if not access.names_trip and access.version is not None:
        return TripView(access.trip, access.version, latest, access.role)
    wanted = request.GET.get("v", "")
    shown = (access.trip.versions.filter(version=int(wanted)).first() if wanted.isdigit() else None) or latest
    return TripView(access.trip, shown, latest, access.role)


def version_view(request: HttpRequest, pk: object, *, need: Role = Role.VIEWER) -> Itinerary:
    """Exactly the version with this id (comparisons and downloads name versions), if the visitor may."""
    version = _access(request, pk, need).version
    if version is None:
        raise NoSuchTrip
    return version
