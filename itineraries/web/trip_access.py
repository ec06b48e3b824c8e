"""Finding the trip a page asks for, in the version it asks for, and what the visitor may do with it.

A trip's link is ``/trips/<trip id>/``; ``?v=N`` shows version N. A link to a later version's own id still
works: it leads to the trip at that version. ``?share=<token>`` is the read-only link; the browser keeps it
for the session, so the trip's other pages (compare, downloads) open too.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from itineraries.trips.access import Role, can_edit, can_manage, can_read, trip_role, version_and_role
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


def find_trip(pk: object) -> tuple[Trip, Itinerary | None]:
    """The trip by its id, or by one of its versions' ids (then that version)."""
    try:
        trip = Trip.objects.filter(pk=pk).first()
        if trip is not None:
            return trip, None
        version = Itinerary.objects.select_related("trip").filter(pk=pk).first()
    except (ValueError, TypeError) as exc:
        raise Http404(_("No such trip.")) from exc
    if version is None or version.trip is None:
        raise Http404(_("No such trip."))
    return version.trip, version


def trip_view(request: HttpRequest, pk: object, *, need: Role = Role.VIEWER) -> TripView:
    trip, version = find_trip(pk)
    role = trip_role(trip, request.user, share_tokens=share_tokens(request))
    if not can_read(role):
        raise Http404(_("No such trip."))  # a private trip is not admitted to exist
    if role < need:
        raise PermissionDenied(_("You may read this trip but not change it."))
    latest = trip.versions.order_by("-version").first()
    if latest is None:
        raise Http404(_("No such trip."))
    shown = version or latest
    wanted = request.GET.get("v", "")
    if version is None and wanted.isdigit():
        shown = trip.versions.filter(version=int(wanted)).first() or latest
    return TripView(trip, shown, latest, role)


def version_view(request: HttpRequest, pk: object, *, need: Role = Role.VIEWER) -> Itinerary:
    """Exactly the version with this id (comparisons and downloads name versions), if the visitor may."""
    version, role = version_and_role(pk, request.user, share_tokens=share_tokens(request))
    if version is None or not can_read(role):
        raise Http404(_("No such trip."))
    if role < need:
        raise PermissionDenied(_("You may read this trip but not change it."))
    return version
