"""Reads for trips: a tourist's itineraries, and the engine problem a request poses over the catalogue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import OuterRef, Q, QuerySet, Subquery, TextField
from django.db.models.functions import Cast

from itineraries.catalogue import selectors as catalogue
from itineraries.catalogue.models import Destination, SeasonNote
from itineraries.catalogue.promises import Promises
from itineraries.catalogue.scoring import interests_shortfall, place_score
from itineraries.roads import Network, TravelMatrix
from itineraries.routing import (
    DaySpec,
    Deadline,
    Lunch,
    MaxIterations,
    Node,
    NoImprovement,
    Problem,
    StoppingCriterion,
)
from itineraries.trips.concurrency import text_digest
from itineraries.trips.models import Itinerary, Trip
from itineraries.trips.request import PlanRequest, day_window

# The app's stopping rule: converged when this many iterations in a row find nothing better (deterministic,
# and quick where the search converges early), within a cap and the configured time limit.
# How the numbers were chosen: docs/optimiser.md.
MAX_ITERATIONS = 25_000
STALL_ITERATIONS = 2_500
# What a plan is worth to a tourist: the places seen (scores from scoring.place_score, about 20 for a good
# match of one's interests, 3 for a place off them) less this much per hour on the road, and less
SAME_TOWN_KM = 3.0  # a start this near an inn inside walls is the walled town itself
MUST_NEAR_KM = 100.0  # must-sees at most this far leave the first day to the walled town
# MOVE_COST each time the night is spent at another lodging than the night before. How they were chosen:
# docs/optimiser.md.
ROAD_COST_PER_HOUR = 8.0
# A rider's hours in the saddle are much of the trip's point, so they cost less than hours at the wheel.
RIDING_COST_SHARE = 0.02
MOVE_COST = 8.0
MAX_WAIT_MINUTES = 30.0  # no tourist idles longer at a gate or for lunch
BANNED_LEG_MINUTES = 100_000.0  # longer than any day: a leg the trip may not drive


def plan_stop(*, solver_seconds: float) -> StoppingCriterion:
    """The rule for every solve of one request: the time limit is shared by all of them (a re-plan may solve
    several times), the iteration limits hold for each."""
    return Deadline(solver_seconds) | MaxIterations(MAX_ITERATIONS) | NoImprovement(STALL_ITERATIONS)


PUBLIC_FIELDS = (
    "id",
    "status",
    "progress",
    "request",
    "error",
    "result",
    "created_at",
    "started_at",
    "finished_at",
    "attempts",
    "version",
    "origin",
)


def itinerary_public(version: Itinerary) -> dict[str, Any]:
    """What a client may read of one itinerary, from the row the access check already read (its trip
    selected with it): a finished plan is read far more often than it is written."""
    return {
        **{name: getattr(version, name) for name in PUBLIC_FIELDS},
        "trip_id": version.trip_id,
        "trip__name": version.trip.name,
        "trip__notes": version.trip.notes,
    }


# The large JSON of a version: a revalidation that ends in 304 never reads it.
BODY_FIELDS = ("request", "result")


def version_etag(version: Itinerary) -> str | None:
    """The entity tag of a finished (done or failed) plan, None while it is being computed; read from the
    version's row and trip, never BODY_FIELDS (they may be deferred). The trip's name and notes are part of the
    body, so their digests are part of the tag: a rename changes it."""
    finished = version.finished_at
    if version.status not in (Itinerary.Status.DONE, Itinerary.Status.FAILED) or finished is None:
        return None
    digests = f"{text_digest(version.trip.name or '')}-{text_digest(version.trip.notes or '')}"
    return f'"{version.pk}-{version.status}-{int(finished.timestamp() * 1_000_000)}-{digests}"'


def itinerary_list(*, owner: AbstractBaseUser) -> QuerySet[Itinerary]:
    """The latest version of every trip the user owns or may edit with its owner."""
    trips = Trip.objects.filter(Q(owner=owner) | Q(collaborators=owner)).values("pk")
    latest = Itinerary.objects.filter(trip=OuterRef("trip")).order_by("-version").values("pk")[:1]
    return Itinerary.objects.filter(trip__in=trips, pk=Subquery(latest)).select_related("trip")


def trip_list(*, user: AbstractBaseUser) -> list[tuple[Trip, Itinerary]]:
    return [(row.trip, row) for row in itinerary_list(owner=user).order_by("-trip__created_at")]


@dataclass(frozen=True)
class TripsHolding:
    """Trips whose latest version visits, or sleeps at, some places: how many, and how many start on or after
    a day (the ones still ahead of their tourists)."""

    saved: list[Itinerary]
    upcoming: list[Itinerary]


def _holds(result: dict[str, Any], slugs: set[str]) -> bool:
    for day in result.get("days", []):
        here = {s["slug"] for s in day.get("stops", [])} | {(day.get("lodging") or {}).get("slug")}
        if here & slugs:
            return True
    return False


def trips_holding(*, slugs: set[str], today: dt.date) -> TripsHolding:
    if not slugs:
        return TripsHolding([], [])
    mentions = Q()
    for slug in slugs:  # a cheap text filter first; _holds then reads the days
        mentions |= Q(result_text__contains=f'"{slug}"')
    latest = Itinerary.objects.filter(trip=OuterRef("trip")).order_by("-version").values("pk")[:1]
    rows = (
        Itinerary.objects.filter(status=Itinerary.Status.DONE, pk=Subquery(latest))
        .annotate(result_text=Cast("result", TextField()))
        .filter(mentions)
        .select_related("trip__owner")
    )
    saved = [row for row in rows if _holds(row.result or {}, slugs)]
    upcoming = [row for row in saved if str(row.request.get("date", "")) >= today.isoformat()]
    return TripsHolding(saved, upcoming)


@dataclass(frozen=True)
class PlanContext:
    request: PlanRequest
    problem: Problem
    slugs: tuple[str, ...]  # node index -> destination slug
    places: dict[str, Destination]
    matrix: TravelMatrix
    network: Network
    windows: tuple[tuple[tuple[int, int] | None, ...], ...]  # node -> raw opening window per day
    season_notes: tuple[SeasonNote, ...]
    warm_start: list[list[int]] | None
    previous_nights: list[int] | None = None  # node where each day of the previous plan ended, if all known
    promises: Promises | None = None  # the themed route's, where the trip still follows it
    route_days: int | None = None  # the themed route's own length


def _within_reach(
    request: PlanRequest,
    matrix: TravelMatrix,
    index: dict[str, int],
    anchors: list[str],
    places: dict[str, Destination],
    promised_km: float | None = None,
) -> Callable[[str], bool]:
    """Whether a place lies within the trip's reach of one of the anchors (road km either way). Where fewer
    than two places a day that match the tourist's interests lie within it, the reach grows to take them in,
    up to the longest leg the trip may drive: what is near comes first, but interests are still served. A
    themed route's promised reach is kept as it is: the route's own places are the trip."""
    reach = request.reach_km if promised_km is None else promised_km
    if reach is None or request.as_given:  # a tourist's own arrangement may go anywhere
        return lambda slug: True
    rows = [index[a] for a in anchors if a in index]
    nearest = np.minimum(matrix.km[rows].min(axis=0), matrix.km[:, rows].min(axis=1))
    if promised_km is not None:
        return lambda slug: bool(nearest[index[slug]] <= reach)
    wanted = set(request.interests)
    matching = sorted(
        float(nearest[index[slug]])
        for slug, place in places.items()
        if place.kind == Destination.Kind.SIGHT and (not wanted or wanted & set(place.categories))
    )
    enough = 2 * request.days
    if len(matching) >= enough and matching[enough - 1] > reach:
        reach = min(matching[enough - 1], request.leg_limit_km or matching[enough - 1])
    return lambda slug: bool(nearest[index[slug]] <= reach)


def _without_long_legs(travel: np.ndarray, distance: np.ndarray, limit: float, named: set[int]) -> np.ndarray:
    """Legs over ``limit`` km become impossible (longer than any day), except those to or from a named node
    (the start, the end, a must-see): a tourist who names a far place accepts the drive to it."""
    banned = distance > limit
    keep = sorted(named)
    banned[keep, :] = False
    banned[:, keep] = False
    return np.where(banned, BANNED_LEG_MINUTES, travel)


def _walled_town_first(request: PlanRequest, matrix: TravelMatrix, places: dict[str, Destination]) -> Promises | None:
    """A trip of two days or more that starts at a town with an inn inside its walls sees the town's main sight
    on day 1 and sleeps inside the walls that night, as every guide to Pingyao has it."""
    if request.days < 2 or request.mode != "car" or request.as_given or request.previous:
        return None  # riders come to ride; a hand arrangement or a re-plan keeps its own shape
    start = matrix.index(request.start)
    if any(matrix.km[start, matrix.index(slug)] > MUST_NEAR_KM for slug in request.must if slug in matrix.keys):
        return None  # a far must-see may need the first night on the way to it
    inns = [
        slug
        for slug, place in places.items()
        if place.lodging and place.area_id is not None and matrix.km[start, matrix.index(slug)] <= SAME_TOWN_KM
    ]
    if not inns:
        return None
    area = places[inns[0]].area_id
    sights = [p for p in places.values() if p.area_id == area and p.kind == Destination.Kind.SIGHT]
    if not sights or any(p.slug in request.avoid for p in sights):
        return None
    main = max(sights, key=lambda p: (p.weight, p.visit_minutes))
    return Promises(nights=(inns[0],), day_one=(main.slug,))


def _bases(
    promises: Promises | None, request: PlanRequest, lodgings: list[str], route_days: int | None
) -> tuple[int | None, ...]:
    """The lodging node of each promised night (None where any will do), for the nights the trip has."""
    if promises is None or route_days is None or request.as_given:
        return ()
    node = {slug: 2 + i for i, slug in enumerate(lodgings)}  # lodgings follow the start and the end
    return tuple(node.get(slug) for slug in promises.nights_for(request.days, route_days))


def _retired_kept(request: PlanRequest) -> dict[str, Destination]:
    """Places no longer offered that this request keeps where the tourist had them: on a day arranged by hand
    or a locked day. They are never planned anew (a re-plan's other days leave them out)."""
    kept = range(1, len(request.previous) + 1) if request.as_given else request.keep_days
    slugs = {slug for d in kept if 1 <= d <= len(request.previous) for slug in request.previous[d - 1]}
    nights = request.previous_nights
    beds = {nights[n] for d in kept for n in (d - 2, d - 1) if 0 <= n < len(nights)}  # where it began and ended
    return catalogue.places_retired({request.start, request.end or request.start, *slugs, *beds})


def problem_for_request(request: PlanRequest) -> PlanContext:
    network, places = catalogue.network_current()
    matrix = catalogue.matrix_current(mode=request.mode, scenic=request.scenic)
    index = {slug: i for i, slug in enumerate(matrix.keys)}
    dates = request.dates
    end = request.end or request.start
    named = {*request.must, *(slug for day in request.previous for slug in day), *request.previous_nights}
    promises = catalogue.route_promises(request.route, start=request.start, mode=request.mode)
    shape = promises or _walled_town_first(request, matrix, places)  # how the days are laid out
    anchors = [request.start, end, *request.must, *(promises.places() if promises else ())]
    near = _within_reach(request, matrix, index, anchors, places, promises.reach_km if promises else None)
    retired = _retired_kept(request)
    lodgings = [s for s, d in places.items() if d.lodging]  # a one-way trip may need a bed half-way
    lodgings += [s for s, d in retired.items() if d.lodging and s in request.previous_nights]
    places = {**places, **retired}
    sights = [
        s
        for s, d in places.items()
        if d.kind == Destination.Kind.SIGHT and s not in request.avoid and (near(s) or s in named)
    ]
    day_windows = catalogue.opening_windows(dates)  # every place's, published or not
    wanted = set(request.interests)
    shortfall = interests_shortfall(sum(bool(wanted & set(places[s].categories)) for s in sights), len(dates))
    slugs = [request.start, end, *lodgings, *sights]
    nodes: list[Node] = [Node(key=f"start:{request.start}"), Node(key=f"end:{end}")]
    nodes += [Node(key=f"night:{s}") for s in lodgings]
    raw_windows: list[tuple[Any, ...]] = [(), (), *[() for _ in lodgings]]
    for slug in sights:
        place = places[slug]
        per_day: list[tuple[float, float] | None] = []
        raw: list[tuple[int, int] | None] = []
        first_day_only = shape is not None and not request.as_given and slug in shape.day_one
        for n, window in enumerate(windows_by_date[slug] for windows_by_date in day_windows):
            raw.append(window)
            if window is None or window[1] - place.visit_minutes < window[0]:
                per_day.append(None)  # closed, or too short for a visit
            elif first_day_only and n > 0:
                per_day.append(None)  # the route promises it on the first day
            else:
                per_day.append((window[0], window[1] - place.visit_minutes))
        raw_windows.append(tuple(raw))
        score = place_score(place.weight, place.categories, request.interests, place.visit_minutes, shortfall=shortfall)
        nodes.append(Node(key=slug, score=round(score, 3), service=place.visit_minutes, windows=tuple(per_day)))
    order = np.array([index[s] for s in slugs])
    travel = matrix.minutes[np.ix_(order, order)]
    distance = matrix.km[np.ix_(order, order)]
    if request.leg_limit_km is not None:
        ends_and_musts = {0, 1, *(slugs.index(s) for s in request.must if s in slugs)}
        travel = _without_long_legs(travel, distance, request.leg_limit_km, ends_and_musts)
    centre = places[request.start]
    days = []
    for n, date in enumerate(dates, start=1):
        start, finish = day_window(date, request.pace, request.mode, centre.lat, centre.lon)
        if n in request.rest_days:  # the day is spent at the night's base: it can go nowhere
            days.append(DaySpec(start=start, end=start, max_drive=0.0))
        else:
            days.append(DaySpec(start=start, end=finish, max_drive=request.drive_cap))
    first_sight = 2 + len(lodgings)
    in_area: dict[int, list[int]] = {}  # an area's sights, then its lodgings (an inn within the walls)
    for node, slug in [
        *((first_sight + i, s) for i, s in enumerate(sights)),
        *((2 + i, s) for i, s in enumerate(lodgings)),
    ]:
        if places[slug].area_id is not None:
            in_area.setdefault(places[slug].area_id, []).append(node)
    must = frozenset(first_sight + sights.index(s) for s in request.must if s in sights)
    problem = Problem(
        nodes=tuple(nodes),
        travel=travel,
        days=tuple(days),
        start=0,
        end=1,
        lodgings=tuple(range(2, first_sight)),
        must=must,
        distance=distance,
        road_cost=ROAD_COST_PER_HOUR / 60 * (1.0 if request.mode == "car" else RIDING_COST_SHARE),
        move_cost=MOVE_COST,
        lunch=Lunch(),
        max_wait=MAX_WAIT_MINUTES,
        areas=tuple(tuple(nodes) for nodes in in_area.values() if sum(n >= first_sight for n in nodes) > 1),
        max_km=request.km_budget,
        bases=_bases(shape, request, lodgings, catalogue.route_days(request.route) if promises else request.days),
    )
    warm: list[list[int]] | None = None
    nights: list[int] | None = None
    if request.previous:
        position = {s: first_sight + i for i, s in enumerate(sights)}
        warm = [[position[s] for s in day if s in position] for day in request.previous]
        lodging_node = {s: 2 + i for i, s in enumerate(lodgings)}
        ends = [lodging_node[s] for s in request.previous_nights[:-1] if s in lodging_node]
        if len(warm) == request.days and len(ends) == request.days - 1:
            nights = [*ends, 1]  # the last day ends at the trip's end

    notes = tuple(SeasonNote.objects.all())
    return PlanContext(
        request,
        problem,
        tuple(slugs),
        places,
        matrix,
        network,
        tuple(raw_windows),
        notes,
        warm,
        nights,
        promises,
        catalogue.route_days(request.route),
    )
