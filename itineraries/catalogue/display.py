"""How the catalogue's records are shown, for every page alike (tourists', editors', template tags): names in
the active language, and points in the datum of the map tiles."""

from __future__ import annotations

import prcoords
from django.conf import settings
from django.utils.translation import get_language

# One colour per day, in order, wherever a trip's days are drawn: the trip page and its map, GPX and KML.
DAY_COLOURS = ("#d7263d", "#1b998b", "#2e86ab", "#f46036", "#7b2d8e", "#c5a900", "#3d5a80")


def day_colour(number: int) -> str:
    """The colour of day ``number`` (1-based)."""
    return DAY_COLOURS[(number - 1) % len(DAY_COLOURS)]


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
