"""What a tourist does with a trip besides planning it: My trips, rename and notes, duplicate, delete; edit the
days by hand, optimise one day, restore a version; share a read-only link or invite a companion."""

from __future__ import annotations

import json
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from itineraries.catalogue import selectors as catalogue
from itineraries.catalogue.models import Destination
from itineraries.trips import selectors, services
from itineraries.trips.access import Role, trip_named
from itineraries.trips.errors import InvalidRequest
from itineraries.trips.models import Itinerary, Trip
from itineraries.web.conflicts import base_from_post, refuse_if_stale
from itineraries.web.errors import UnreadableEdit
from itineraries.web.trip_access import trip_view
from itineraries.web.trip_page import start_name
from itineraries.web.views import first_day, throttled


def _title(trip: Trip, latest: Itinerary, start: str | None = None) -> str:
    if trip.name:
        return trip.name
    place = start if start is not None else start_name(latest)
    return _("%(days)s-day trip from %(place)s") % {"days": latest.request.get("days", ""), "place": place}


STATUS_LABELS = {
    Itinerary.Status.QUEUED: gettext_lazy("waiting"),
    Itinerary.Status.RUNNING: gettext_lazy("being planned"),
    Itinerary.Status.DONE: gettext_lazy("ready"),
    Itinerary.Status.FAILED: gettext_lazy("could not be planned"),
}


@login_required
def my_trips(request: HttpRequest) -> HttpResponse:
    rows = []
    for trip, latest in selectors.trip_list(user=request.user):
        start = start_name(latest)
        rows.append(
            {
                "trip": trip,
                "latest": latest,
                "title": _title(trip, latest, start),
                "mine": trip.owner_id == request.user.pk,
                "date": first_day(latest),
                "days": latest.request.get("days", ""),
                "start": start,
                "status": STATUS_LABELS.get(latest.status, latest.status),
            }
        )
    return render(request, "itineraries/my_trips.html", {"rows": rows})


@require_POST
def trip_settings(request: HttpRequest, pk) -> HttpResponse:
    view = trip_view(request, pk, need=Role.COLLABORATOR)
    post = request.POST
    services.trip_update(trip=view.trip, name=post.get("name"), notes=post.get("notes"), base=base_from_post(post))
    messages.success(request, _("Saved."))
    after = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        after, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        after = reverse("web:trip", args=[view.trip.pk])  # only back to a page of this site
    return redirect(after)


@login_required
@require_POST
def trip_duplicate(request: HttpRequest, pk) -> HttpResponse:
    view = trip_view(request, pk)
    copy = services.trip_duplicate(trip=view.trip, owner=request.user)
    messages.success(request, _("A copy of the trip is in My trips."))
    return redirect("web:trip", pk=copy.pk)


@login_required
def trip_delete(request: HttpRequest, pk) -> HttpResponse:
    view = trip_view(request, pk, need=Role.OWNER)
    if request.method == "POST":
        title = _title(view.trip, view.latest)
        services.trip_delete(trip=view.trip)
        messages.success(request, _("Deleted “%(title)s”.") % {"title": title})
        return redirect("web:my-trips")
    return render(request, "itineraries/trip_delete.html", {"trip": view.trip, "title": _title(view.trip, view.latest)})


def _edited(days: list[list[str]], post) -> list[list[str]]:
    """The days after one edit from the page's forms (every drag has a button or a form beside it)."""
    op, slug = post.get("op", ""), post.get("slug", "")
    where = next(((d, day.index(slug)) for d, day in enumerate(days) if slug in day), None)
    if op == "order":
        try:
            wanted = json.loads(post.get("days", ""))
        except (ValueError, RecursionError) as exc:  # RecursionError: nested too deeply to read
            raise UnreadableEdit({"days": [_("The new order could not be read.")]}) from exc
        if (
            not isinstance(wanted, list)
            or len(wanted) != len(days)
            or not all(isinstance(d, list) and all(isinstance(s, str) for s in d) for d in wanted)
        ):
            raise UnreadableEdit({"days": [_("The new order must list every day, each as a list of places.")]})
        if sorted(s for d in wanted for s in d) != sorted(s for d in days for s in d):
            raise InvalidRequest({"days": [_("A drag may move places, not add or remove them.")]})
        return [[str(s) for s in d] for d in wanted]
    if op == "add":
        if where is not None:
            raise InvalidRequest({"slug": [_("That place is already in the trip.")]})
        if not catalogue.destination_list().filter(slug=slug, kind=Destination.Kind.SIGHT).exists():
            raise InvalidRequest({"slug": [_("Choose a place to add.")]})
    elif where is None:
        raise InvalidRequest({"slug": [_("That place is not in the trip.")]})
    else:
        days[where[0]].remove(slug)
    if op == "remove":
        return days
    if op in ("up", "down"):
        d, k = where  # type: ignore[misc]
        days[d].insert(max(0, k - 1) if op == "up" else min(len(days[d]), k + 1), slug)
        return days
    if op not in ("move", "add"):
        raise InvalidRequest({"op": [_("Unknown edit.")]})
    try:
        day = int(post.get("day", "")) - 1
        position = int(post.get("position") or 10_000) - 1
    except ValueError as exc:
        raise InvalidRequest({"day": [_("Choose a day.")]}) from exc
    if not 0 <= day < len(days):
        raise InvalidRequest({"day": [_("Choose a day of the trip.")]})
    days[day].insert(max(0, min(position, len(days[day]))), slug)
    return days


@require_POST
def trip_edit(request: HttpRequest, pk) -> HttpResponse:
    view = trip_view(request, pk, need=Role.COLLABORATOR)
    refuse_if_stale(request, view.latest.version)
    base = view.itinerary if view.itinerary.status == Itinerary.Status.DONE else view.latest
    if base.status != Itinerary.Status.DONE:
        messages.error(request, _("The trip is still being planned; edit it when it is ready."))
        return redirect("web:trip", pk=view.trip.pk)
    days = _edited(services.itinerary_days(base)[0], request.POST)
    new = services.itinerary_edit(itinerary=base, days=days, base=base_from_post(request.POST))
    problems = sum(len(day.problems) for day in new.trip_result.days)
    if problems:
        messages.warning(
            request, _("Saved as version %(v)s. Some of it does not work: see the red notes.") % {"v": new.version}
        )
    else:
        messages.success(request, _("Saved as version %(v)s.") % {"v": new.version})
    return redirect(f"{reverse('web:trip', args=[view.trip.pk])}#{_edited_anchor(request.POST, days)}")


def _edited_anchor(post, days: list[list[str]]) -> str:
    """Where the page comes back to after an edit: the stop that moved, or the day that changed."""
    slug = post.get("slug", "")
    if post.get("op") != "remove" and any(slug in day for day in days):
        return f"stop-{slug}"
    return f"day-{post.get('day') or 1}"


@require_POST
@throttled
def trip_optimise_day(request: HttpRequest, pk) -> HttpResponse:
    view = trip_view(request, pk, need=Role.COLLABORATOR)
    refuse_if_stale(request, view.latest.version)
    try:
        day = int(request.POST.get("day", ""))
    except ValueError:
        day = 0
    if view.latest.status == Itinerary.Status.DONE and 1 <= day <= len(view.latest.trip_result.days):
        services.itinerary_optimise_day(itinerary=view.latest, day=day, base=base_from_post(request.POST))
    return redirect("web:trip", pk=view.trip.pk)


@require_POST
def trip_restore(request: HttpRequest, pk) -> HttpResponse:
    view = trip_view(request, pk, need=Role.COLLABORATOR)
    given = request.POST.get("version", "")
    version = int(given) if given.isdigit() else 0
    new = services.itinerary_restore(trip=view.trip, version=version, base=base_from_post(request.POST))
    messages.success(request, _("Version %(old)s restored as version %(new)s.") % {"old": version, "new": new.version})
    return redirect("web:trip", pk=view.trip.pk)


@login_required
@require_POST
def trip_sharing(request: HttpRequest, pk) -> HttpResponse:
    view = trip_view(request, pk, need=Role.OWNER)
    what, on = request.POST.get("link"), request.POST.get("on") == "1"
    if what == "share":
        services.trip_share_link(trip=view.trip, on=on)
        messages.success(request, _("Read-only link created.") if on else _("Read-only link revoked."))
    elif what == "invite":
        services.trip_invite_link(trip=view.trip, on=on)
        messages.success(request, _("Invite link created.") if on else _("Invite link revoked."))
    return redirect(f"{reverse('web:trip', args=[view.trip.pk])}#sharing")


@login_required
@require_POST
def trip_collaborator_remove(request: HttpRequest, pk) -> HttpResponse:
    view = trip_view(request, pk, need=Role.OWNER)
    if services.trip_collaborator_remove(trip=view.trip, user_id=request.POST.get("user", "")):
        messages.success(request, _("They can no longer open or change this trip."))
    return redirect(f"{reverse('web:trip', args=[view.trip.pk])}#sharing")


@login_required
def trip_join(request: HttpRequest, pk, token: str) -> HttpResponse:
    """GET asks (a link preview must not use up a one-person invite), POST joins. An unknown trip and a used or
    revoked link answer the same page, so the answer does not tell whether a trip exists."""
    trip = trip_named(pk)
    valid = trip is not None and bool(trip.invite_token) and secrets.compare_digest(trip.invite_token, token)
    if trip is None or not valid:
        return render(request, "itineraries/invite_invalid.html", status=404)
    if request.method != "POST":
        return render(request, "itineraries/invite_join.html", {"trip": trip, "token": token})
    if services.trip_join(trip=trip, token=token, user=request.user):
        messages.success(request, _("You can now edit this trip with its owner."))
        return redirect("web:trip", pk=trip.pk)
    return render(request, "itineraries/invite_invalid.html", status=404)
