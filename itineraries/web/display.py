"""What pages show: names in the chosen language, and points in the datum of the map tiles."""

from __future__ import annotations

from typing import Any

import prcoords
from django.conf import settings
from django.utils.translation import get_language

from itineraries.trips.trip_result import TripResult


def chinese() -> bool:
    return (get_language() or "en").startswith("zh")


def display_name(name_en: str, name_zh: str) -> str:
    """Both names, the page's language first; a dot between them, as English names may hold brackets."""
    return f"{name_zh} · {name_en}" if chinese() else f"{name_en} · {name_zh}"


def to_display(lat: float, lon: float) -> tuple[float, float]:
    if settings.MAP_TILE_DATUM.lower() == "gcj02":
        point = prcoords.wgs_gcj((lat, lon))
        return round(point[0], 6), round(point[1], 6)
    return lat, lon


def result_for_map(result: TripResult) -> dict[str, Any]:
    """The result's wire shape for map.js, every point in the tiles' datum."""
    out = result.to_json()
    for day in out["days"]:
        for place in [*day["stops"], day["start"], day["end"], *([day["lodging"]] if day["lodging"] else [])]:
            place["lat"], place["lon"] = to_display(place["lat"], place["lon"])
        for leg in day["legs"]:
            leg["path"] = [list(to_display(lat, lon)) for lat, lon in leg["path"]]
    return out
