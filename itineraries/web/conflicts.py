"""Pages' writes to a trip that someone else changed meanwhile, or deleted.

Every form that changes a trip carries what its page showed: ``base_version`` (the newest version the page
knew of) and, on the name-and-notes form, ``base_name`` and ``base_notes``. A write whose base is out of date
is refused (StaleWrite) with a 409 page, made here and served by web/errors.py, that shows the person's change
beside the trip as it is now and offers to apply the change again to the newest version, so nothing accepted is
silently superseded. A trip deleted while the write was under way (TripGone) gets the "no such trip" page.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from itineraries.trips import services
from itineraries.trips.concurrency import Base
from itineraries.trips.errors import StaleWrite
from itineraries.web.trip_access import trip_view

BASE_FIELDS = ("base_version", "base_name", "base_notes", "csrfmiddlewaretoken")


def base_from_post(post: QueryDict) -> Base | None:
    """What the page the form came from showed; None for a form without it (a script's post)."""
    raw = post.get("base_version", "")
    version = int(raw) if raw.isdigit() else None
    name, notes = post.get("base_name"), post.get("base_notes")
    if version is None and name is None and notes is None:
        return None
    return Base(version=version, name=name, notes=notes)


def refuse_if_stale(request: HttpRequest, latest_version: int) -> None:
    """StaleWrite at once (so the conflict page) when the form's page knew an older newest version than the trip
    has now, so a stale edit is told so, not "still being planned" when the newer version is being computed; the
    write's own check under the trip's lock still decides races."""
    base = base_from_post(request.POST)
    if base is not None and base.version is not None and base.version != latest_version:
        raise StaleWrite(changed=("version",), latest_version=latest_version)


def _days(itinerary) -> list[list[str]]:
    return services.itinerary_days(itinerary)[0] if itinerary is not None and itinerary.result else []


def conflict_page(request: HttpRequest, pk: object, exc: StaleWrite) -> HttpResponse:
    view = trip_view(request, pk)
    post = request.POST
    seen = post.get("base_version", "")
    seen_version = view.trip.versions.filter(version=int(seen)).first() if seen.isdigit() else None
    context = {
        "view": view,
        "changed": exc.changed,
        "settings": "name" in exc.changed or "notes" in exc.changed,
        "mine": {"name": post.get("name", ""), "notes": post.get("notes", "")},
        "seen": seen_version,
        "seen_days": _days(seen_version),
        "latest_days": _days(view.latest),
        "fields": [(key, value) for key in post for value in post.getlist(key) if key not in BASE_FIELDS],
        "action": request.path,
    }
    return render(request, "itineraries/trip_conflict.html", context, status=409)
