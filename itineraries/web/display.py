"""A trip's result as the map draws it: every point in the tiles' datum."""

from __future__ import annotations

import copy

from itineraries.catalogue.display import to_display


def result_for_map(result: dict) -> dict:
    """A copy of an itinerary result with every point in the tiles' datum."""
    out = copy.deepcopy(result)
    for day in out["days"]:
        for place in [*day["stops"], day["start"], day["end"], *([day["lodging"]] if day["lodging"] else [])]:
            place["lat"], place["lon"] = to_display(place["lat"], place["lon"])
        for leg in day["legs"]:
            leg["path"] = [list(to_display(lat, lon)) for lat, lon in leg["path"]]
    return out
