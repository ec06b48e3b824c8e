"""What saving a road would do, worked out before it is saved: where it meets other roads, its length against
the stated one, and the themed routes whose default plan changes (planned on the road as it is and as drawn)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.db import transaction

from itineraries.catalogue.cache import catalogue_version_bump
from itineraries.catalogue.models import Road, ThemedRoute
from itineraries.catalogue.selectors import route_list
from itineraries.roads import Road as NetRoad
from itineraries.roads import road_km
from itineraries.trips.route_trial import RouteTrial, route_trial

Vertex = tuple[float, float]


class _Rollback(Exception):
    pass


@dataclass(frozen=True)
class RouteChange:
    route: ThemedRoute
    before: RouteTrial
    after: RouteTrial


@dataclass(frozen=True)
class RoadImpact:
    km_before: float | None
    km_after: float
    stated_km: float | None
    lost: tuple[tuple[Vertex, tuple[str, ...]], ...]  # junctions the line no longer passes, and the roads met there
    isolated: bool  # a new line that meets no other road
    routes: tuple[RouteChange, ...]
    digest: str  # of the line as drawn: a confirmation holds for this line only

    @property
    def stated_diff(self) -> float | None:
        return 100 * (self.km_after - self.stated_km) / self.stated_km if self.stated_km else None


def _vertex(point: list[float]) -> Vertex:
    return (round(point[0], 6), round(point[1], 6))  # as the network joins roads: by a shared vertex


def _junctions(points: list[list[float]], others: list[Road]) -> dict[Vertex, set[str]]:
    mine = {_vertex(p) for p in points}
    found: dict[Vertex, set[str]] = {}
    for road in others:
        for vertex in mine & {_vertex(p) for p in road.points}:
            found.setdefault(vertex, set()).add(road.name_en)
    return found


def _km(slug: str, kind: str, points: list[list[float]]) -> float:
    return round(road_km(NetRoad(slug, kind, tuple((p[0], p[1]) for p in points))), 1)


def line_digest(points: list[list[float]]) -> str:
    return hashlib.sha256(json.dumps(points).encode()).hexdigest()[:16]


def _trials(routes: list[ThemedRoute]) -> dict[int, RouteTrial]:
    return {route.pk: route_trial(record=route.defaults()) for route in routes}


def road_impact(*, road: Road, before: list[list[float]], fields: dict) -> RoadImpact:
    """``road`` carries the line as drawn; ``before`` is its stored line ([] for a new road)."""
    others = list(Road.objects.exclude(pk=road.pk)) if road.pk else list(Road.objects.all())
    was, now = _junctions(before, others), _junctions(road.points, others)
    lost = tuple((v, tuple(sorted(names))) for v, names in sorted(was.items()) if v not in now)
    routes = list(route_list())
    planned_before = _trials(routes)
    try:
        with transaction.atomic():  # the road as drawn, for the length of the comparison only
            if road.pk:
                Road.objects.filter(pk=road.pk).update(points=road.points)
            else:
                Road.objects.create(**fields, points=road.points)
            catalogue_version_bump()  # a fresh token for the drawn line; the stored one returns on rollback
            planned_after = _trials(routes)
            raise _Rollback
    except _Rollback:
        pass
    changed = tuple(
        RouteChange(route, planned_before[route.pk], planned_after[route.pk])
        for route in routes
        if (planned_before[route.pk].days_km, planned_before[route.pk].missing)
        != (planned_after[route.pk].days_km, planned_after[route.pk].missing)
    )
    kind = fields.get("kind") or road.kind
    return RoadImpact(
        km_before=_km(road.slug, kind, before) if before else None,
        km_after=_km(road.slug, kind, road.points),
        stated_km=fields.get("stated_km"),
        lost=lost,
        isolated=not road.pk and bool(others) and not now,
        routes=changed,
        digest=line_digest(road.points),
    )
