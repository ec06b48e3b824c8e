"""Small engine problems built in tests (no catalogue, no Django)."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import strategies as st

from itineraries.routing import DaySpec, Node, Plan, Problem, schedule_day


def grid_problem(points, *, scores, services, windows, days, day_end=600.0, lodgings=None) -> Problem:
    """Node 0 is the start/end depot; travel minutes are Euclidean distances between ``points``."""
    xy = np.array(points, dtype=float)
    travel = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2))
    nodes = [Node("depot")]
    for i in range(1, len(points)):
        nodes.append(Node(f"p{i}", score=scores[i - 1], service=services[i - 1], windows=windows[i - 1]))
    spec = tuple(DaySpec(0.0, day_end) for _ in range(days))
    return Problem(
        tuple(nodes), travel, spec, start=0, end=0 if lodgings is None else None, lodgings=tuple(lodgings or (0,))
    )


def circle(n: int, radius: float = 50.0) -> list[tuple[float, float]]:
    return [(0.0, 0.0)] + [
        (radius * math.cos(2 * math.pi * k / n), radius * math.sin(2 * math.pi * k / n)) for k in range(n)
    ]


@st.composite
def problems(draw, max_nodes=9, max_days=3, lodgings=False):
    """Random small problems: Euclidean grid, per-day windows, some places closed on some days.

    With ``lodgings``, two or three of the points are lodgings, one to choose every night.
    """
    n = draw(st.integers(4 if lodgings else 2, max_nodes))
    coords = draw(st.lists(st.tuples(st.integers(0, 100), st.integers(0, 100)), min_size=n + 1, max_size=n + 1))
    days = draw(st.integers(1, max_days))
    scores = draw(st.lists(st.integers(1, 20), min_size=n, max_size=n))
    services = draw(st.lists(st.integers(0, 60), min_size=n, max_size=n))
    windows = []
    for _ in range(n):
        per_day = []
        for _ in range(days):
            if draw(st.booleans()) and draw(st.booleans()):
                per_day.append(None)  # closed that day
            else:
                open_ = draw(st.integers(0, 300))
                per_day.append((float(open_), float(open_ + draw(st.integers(0, 300)))))
        windows.append(tuple(per_day))
    inns = draw(st.lists(st.integers(1, n), min_size=2, max_size=3, unique=True)) if lodgings else None
    return grid_problem(
        coords, scores=scores, services=services, windows=windows, days=days, day_end=480, lodgings=inns
    )


def plan_of(problem: Problem, routes: list[list[int]], nights: list[int]) -> Plan:
    """A plan from each day's visits and night, timetabled as given (no search)."""
    begins = [problem.start, *nights[:-1]]
    days = tuple(
        schedule_day(problem, d, b, e, r) for d, (b, e, r) in enumerate(zip(begins, nights, routes, strict=True))
    )
    visited = [v.node for day in days for v in day.visits]
    return Plan(days, float(sum(problem.scores[visited])), sum(day.drive for day in days))
