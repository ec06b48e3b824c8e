"""Links that hand a day or a leg to a navigation app, each in the datum that app expects.

Amap reads GCJ-02 (``coordinate=gaode``), Baidu reads BD-09 (``coord_type=bd09ll``); Google's Maps URLs and
Apple's map links take plain latitude,longitude, which we give in WGS-84. Amap's web link takes one via point,
so a day with several stops passes its first stop; the leg links cover every stop.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import prcoords

SOURCE = "shanxi-trip-planner"
AMAP_MODES = {"car": "car", "ebike": "ride", "bicycle": "ride"}
BAIDU_MODES = {"car": "driving", "ebike": "riding", "bicycle": "riding"}
GOOGLE_MODES = {"car": "driving", "ebike": "bicycling", "bicycle": "bicycling"}
GOOGLE_MAX_WAYPOINTS = 9


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float
    name: str


def _gcj(p: Point) -> tuple[float, float]:
    lat, lon = prcoords.wgs_gcj((p.lat, p.lon))
    return round(lat, 6), round(lon, 6)


def _bd(p: Point) -> tuple[float, float]:
    lat, lon = prcoords.wgs_bd((p.lat, p.lon))
    return round(lat, 6), round(lon, 6)


def amap(origin: Point, destination: Point, via: list[Point], mode: str) -> str:
    def spot(p: Point) -> str:
        lat, lon = _gcj(p)
        return f"{lon},{lat},{p.name}"

    query = {"from": spot(origin), "to": spot(destination), "mode": AMAP_MODES[mode], "coordinate": "gaode"}
    if via:
        query["via"] = spot(via[0])
    return "https://uri.amap.com/navigation?" + urlencode({**query, "callnative": 1, "src": SOURCE})


def baidu(origin: Point, destination: Point, via: list[Point], mode: str) -> str:
    def spot(p: Point) -> str:
        lat, lon = _bd(p)
        return f"latlng:{lat},{lon}|name:{p.name}"

    query = {"origin": spot(origin), "destination": spot(destination), "mode": BAIDU_MODES[mode]}
    if via:
        query["waypoints"] = "|".join("{},{}".format(*_bd(p)) for p in via)
    return "https://api.map.baidu.com/direction?" + urlencode(
        {**query, "region": "山西", "coord_type": "bd09ll", "output": "html", "src": SOURCE}
    )


def google(origin: Point, destination: Point, via: list[Point], mode: str) -> str:
    query = {
        "api": 1,
        "origin": f"{origin.lat:.6f},{origin.lon:.6f}",
        "destination": f"{destination.lat:.6f},{destination.lon:.6f}",
        "travelmode": GOOGLE_MODES[mode],
    }
    if via:
        query["waypoints"] = "|".join(f"{p.lat:.6f},{p.lon:.6f}" for p in via[:GOOGLE_MAX_WAYPOINTS])
    return "https://www.google.com/maps/dir/?" + urlencode(query)


def apple(origin: Point, destination: Point, mode: str) -> str:
    flag = "d" if mode == "car" else "w"
    return "https://maps.apple.com/?" + urlencode(
        {
            "saddr": f"{origin.lat:.6f},{origin.lon:.6f}",
            "daddr": f"{destination.lat:.6f},{destination.lon:.6f}",
            "dirflg": flag,
        }
    )


def route_links(origin: Point, destination: Point, via: list[Point], mode: str) -> list[dict]:
    """The four apps' links for one route, in the order Chinese tourists are likeliest to use them."""
    return [
        {"app": "amap", "label": "高德 Amap", "url": amap(origin, destination, via, mode)},
        {"app": "baidu", "label": "百度 Baidu", "url": baidu(origin, destination, via, mode)},
        {"app": "apple", "label": "Apple", "url": apple(origin, destination, mode)},
        {"app": "google", "label": "Google", "url": google(origin, destination, via, mode)},
    ]
