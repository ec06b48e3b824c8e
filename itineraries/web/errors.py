"""The one place where an error raised by a page's view becomes the page a tourist sees.

- A missing or private trip (NoSuchTrip, a trip deleted during the write: TripGone, Http404): a 404 that offers
  to sign in (a private trip is not admitted to exist, so the page cannot say more).
- Not allowed (NotAllowed, PermissionDenied): a 403 that says what it takes.
- A write based on an old page (StaleWrite): the 409 page that shows both and offers to apply the change again.
- A change the domain refuses (InvalidRequest): back to the trip with the reason on top; a post no page of ours
  sends (UnreadableEdit): a 400 page that names the field.

Views that re-show their own form with the errors (the plan form) catch InvalidRequest themselves. The
middleware serves these pages also under DEBUG, where Django would otherwise show its technical page.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from itineraries.trips.access import Role
from itineraries.trips.errors import InvalidRequest, NoSuchTrip, NotAllowed, StaleWrite, TripGone
from itineraries.trips.wording import refusals, refusals_line
from itineraries.web.conflicts import conflict_page

TECHNICAL_PREFIXES = ("/api/", "/admin/")


class UnreadableEdit(InvalidRequest):
    """A post no page of ours sends (a drag's order that is not days of places): answered 400, naming it."""


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    trip = request.path.startswith("/trips/") or request.path.startswith("/compare/")
    return render(request, "itineraries/not_found.html", {"trip": trip}, status=404)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "itineraries/forbidden.html", {"reason": str(exception or "")}, status=403)


def _not_allowed(request: HttpRequest, exc: NotAllowed) -> HttpResponse:
    if exc.need == Role.OWNER:
        reason = _("Only the trip's owner may do this.")
    else:
        reason = _("You may read this trip but not change it.")
    return permission_denied(request, PermissionDenied(reason))


def _trip_id(request: HttpRequest) -> object | None:
    match = request.resolver_match
    return match.kwargs.get("pk") if match is not None else None


def _refused(request: HttpRequest, exc: InvalidRequest) -> HttpResponse:
    pk = _trip_id(request)
    if isinstance(exc, UnreadableEdit) or pk is None:
        return render(request, "itineraries/edit_refused.html", {"trip_id": pk, "errors": refusals(exc)}, status=400)
    messages.error(request, refusals_line(exc))
    return redirect(reverse("web:trip", args=[pk]))


def _conflict(request: HttpRequest, exc: StaleWrite) -> HttpResponse:
    pk = _trip_id(request)
    return page_not_found(request) if pk is None else conflict_page(request, pk, exc)


def error_page(request: HttpRequest, exception: Exception) -> HttpResponse | None:
    """The page for a domain error; None leaves any other exception to Django (its 500 page)."""
    try:
        match exception:
            case Http404() | NoSuchTrip() | TripGone():
                return page_not_found(request, exception)
            case PermissionDenied():
                return permission_denied(request, exception)
            case NotAllowed():
                return _not_allowed(request, exception)
            case StaleWrite():
                return _conflict(request, exception)
            case InvalidRequest():
                return _refused(request, exception)
    except (NoSuchTrip, TripGone):  # the trip went away while its conflict page was being made
        return page_not_found(request)
    return None


class FriendlyErrorsMiddleware:
    """Domain errors and Django's 404 and 403 become the site's own pages, with DEBUG on too (README serves with
    DEBUG=1). The API and the admin map their own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.path.startswith(TECHNICAL_PREFIXES):
            return None
        return error_page(request, exception)
