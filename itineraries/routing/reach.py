"""What each day of a trip can reach: the lodgings each night may be at, and the places each day may visit.

A day drives at most its cap, and never longer than its window lasts. The shortest road over the problem's own
matrix (Dijkstra from every place a night can be at, so walked legs and banned legs are taken as they are) is a
lower bound on any day's drive between two places, so a lodging no chain of days can reach, or a place that no
day can go to and still reach a night it may end at, is in no feasible plan. Leaving them out changes no plan's
worth; it makes the search's scans shorter, most for riders (a day's cap reaches a few places of many) and for
large catalogues.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse.csgraph import csgraph_from_dense, dijkstra

from itineraries.routing.problem import Problem

EPS = 1e-6


@dataclass(frozen=True)
class Reach:
    nights: tuple[tuple[int, ...], ...]  # per day: the lodgings its night may be at
    visits: np.ndarray  # days x nodes: whether a place may be visited that day


def _budgets(problem: Problem) -> tuple[np.ndarray, np.ndarray]:
    """Per day: the most minutes on the road, and the minutes from the day's start to its latest arrival."""
    hours = np.array([max(day.end - day.start, 0.0) for day in problem.days]) + EPS
    drive = np.array([max(day.max_drive, 0.0) for day in problem.days]) + EPS
    return np.minimum(drive, hours), hours


def _kept(options: tuple[int, ...], keep: list[int]) -> tuple[int, ...]:
    """The options kept, or all of them where none is (the problem has no feasible plan; the search says so)."""
    return tuple(keep) if keep else options


def reach_of(problem: Problem) -> Reach:
    days = problem.n_days
    options = [problem.night_options(d) for d in range(days)]
    sources = sorted({problem.start, *(h for row in options for h in row)})
    row = {node: i for i, node in enumerate(sources)}
    graph = csgraph_from_dense(np.asarray(problem.travel), null_value=np.inf)
    away = dijkstra(graph, indices=sources)  # away[row[a], v]: shortest road from a to v
    back = dijkstra(graph.T, indices=sources)  # back[row[b], v]: shortest road from v to b
    budget, hours = _budgets(problem)

    forward: list[tuple[int, ...]] = []
    before = [problem.start]
    for d in range(days):
        nearest = away[[row[a] for a in before]].min(axis=0)
        forward.append(_kept(options[d], [h for h in options[d] if nearest[h] <= budget[d]]))
        before = list(forward[d])
    nights = list(forward)
    for d in range(days - 2, -1, -1):
        nearest = back[[row[b] for b in nights[d + 1]]].min(axis=0)
        nights[d] = _kept(forward[d], [h for h in forward[d] if nearest[h] <= budget[d + 1]])

    visits = np.zeros((days, len(problem.nodes)), dtype=bool)
    for d in range(days):
        begins = [problem.start] if d == 0 else list(nights[d - 1])
        to_place = away[[row[a] for a in begins]].min(axis=0)
        to_night = back[[row[b] for b in nights[d]]].min(axis=0)
        road = to_place + to_night
        visits[d] = (road <= budget[d]) & (road + problem.services <= hours[d])
    return Reach(tuple(nights), visits)
