"""Trips planned in a browser before signing in, remembered in its session so the account can claim them."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from itineraries.trips import services
from itineraries.trips.models import Trip

PLANNED_HERE = "trips_planned_here"


def remember_planned(request: HttpRequest, trip: Trip) -> None:
    if not request.user.is_authenticated:
        request.session[PLANNED_HERE] = [*request.session.get(PLANNED_HERE, [])[-49:], str(trip.pk)]


@receiver(user_logged_in)
def claim_trips_planned_here(sender, request: HttpRequest | None, user, **kwargs) -> None:
    """Signing up or in keeps the trips planned in this browser: they become the account's, and private."""
    if request is not None and hasattr(request, "session"):
        services.trips_claim(user=user, trip_ids=request.session.pop(PLANNED_HERE, []))
