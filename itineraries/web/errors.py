"""Pages for a trip or place the visitor may not see: a 404 that offers to sign in (a private trip is not
admitted to exist, so the page cannot say more) and a 403 for a read-only visitor. The middleware serves them
also under DEBUG, where Django would otherwise show its technical page to a tourist."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

TECHNICAL_PREFIXES = ("/api/", "/admin/")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    trip = request.path.startswith("/trips/") or request.path.startswith("/compare/")
    return render(request, "itineraries/not_found.html", {"trip": trip}, status=404)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "itineraries/forbidden.html", {"reason": str(exception or "")}, status=403)


class FriendlyErrorsMiddleware:
    """A missing or private page answers the site's own page, with DEBUG on too (README serves with DEBUG=1)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.path.startswith(TECHNICAL_PREFIXES):
            return None
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            return permission_denied(request, exception)
        return None
