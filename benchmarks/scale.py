"""Scale: a synthetic catalogue of 300 places and 30 lodgings over Shanxi's extent, 7-day trips.

    python -m benchmarks.scale [--places 300] [--days 7] [--runs 20]

Places and lodgings are scattered over a 200 km square; travel is the straight line times 1.4 at 50 km/h.
Places get random scores,
visit lengths of 45 minutes to 4 hours and opening windows; the problem carries the app's road and lodging
costs, the normal car pace's day and driving cap, and the lunch hour. Each run solves under the app's
stopping rule (``trips.selectors.plan_stop``) with its own seed and reports the time to the final plan.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from benchmarks.django_env import setup

SIDE_KM = 200.0  # about the Jincheng and Changzhi prefectures together
WINDING = 1.4
SPEED_KMH = 50.0


def build(places: int, lodgings: int, days: int, seed: int):
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--places", type=int, default=300)
    parser.add_argument("--lodgings", type=int, default=30)
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    setup()
    from itineraries.routing import check, solve
    from itineraries.routing.solver import warm_up
    from itineraries.trips import selectors

    warm_up()
    ms, stops = [], []
    for run in range(args.runs):
        problem = build(args.places, args.lodgings, args.days, seed=run)
        started = time.perf_counter()
        plan = solve(problem, selectors.plan_stop(solver_seconds=10.0), seed=run)
        ms.append((time.perf_counter() - started) * 1000)
        assert not check(problem, plan), check(problem, plan)[:1]
        stops.append(len(plan.visited))
    ms.sort()
    p95 = ms[int(0.95 * (len(ms) - 1))]
    print(f"{args.places} places, {args.lodgings} lodgings, {args.days} days, {args.runs} runs: solve ms "
          f"p50 {statistics.median(ms):.0f}, p95 {p95:.0f}, max {ms[-1]:.0f}; stops per plan median "
          f"{statistics.median(stops):.0f}")  # fmt: skip


if __name__ == "__main__":
    main()
