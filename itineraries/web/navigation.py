"""Links that hand a day or a leg to a navigation app, each in the datum that app expects.

Amap reads GCJ-02 (``coordinate=gaode``), Baidu reads BD-09 (``coord_type=bd09ll``); Google's Maps URLs and
Apple's map links take plain latitude,longitude, which we give in WGS-84.

How many stops of a day each app takes: Baidu every one; Google 9; the Amap app on a phone every one through its
route scheme (``amapuri://route/plan/`` on Android, ``iosamap://path`` on iOS: ``vian``, ``vialons``, ``vialats``,
``vianames``, ``dev=0`` for GCJ-02 points), but Amap's web page only one; Apple's unified Maps URLs
(``maps.apple.com/directions``, iOS 18.4 and macOS 15.4 on) take ``waypoint`` stops, older Apple Maps goes
straight to the destination. The page says so beside the day's links; each leg's links cover every stop.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import prcoords
from django.utils.translation import gettext as _

SOURCE = "shanxi-trip-planner"
AMAP_MODES = {"car": "car", "ebike": "ride", "bicycle": "ride"}
BAIDU_MODES = {"car": "driving", "ebike": "riding", "bicycle": "riding"}
GOOGLE_MODES = {"car": "driving", "ebike": "bicycling", "bicycle": "bicycling"}
APPLE_MODES = {"car": "driving", "ebike": "cycling", "bicycle": "cycling"}
GOOGLE_MAX_WAYPOINTS = 9
AMAP_APP_MODES = {"car": 0, "ebike": 3, "bicycle": 3}  # the app scheme's numbering: 0 drive, 3 ride


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


def apple_day(origin: Point, destination: Point, via: list[Point], mode: str) -> str:
    """Apple's unified directions URL, one ``waypoint`` per stop (iOS 18.4 and later read them)."""
    query: list[tuple[str, str]] = [
        ("source", f"{origin.lat:.6f},{origin.lon:.6f}"),
        ("destination", f"{destination.lat:.6f},{destination.lon:.6f}"),
        *(("waypoint", f"{p.lat:.6f},{p.lon:.6f}") for p in via),
        ("mode", APPLE_MODES[mode]),
    ]
    return "https://maps.apple.com/directions?" + urlencode(query)


def amap_app(origin: Point, destination: Point, via: list[Point], mode: str, *, ios: bool) -> str:
    """The Amap app's own route scheme, which takes every stop (the web page takes one)."""
    start, end = _gcj(origin), _gcj(destination)
    query: dict[str, object] = {
        "sourceApplication": SOURCE,
        "slat": start[0],
        "slon": start[1],
        "sname": origin.name,
        "dlat": end[0],
        "dlon": end[1],
        "dname": destination.name,
        "dev": 0,
        "t": AMAP_APP_MODES[mode],
    }
    if via:
        points = [_gcj(p) for p in via]
        query.update(
            vian=len(via),
            vialons="|".join(str(lon) for _, lon in points),
            vialats="|".join(str(lat) for lat, _ in points),
            vianames="|".join(p.name for p in via),
        )
    base = "iosamap://path?" if ios else "amapuri://route/plan/?"
    return base + urlencode(query)


def route_links(origin: Point, destination: Point, via: list[Point], mode: str) -> list[dict]:
    """The four apps' links for one route, in the order Chinese tourists are likeliest to use them. With stops
    along the way, Amap's link carries the app's own links too (the page's script uses them on a phone) and
    Apple's is the unified URL that takes them."""
    amap_link: dict = {"app": "amap", "label": "高德 Amap", "url": amap(origin, destination, via, mode)}
    apple_url = apple_day(origin, destination, via, mode) if via else apple(origin, destination, mode)
    if via:
        amap_link["android"] = amap_app(origin, destination, via, mode, ios=False)
        amap_link["ios"] = amap_app(origin, destination, via, mode, ios=True)
    return [
        amap_link,
        {"app": "baidu", "label": "百度 Baidu", "url": baidu(origin, destination, via, mode)},
        {"app": "apple", "label": "Apple", "url": apple_url},
        {"app": "google", "label": "Google", "url": google(origin, destination, via, mode)},
    ]


def day_link_limits(stops: int) -> list[str]:
    """What the day's links leave out, said plainly: the apps that take fewer stops than the day has."""
    if stops < 2:
        return []
    limits = [
        _(
            "Amap in a browser takes only the first stop on the way; on a phone with the Amap app, every stop "
            "is passed."
        ),
        _("Apple Maps takes the stops from iOS 18.4; older versions go straight to the end of the day."),
    ]
    if stops > GOOGLE_MAX_WAYPOINTS:
        limits.append(_("Google takes the first %(n)d stops.") % {"n": GOOGLE_MAX_WAYPOINTS})
    return limits
