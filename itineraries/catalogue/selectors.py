"""Reads of the catalogue: places, roads as GeoJSON, and the road network and travel matrices built from them."""

from __future__ import annotations

import datetime as dt
import logging
import pickle
from collections.abc import Sequence
from functools import partial

from django.core.cache import cache
from django.db.models import Prefetch, Q, QuerySet

from itineraries.catalogue.cache import catalogue_version, memoised
from itineraries.catalogue.hours import window_on
from itineraries.catalogue.models import Destination, Photo, Road, ThemedRoute
from itineraries.catalogue.promises import Promises
from itineraries.roads import Network, Place, TravelMatrix, road_km
from itineraries.roads import Road as NetworkRoad

log = logging.getLogger(__name__)
# Bumped when the stored TravelMatrix changes shape, so the shared cache never hands back an older one.
MATRIX_FORMAT = 3


def destination_list(*, published_only: bool = True) -> QuerySet[Destination]:
    rows = Destination.objects.select_related("ticket_pass").prefetch_related(
        "sources", Prefetch("photos", queryset=Photo.objects.order_by("order", "pk"))
    )
    return rows.filter(published=True) if published_only else rows


def photos_first(slugs: set[str] | frozenset[str]) -> dict[str, Photo]:
    """Each place's first photo (the lowest order), by slug, for places that have one."""
    first: dict[str, Photo] = {}
    for photo in (
        Photo.objects.filter(destination__slug__in=slugs).select_related("destination").order_by("order", "pk")
    ):
        first.setdefault(photo.destination.slug, photo)
    return first


def destination_search(rows: QuerySet[Destination], text: str) -> QuerySet[Destination]:
    return rows.filter(
        Q(name_en__icontains=text)
        | Q(name_zh__icontains=text)
        | Q(name_pinyin__icontains=text)
        | Q(slug__icontains=text)
    )


def route_places(route: ThemedRoute) -> set[str]:
    places = {route.start, *route.must, *Promises.from_json(route.promises).places()}
    return places | {route.end} if route.end else places


def route_days(slug: str | None) -> int | None:
    return ThemedRoute.objects.filter(slug=slug).values_list("days", flat=True).first() if slug else None


def route_promises(slug: str | None, *, start: str, mode: str) -> Promises | None:
    """The promises of the route a trip follows, where it still follows it (same start, same travel mode)."""
    route = ThemedRoute.objects.filter(slug=slug).first() if slug else None
    if route is None or route.start != start or route.mode != mode:
        return None
    return Promises.from_json(route.promises)


def routes_needing(slugs: set[str]) -> list[ThemedRoute]:
    """Themed routes that start at or must see one of these places."""
    return [route for route in ThemedRoute.objects.all() if route_places(route) & slugs]


def route_list() -> QuerySet[ThemedRoute]:
    """Themed routes a tourist can plan from: published, and every place they name is published."""
    published = set(Destination.objects.filter(published=True).values_list("slug", flat=True))
    usable = [route.pk for route in ThemedRoute.objects.filter(published=True) if route_places(route) <= published]
    return ThemedRoute.objects.filter(pk__in=usable)


def _network_road(road: Road) -> NetworkRoad:
    return NetworkRoad(road.slug, road.kind, tuple((p[0], p[1]) for p in road.points))


def road_feature_collection() -> dict:
    """Every road as a GeoJSON LineString (lon, lat), with its names, kind, modelled and stated length."""
    features = []
    for road in Road.objects.all():
        line = _network_road(road)
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [[lon, lat] for lat, lon in line.points]},
                "properties": {
                    "slug": road.slug,
                    "name_en": road.name_en,
                    "name_zh": road.name_zh,
                    "kind": road.kind,
                    "length_km": round(road_km(line), 1),
                    "stated_km": road.stated_km,
                    "via": road.via,
                    "source": road.source,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _catalogue_current(version: str | None = None) -> tuple[Network, dict[str, Destination]]:
    """The road network over every place, and every place, published or not (one build per catalogue version)."""

    def build() -> tuple[Network, dict[str, Destination]]:
        everything = {d.slug: d for d in destination_list(published_only=False)}
        roads = [_network_road(r) for r in Road.objects.all()]
        return Network(roads, [Place(slug, (d.lat, d.lon)) for slug, d in everything.items()]), everything

    return memoised(("network", version or catalogue_version()), build)


def network_current() -> tuple[Network, dict[str, Destination]]:
    """The road network over every place, and the published places. Places no longer offered stay on the network
    (and in the matrices) so that trips which already hold them can still be shown, timed and edited."""
    network, everything = _catalogue_current()
    return network, {slug: d for slug, d in everything.items() if d.published}


def places_retired(slugs: set[str] | frozenset[str]) -> dict[str, Destination]:
    """Of these places, those no longer offered (unpublished), by slug."""
    everything = _catalogue_current()[1]
    return {slug: everything[slug] for slug in slugs if slug in everything and not everything[slug].published}


WINDOW_DATES_KEPT = 400  # dates whose opening windows stay memoised: a year of trips' days and some


def opening_windows(dates: Sequence[dt.date]) -> list[dict[str, tuple[int, int] | None]]:
    """Every place's opening window on each date (``hours.window_on``), memoised per catalogue version and date:
    seasons and weekdays are read once per date, not once per trip."""
    version = catalogue_version()
    everything = _catalogue_current(version)[1]

    def on(date: dt.date) -> dict[str, tuple[int, int] | None]:
        return {slug: window_on(d.opening_hours, date) for slug, d in everything.items()}

    return [memoised(("windows", version, date), partial(on, date), keep=WINDOW_DATES_KEPT) for date in dates]


def matrix_current(*, mode: str, scenic: bool) -> TravelMatrix:
    """Matrix over every place, published or not; cached in process and in the shared cache (Redis when set)."""
    version = catalogue_version()
    key = f"matrix:{MATRIX_FORMAT}:{version}:{mode}:{int(scenic)}"

    def build() -> TravelMatrix:
        try:
            stored = cache.get(key)
        except Exception:  # the shared cache is down: compute here
            log.warning("matrix cache unavailable", exc_info=True)
            stored = None
        if stored is not None:
            return pickle.loads(stored)
        network, _published = network_current()
        matrix = network.matrix(tuple(p.key for p in network.places), mode=mode, scenic=scenic)
        try:
            cache.set(key, pickle.dumps(matrix, protocol=pickle.HIGHEST_PROTOCOL), timeout=24 * 3600)
        except Exception:
            log.warning("matrix cache unavailable", exc_info=True)
        return matrix

    return memoised(("matrix", version, mode, scenic), build)
