"""What a place page shows: the facts of one catalogue record, its neighbours, and the routes that use it."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from geopy.distance import geodesic

from itineraries.catalogue.display import display_name, to_display
from itineraries.catalogue.hours import WEEKDAYS
from itineraries.catalogue.models import Destination, ThemedRoute
from itineraries.catalogue.sources import readable

NEARBY_KM = 40
NEARBY_MAX = 12
WEEKDAY_NAMES = {
    "mon": gettext_lazy("Mon"),
    "tue": gettext_lazy("Tue"),
    "wed": gettext_lazy("Wed"),
    "thu": gettext_lazy("Thu"),
    "fri": gettext_lazy("Fri"),
    "sat": gettext_lazy("Sat"),
    "sun": gettext_lazy("Sun"),
}


def _month_day(text: str) -> dt.date:
    month, day = (int(part) for part in text.split("-"))
    return dt.date(2024, month, day)


def _weekdays(days: object) -> str:
    if days in (None, "daily") or (isinstance(days, list) and len(days) == len(WEEKDAYS)):
        return _("daily")
    if isinstance(days, list):
        return ", ".join(str(WEEKDAY_NAMES.get(day, day)) for day in days)
    return str(days)


def hours_rows(place: Destination) -> list[dict]:
    """One row per season: its dates, its days and its window, or closed."""
    rows = []
    for season in place.opening_hours or []:
        whole_year = season.get("from", "01-01") == "01-01" and season.get("to", "12-31") == "12-31"
        rows.append(
            {
                "whole_year": whole_year,
                "from": _month_day(season.get("from", "01-01")),
                "to": _month_day(season.get("to", "12-31")),
                "days": _weekdays(season.get("days")),
                "closed": bool(season.get("closed")),
                "open": season.get("open", ""),
                "close": season.get("close", ""),
            }
        )
    return rows


def _point(place: Destination, **extra: object) -> dict:
    lat, lon = to_display(place.lat, place.lon)
    return {"slug": place.slug, "name": display_name(place.name_en, place.name_zh), "lat": lat, "lon": lon, **extra}


def neighbours(place: Destination, others: list[Destination]) -> list[dict]:
    """Places and lodging within driving reach, nearest first, for the page's list and small map."""
    found = []
    for other in others:
        if other.pk == place.pk or (other.kind == Destination.Kind.TOWN and not other.lodging):
            continue
        km = geodesic((place.lat, place.lon), (other.lat, other.lon)).km
        if km <= NEARBY_KM:
            found.append((km, other))
    found.sort(key=lambda pair: pair[0])
    return [
        _point(other, km=round(km, 1), lodging=other.lodging or other.kind == Destination.Kind.LODGING)
        for km, other in found[:NEARBY_MAX]
    ]


def map_data(place: Destination, near: list[dict]) -> dict:
    return {"place": _point(place), "near": near}


def routes_with(place: Destination) -> list[ThemedRoute]:
    return [route for route in ThemedRoute.objects.all() if place.slug in route.must or place.slug == route.start]


def citations(place: Destination) -> dict:
    """The place's sources (publisher, title, date, address) and its notes with file keys made readable."""
    sources = list(place.sources.all())
    return {
        "sources": sources,
        "source_note": readable(place.source, sources),
        "hours_note": readable(place.hours_source, sources),
        "ticket_note": readable(place.ticket_source, sources),
    }
