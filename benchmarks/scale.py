"""Scale: the real catalogue grown to more sights in its own shape, and how planning time grows with it.

    python -m benchmarks.scale [--sizes 0,150,300] [--runs 10] [--days 5] [--date 2027-01-24]

Each run takes the app's own problem for a 5-day trip (the benchmark requests of ``benchmarks.planning``:
five starts, five interest sets, car and e-bike) and grows it to the size asked (0: as it is). A new sight is
a lesser place near a real one: a copy of a sight picked at random, 1 to 8 km away by a village road
(30 km/h), with its hours and visit length and 40 to 90 % of its score. So a cluster such as Pingyao's grows
denser, the walled town keeps its area, and a sparse mountain stays sparse, as a growing catalogue would. The
lodgings, the day windows, the caps and the costs are the app's.

Reported per size: the solve time to the final plan under the app's stopping rule (p50, p95, max), and how
often a search ten times longer finds a better plan (count, mean and max gain in %).

    python -m benchmarks.scale --square [--places 300] [--days 7] [--runs 20]

is the earlier benchmark: places scattered at random over a 200 km square (kept to compare with old figures).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import statistics
import time
from dataclasses import replace

import numpy as np

from benchmarks.django_env import setup

SIDE_KM = 200.0  # about the Jincheng and Changzhi prefectures together
WINDING = 1.4
SPEED_KMH = 50.0
VILLAGE_KMH = 30.0
NEAR_KM = (1.0, 8.0)
LESSER = (0.4, 0.9)


def grown(problem, sights: int, rng: np.random.Generator):
    """``problem`` with new sights near its own until it has ``sights`` candidates (fewer asked: unchanged)."""
    from itineraries.routing import Node

    real = list(problem.candidates)
    extra = max(sights - len(real), 0)
    if not extra:
        return problem
    n = len(problem.nodes)
    origin = rng.choice(real, size=extra)
    away_km = rng.uniform(*NEAR_KM, size=extra)
    away_min = away_km / VILLAGE_KMH * 60
    size = n + extra
    travel = np.zeros((size, size))
    distance = np.zeros((size, size))
    travel[:n, :n] = problem.travel
    source = problem.distance if problem.distance is not None else problem.travel
    distance[:n, :n] = source
    index = np.concatenate([np.arange(n), origin])
    offset_min = np.concatenate([np.zeros(n), away_min])
    offset_km = np.concatenate([np.zeros(n), away_km])
    travel[:, :] = problem.travel[np.ix_(index, index)] + offset_min[:, None] + offset_min[None, :]
    distance[:, :] = source[np.ix_(index, index)] + offset_km[:, None] + offset_km[None, :]
    np.fill_diagonal(travel, 0.0)
    np.fill_diagonal(distance, 0.0)
    nodes = list(problem.nodes)
    for k, (o, share) in enumerate(zip(origin, rng.uniform(*LESSER, size=extra), strict=True)):
        twin = problem.nodes[o]
        nodes.append(
            Node(f"{twin.key}~{k}", score=round(twin.score * share, 3), service=twin.service, windows=twin.windows)
        )
    return replace(problem, nodes=tuple(nodes), travel=travel, distance=distance)


def _square(places: int, lodgings: int, days: int, seed: int):
    from itineraries.routing import DaySpec, Lunch, Node, Problem
    from itineraries.trips import selectors
    from itineraries.trips.request import MOVING_LIMITS

    rng = np.random.default_rng(seed)
    xy = rng.uniform(0, SIDE_KM, size=(lodgings + places, 2))
    xy = np.vstack([xy[:1], xy])  # the trip starts in the town of the first lodging, as in the app
    km = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2)) * WINDING
    nodes = [Node("start"), *[Node(f"night:{k}") for k in range(lodgings)]]
    for k in range(places):
        opens = float(rng.integers(8 * 60, 10 * 60))
        service = float(rng.choice([45, 60, 90, 120, 180, 240]))
        closes = float(rng.integers(16 * 60, 18 * 60 + 30)) - service
        windows = tuple((opens, closes) if rng.random() > 0.1 else None for _ in range(days))
        nodes.append(Node(f"p{k}", score=float(rng.uniform(1, 25)), service=service, windows=windows))
    cap = MOVING_LIMITS["car"]["normal"]
    return Problem(
        nodes=tuple(nodes),
        travel=km / SPEED_KMH * 60,
        days=tuple(DaySpec(8 * 60 + 30, 19 * 60 + 30, cap) for _ in range(days)),
        start=0,
        end=0,
        lodgings=tuple(range(1, lodgings + 1)),
        road_cost=selectors.ROAD_COST_PER_HOUR / 60,
        move_cost=selectors.MOVE_COST,
        lunch=Lunch(),
    )


def _longer_stop():
    from itineraries.routing import MaxIterations, MaxRuntime, NoImprovement
    from itineraries.trips import selectors

    return (
        MaxRuntime(100) | MaxIterations(selectors.MAX_ITERATIONS * 10) | NoImprovement(selectors.STALL_ITERATIONS * 10)
    )


def _quantile(values: list[float], q: float) -> float:
    """The nearest-rank quantile: the smallest value with at least ``q`` of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(math.ceil(q * len(ordered)) - 1, 0)]


def catalogue_sizes(sizes: list[int], runs: int, days: int, date: dt.date) -> None:
    from benchmarks.planning import requests
    from itineraries.routing import check, solve
    from itineraries.trips import selectors

    base = [selectors.problem_for_request(r) for r in requests(runs, days, date)]
    for size in sizes:
        ms, gains, sights = [], [], []
        for n, (request, context) in enumerate(zip(requests(runs, days, date), base, strict=True)):
            problem = grown(context.problem, size, np.random.default_rng(1000 + n))
            sights.append(len(problem.candidates))
            started = time.perf_counter()
            plan = solve(problem, selectors.plan_stop(solver_seconds=30.0), seed=request.seed)
            ms.append((time.perf_counter() - started) * 1000)
            assert not check(problem, plan), check(problem, plan)[:1]
            longer = solve(problem, _longer_stop(), seed=request.seed)
            gains.append(max(longer.score - plan.score, 0.0) / max(plan.score, 1e-9) * 100)
        better = [g for g in gains if g > 1e-7]
        print(
            f"{statistics.median(sights):4.0f} sights ({runs} runs, {days} days, from {date}): solve ms p50 "
            f"{statistics.median(ms):5.0f}  p95 {_quantile(ms, 0.95):5.0f}  max {max(ms):5.0f};  10x longer better "
            f"in {len(better)}/{runs}, mean gain {statistics.mean(gains):.2f} %, max {max(gains):.2f} %"
        )


def square(places: int, lodgings: int, days: int, runs: int) -> None:
    from itineraries.routing import check, solve
    from itineraries.trips import selectors

    ms, stops = [], []
    for run in range(runs):
        problem = _square(places, lodgings, days, seed=run)
        started = time.perf_counter()
        plan = solve(problem, selectors.plan_stop(solver_seconds=10.0), seed=run)
        ms.append((time.perf_counter() - started) * 1000)
        assert not check(problem, plan), check(problem, plan)[:1]
        stops.append(len(plan.visited))
    print(
        f"{places} places, {lodgings} lodgings, {days} days, {runs} runs: solve ms p50 {statistics.median(ms):.0f}, "
        f"p95 {_quantile(ms, 0.95):.0f}, max {max(ms):.0f}; stops per plan median {statistics.median(stops):.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="0,150,300", help="sights to grow to (0: the catalogue as it is)")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--days", type=int, default=5)
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date(2027, 1, 24))
    parser.add_argument("--square", action="store_true", help="the earlier random-square benchmark")
    parser.add_argument("--places", type=int, default=300)
    parser.add_argument("--lodgings", type=int, default=30)
    args = parser.parse_args()
    setup()
    from itineraries.routing.solver import warm_up

    warm_up()
    if args.square:
        square(args.places, args.lodgings, args.days, args.runs)
    else:
        catalogue_sizes([int(s) for s in args.sizes.split(",")], args.runs, args.days, args.date)


if __name__ == "__main__":
    main()
