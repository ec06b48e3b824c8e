"""Road graph from highway polylines: snapping, per-mode shortest paths, travel matrices with geometry.

Road length = geodesic polyline length x a winding factor per road class. The factors are documented
assumptions, checked by tests against lengths that sources state:
- expressway 1.10: calibrated on Taiyuan-Pingyao (about 94-100 km by expressway, reference §4);
- national_road 1.25: Jincheng-Huangcheng is about 30 km by road for a 24 km chord (reference §4);
- connector 1.30: village roads between the national roads and the crest roads;
- branch 1.70: mountain spurs; calibrated on Lingchuan-Wangmangling, stated as 40 km for a 21 km chord
  (people.cn 2012; seeds/road_distances.json);
- ring 1.50: the Qinhe castle ring follows the winding Qin valley (stated 150 km);
- tourist_highway 1.70: Taihang No.1 runs along the crest with switchbacks such as the 36 bends at
  Huangyadi (stated 582 km for the Jincheng main line);
- access 1.30: the last stretch from the nearest road point to a place.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from geopy.distance import geodesic
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

Point = tuple[float, float]  # (lat, lon), WGS-84

WINDING = {
    "expressway": 1.10,
    "national_road": 1.25,
    "connector": 1.30,
    "branch": 1.70,
    "ring": 1.50,
    "tourist_highway": 1.70,
    "access": 1.30,
}
# km/h; 0 means the mode may not use that class (no bicycles or e-bikes on expressways).
SPEEDS = {
    "car": {
        "expressway": 100,
        "national_road": 60,
        "connector": 40,
        "branch": 35,
        "ring": 40,
        "tourist_highway": 45,
        "access": 30,
    },
    "ebike": {
        "expressway": 0,
        "national_road": 22,
        "connector": 20,
        "branch": 18,
        "ring": 20,
        "tourist_highway": 20,
        "access": 15,
    },
    "bicycle": {
        "expressway": 0,
        "national_road": 16,
        "connector": 15,
        "branch": 12,
        "ring": 15,
        "tourist_highway": 14,
        "access": 12,
    },
}
# Places this close in a straight line are walked between (inside a walled town, along a temple street):
# driving round the walls to a sight 500 m away is no one's plan. Lanes wind a little.
WALK_KM = 1.5
WALK_WINDING = 1.3
WALK_KMH = 4.5
SCENIC_KINDS = frozenset({"tourist_highway", "branch", "ring"})
SCENIC_PREFERENCE = 0.55  # the scenic option counts tourist-highway minutes at this weight when choosing paths


@dataclass(frozen=True)
class Road:
    key: str
    kind: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Place:
    key: str
    point: Point


def km_between(a: Point, b: Point) -> float:
    return geodesic(a, b).km


def polyline_km(points: tuple[Point, ...] | list[Point]) -> float:
    return sum(km_between(a, b) for a, b in itertools.pairwise(points))


def road_km(road: Road) -> float:
    return polyline_km(road.points) * WINDING[road.kind]


@dataclass
class TravelMatrix:
    keys: tuple[str, ...]
    km: np.ndarray
    minutes: np.ndarray
    sources: np.ndarray  # graph node per key
    predecessors: np.ndarray = field(repr=False)  # len(keys) x graph nodes
    mode: str = "car"
    scenic: bool = False
    walk: np.ndarray | None = field(default=None, repr=False)  # keys x keys: True where the leg is on foot

    def index(self, key: str) -> int:
        return self.keys.index(key)


@dataclass(frozen=True)
class _Edge:
    u: int
    v: int
    km: float
    kind: str
    road: str = ""


class Network:
    """Immutable once built: graph nodes are road vertices, snap points and places."""

    def __init__(self, roads: list[Road] | tuple[Road, ...], places: list[Place] | tuple[Place, ...]) -> None:
        self.roads = tuple(roads)
        self.places = tuple(places)
        self.coords: list[Point] = []
        self._vertex: dict[Point, int] = {}
        edges: list[_Edge] = []
        segments: list[tuple[int, int, str, str]] = []
        for road in self.roads:
            ids = [self._node(p) for p in road.points]
            segments.extend((a, b, road.kind, road.key) for a, b in itertools.pairwise(ids) if a != b)
        self.place_node: dict[str, int] = {}
        # Places join the network by local roads: an expressway has no access from a temple gate.
        local = [i for i, seg in enumerate(segments) if seg[2] != "expressway"] or list(range(len(segments)))
        snaps = {local[s]: v for s, v in self._snap_all([segments[i] for i in local]).items()}
        for s, (a, b, kind, road_key) in enumerate(segments):
            chain = [a]
            for t, place_key in sorted(snaps.get(s, [])):
                pa, pb = self.coords[a], self.coords[b]
                foot = (pa[0] + (pb[0] - pa[0]) * t, pa[1] + (pb[1] - pa[1]) * t)
                chain.append(self._node(foot))
                place = self.places[place_key]
                node = self._new_node(place.point)
                self.place_node[place.key] = node
                edges.append(_Edge(chain[-1], node, km_between(place.point, foot) * WINDING["access"], "access"))
            chain.append(b)
            for u, v in itertools.pairwise(chain):
                if u != v:
                    km = km_between(self.coords[u], self.coords[v]) * WINDING[kind]
                    edges.append(_Edge(u, v, km, kind, road_key))
        self.edges = tuple(edges)

    # --- construction ---------------------------------------------------------------------------
    def _node(self, point: Point) -> int:
        key = (round(point[0], 6), round(point[1], 6))
        if key not in self._vertex:
            self._vertex[key] = self._new_node(key)
        return self._vertex[key]

    def _new_node(self, point: Point) -> int:
        self.coords.append(point)
        return len(self.coords) - 1

    def _snap_all(self, segments: list[tuple[int, int, str, str]]) -> dict[int, list[tuple[float, int]]]:
        """Nearest segment of every place, found in a local equirectangular projection (vectorised)."""
        if not segments or not self.places:
            return {}
        coords = np.array(self.coords)
        a = coords[[s[0] for s in segments]]
        b = coords[[s[1] for s in segments]]
        pts = np.array([p.point for p in self.places])
        kx = np.cos(np.radians(pts[:, 0].mean()))
        scale = np.array([1.0, kx])
        a, b, pts = a * scale, b * scale, pts * scale
        ab = b - a
        length2 = np.maximum((ab**2).sum(axis=1), 1e-18)
        out: dict[int, list[tuple[float, int]]] = {}
        for i, p in enumerate(pts):
            t = np.clip(((p - a) * ab).sum(axis=1) / length2, 0.0, 1.0)
            foot = a + ab * t[:, None]
            s = int(np.argmin(((foot - p) ** 2).sum(axis=1)))
            out.setdefault(s, []).append((float(t[s]), i))
        return out

    # --- graphs ---------------------------------------------------------------------------------
    @cached_property
    def _edge_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
        u = np.array([e.u for e in self.edges], dtype=np.int64)
        v = np.array([e.v for e in self.edges], dtype=np.int64)
        km = np.array([e.km for e in self.edges])
        return u, v, km, [e.kind for e in self.edges]

    def _graph(self, mode: str, scenic: bool) -> tuple[csr_matrix, np.ndarray, np.ndarray, np.ndarray]:
        """Cost graph plus per-edge (keyed) km and minutes for the mode; both directions."""
        u, v, km, kinds = self._edge_arrays
        speed = np.array([SPEEDS[mode][k] for k in kinds], dtype=float)
        usable = speed > 0
        minutes = np.where(usable, km / np.maximum(speed, 1e-9) * 60.0, np.inf)
        cost = minutes.copy()
        if scenic:
            cost *= np.array([SCENIC_PREFERENCE if k in SCENIC_KINDS else 1.0 for k in kinds])
        uu = np.concatenate([u[usable], v[usable]])
        vv = np.concatenate([v[usable], u[usable]])
        cc = np.concatenate([cost[usable], cost[usable]])
        kk = np.concatenate([km[usable], km[usable]])
        mm = np.concatenate([minutes[usable], minutes[usable]])
        n = len(self.coords)
        # Keep the cheapest of parallel edges (two roads over the same pair of towns).
        key = uu * n + vv
        order = np.lexsort((cc, key))
        key, uu, vv, cc, kk, mm = key[order], uu[order], vv[order], cc[order], kk[order], mm[order]
        first = np.r_[True, key[1:] != key[:-1]]
        key, uu, vv, cc, kk, mm = key[first], uu[first], vv[first], cc[first], kk[first], mm[first]
        graph = csr_matrix((cc, (uu, vv)), shape=(n, n))
        return graph, key, kk, mm

    def matrix(self, keys: list[str] | tuple[str, ...], *, mode: str = "car", scenic: bool = False) -> TravelMatrix:
        if mode not in SPEEDS:
            raise ValueError(f"unknown mode {mode!r}")
        graph, edge_key, edge_km, edge_min = self._graph(mode, scenic)
        sources = np.array([self.place_node[k] for k in keys], dtype=np.int64)
        _, pred = dijkstra(graph, directed=True, indices=sources, return_predecessors=True)
        km = _accumulate(pred, sources, edge_key, edge_km)[:, sources]
        minutes = _accumulate(pred, sources, edge_key, edge_min)[:, sources]
        walk, on_foot = self._walks(keys)
        km = np.where(walk, on_foot, km)
        minutes = np.where(walk, on_foot / WALK_KMH * 60.0, minutes)
        return TravelMatrix(tuple(keys), km, minutes, sources, pred, mode, scenic, walk)

    def _walks(self, keys: list[str] | tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
        """Which pairs of keys are walked between, and the km on foot."""
        point = {p.key: p.point for p in self.places}
        pts = np.radians(np.array([point[k] for k in keys]))
        # A cheap bound (equirectangular) picks the few close pairs; geopy measures those.
        dlat = pts[:, None, 0] - pts[None, :, 0]
        dlon = (pts[:, None, 1] - pts[None, :, 1]) * np.cos(pts[:, None, 0])
        close = np.hypot(dlat, dlon) * 6371.0 < WALK_KM * 1.05
        np.fill_diagonal(close, False)
        walk = np.zeros(close.shape, dtype=bool)
        on_foot = np.zeros(close.shape)
        for i, j in zip(*np.nonzero(close), strict=True):
            straight = km_between(point[keys[i]], point[keys[j]])
            walk[i, j] = straight < WALK_KM
            on_foot[i, j] = straight * WALK_WINDING
        return walk, on_foot

    def path_nodes(self, matrix: TravelMatrix, i: int, j: int) -> list[int]:
        """Graph nodes of the leg from key i to key j of a matrix (empty when unreachable)."""
        target = int(matrix.sources[j])
        pred = matrix.predecessors[i]
        out = [target]
        while out[-1] != matrix.sources[i]:
            prev = int(pred[out[-1]])
            if prev < 0:
                return []
            out.append(prev)
        return out[::-1]

    def path(self, matrix: TravelMatrix, i: int, j: int) -> list[Point]:
        """Geometry of the leg from key i to key j of a matrix: the road, or a straight line walked."""
        if matrix.walk is not None and matrix.walk[i, j]:
            return [self.coords[int(matrix.sources[i])], self.coords[int(matrix.sources[j])]]
        return [self.coords[k] for k in self.path_nodes(matrix, i, j)]

    @cached_property
    def _pairs(self) -> dict[tuple[int, int], list[_Edge]]:
        pairs: dict[tuple[int, int], list[_Edge]] = {}
        for e in self.edges:
            pairs.setdefault((e.u, e.v), []).append(e)
            pairs.setdefault((e.v, e.u), []).append(e)
        return pairs

    def path_edges(self, matrix: TravelMatrix, i: int, j: int) -> list[_Edge]:
        """The road pieces a leg uses: of parallel roads, the one the mode would choose."""
        nodes = self.path_nodes(matrix, i, j)
        speeds = SPEEDS[matrix.mode]

        def cost(e: _Edge) -> float:
            speed = speeds[e.kind]
            if speed <= 0:
                return np.inf
            weight = SCENIC_PREFERENCE if matrix.scenic and e.kind in SCENIC_KINDS else 1.0
            return e.km / speed * weight

        return [min(self._pairs[(a, b)], key=cost) for a, b in itertools.pairwise(nodes)]


def _accumulate(pred: np.ndarray, sources: np.ndarray, edge_key: np.ndarray, edge_val: np.ndarray) -> np.ndarray:
    """Sum an edge value along every shortest-path tree by pointer jumping (log-depth numpy steps)."""
    k, n = pred.shape
    nodes = np.arange(n)[None, :]
    has = pred >= 0
    idx = np.searchsorted(edge_key, np.where(has, pred.astype(np.int64) * n + nodes, 0))
    acc = np.where(has, edge_val[np.clip(idx, 0, len(edge_val) - 1)], 0.0)
    anc = np.where(has, pred, -1).astype(np.int64)
    rows = np.arange(k)[:, None]
    while (anc >= 0).any():
        live = anc >= 0
        safe = np.where(live, anc, 0)
        acc = acc + np.where(live, acc[rows, safe], 0.0)
        anc = np.where(live, anc[rows, safe], -1)
    out = np.where(has, acc, np.inf)
    out[np.arange(k), sources] = 0.0
    return out
