"""Reads: the catalogue, the cached road network and travel matrices, and engine problems built from them."""

from __future__ import annotations

import pickle
import threading
from dataclasses import dataclass

import numpy as np
from django.core.cache import cache
from django.db.models import Q, QuerySet

from itineraries.hours import window_on
from itineraries.models import Destination, Itinerary, Road, SeasonNote
from itineraries.planning import MOVING_LIMITS, PlanRequest, day_window
from itineraries.routing import DaySpec, Node, Problem
from itineraries.routing.network import Network, Place, TravelMatrix
from itineraries.routing.network import Road as NetRoad
from itineraries.scoring import place_score

VERSION_KEY = "catalogue:version"
_memo: dict = {}
_memo_lock = threading.Lock()


def catalogue_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return int(version)


def catalogue_version_bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)
    with _memo_lock:
        _memo.clear()


def destination_list(*, published_only: bool = True) -> QuerySet[Destination]:
    rows = Destination.objects.all()
    return rows.filter(published=True) if published_only else rows


def destination_search(rows: QuerySet[Destination], text: str) -> QuerySet[Destination]:
    return rows.filter(
        Q(name_en__icontains=text)
        | Q(name_zh__icontains=text)
        | Q(name_pinyin__icontains=text)
        | Q(slug__icontains=text)
    )


def itinerary_list(*, owner) -> QuerySet[Itinerary]:
    return Itinerary.objects.filter(owner=owner)


def _memoised(key: tuple, build):
    with _memo_lock:
        if key in _memo:
            return _memo[key]
    value = build()
    with _memo_lock:
        _memo[key] = value
    return value


def network_current() -> tuple[Network, dict[str, Destination]]:
    version = catalogue_version()

    def build():
        places = {d.slug: d for d in destination_list()}
        roads = [NetRoad(r.slug, r.kind, tuple((p[0], p[1]) for p in r.points)) for r in Road.objects.all()]
        network = Network(roads, [Place(slug, (d.lat, d.lon)) for slug, d in places.items()])
        return network, places

    return _memoised(("network", version), build)


def matrix_current(*, mode: str, scenic: bool) -> TravelMatrix:
    """Matrix over every published place; cached in process and in the shared cache (Redis when set)."""
    version = catalogue_version()
    key = f"matrix:{version}:{mode}:{int(scenic)}"

    def build():
        stored = cache.get(key)
        if stored is not None:
            return pickle.loads(stored)
        network, places = network_current()
        matrix = network.matrix(tuple(places), mode=mode, scenic=scenic)
        cache.set(key, pickle.dumps(matrix, protocol=pickle.HIGHEST_PROTOCOL), timeout=24 * 3600)
        return matrix

    return _memoised(("matrix", key), build)


@dataclass(frozen=True)
class PlanContext:
    request: PlanRequest
    problem: Problem
    slugs: tuple[str, ...]  # node index -> destination slug
    places: dict[str, Destination]
    matrix: TravelMatrix
    network: Network
    windows: tuple[tuple[tuple[int, int] | None, ...], ...]  # node -> raw opening window per day
    iterations: int
    stall: int
    season_notes: tuple[SeasonNote, ...]
    warm_start: list[list[int]] | None


def problem_for_request(request: PlanRequest) -> PlanContext:
    network, places = network_current()
    matrix = matrix_current(mode=request.mode, scenic=request.scenic)
    index = {slug: i for i, slug in enumerate(matrix.keys)}
    dates = request.dates
    lodgings = [s for s, d in places.items() if d.lodging]
    sights = [s for s, d in places.items() if d.kind == Destination.Kind.SIGHT and s not in request.avoid]
    end = request.end or request.start
    slugs = [request.start, end, *lodgings, *sights]
    nodes: list[Node] = [Node(key=f"start:{request.start}"), Node(key=f"end:{end}")]
    nodes += [Node(key=f"night:{s}") for s in lodgings]
    raw_windows: list[tuple] = [(), (), *[() for _ in lodgings]]
    for slug in sights:
        place = places[slug]
        per_day, raw = [], []
        for date in dates:
            window = window_on(place.opening_hours, date)
            raw.append(window)
            latest = None if window is None else window[1] - place.visit_minutes
            per_day.append(None if window is None or latest < window[0] else (window[0], latest))
        raw_windows.append(tuple(raw))
        score = place_score(place.weight, place.categories, request.interests, place.visit_minutes)
        nodes.append(Node(key=slug, score=round(score, 3), service=place.visit_minutes, windows=tuple(per_day)))
    order = np.array([index[s] for s in slugs])
    travel = matrix.minutes[np.ix_(order, order)]
    distance = matrix.km[np.ix_(order, order)]
    centre = places[request.start]
    days = []
    for date in dates:
        start, finish = day_window(date, request.pace, request.mode, centre.lat, centre.lon)
        days.append(DaySpec(start=start, end=finish, max_drive=MOVING_LIMITS[request.mode][request.pace]))
    first_sight = 2 + len(lodgings)
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
    )
    warm = None
    if request.previous:
        position = {s: first_sight + i for i, s in enumerate(sights)}
        warm = [[position[s] for s in day if s in position] for day in request.previous]
    # Converged when this many iterations in a row find nothing better: deterministic and fast.
    # (Chosen with the exact two-day re-plan at 45758bd: 2,500 reached the best known plans about as often
    # as 3,000, with p95 213 ms against about 300 ms; 2,000 less often. Current figures: README, Benchmarks.)
    iterations, stall = 25000, 2500
    notes = tuple(SeasonNote.objects.all())
    return PlanContext(
        request, problem, tuple(slugs), places, matrix, network, tuple(raw_windows), iterations, stall, notes, warm
    )
