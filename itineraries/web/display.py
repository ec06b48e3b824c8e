"""A trip's result as the map draws it: every point in the tiles' datum."""

from __future__ import annotations

from typing import Any

from itineraries.catalogue.display import to_display
from itineraries.trips.trip_result import TripResult
from itineraries.trips.wording import result_wire


def result_for_map(result: TripResult) -> dict[str, Any]:
    """The result's wire shape for map.js, every point in the tiles' datum."""
    out = result_wire(result)
    for day in out["days"]:
        for place in [*day["stops"], day["start"], day["end"], *([day["lodging"]] if day["lodging"] else [])]:
            place["lat"], place["lon"] = to_display(place["lat"], place["lon"])
        for leg in day["legs"]:
            leg["path"] = [list(to_display(lat, lon)) for lat, lon in leg["path"]]
    return out
