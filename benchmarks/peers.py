"""Peer solvers on the same TOPTW instances, with the same time limit; their tours go through our checker.

OR-Tools: the vehicle routing solver with optional visits (a drop penalty equal to the score), a time
dimension whose cumul is the start of service, guided local search.
"""

from __future__ import annotations

import time

from itineraries.routing import Problem

SCALE = 100  # instance times have at most two decimals, so x100 is exact
PENALTY = 10_000_000  # per point of score: dropping a visit always costs more than any detour


def solve_ortools(problem: Problem, time_limit: float) -> tuple[list[list[int]], float]:
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    started = time.perf_counter()
    n, m = len(problem.nodes), problem.n_days
    travel = [[round(x * SCALE) for x in row] for row in problem.travel.tolist()]
    service = [round(s * SCALE) for s in problem.services.tolist()]
    manager = pywrapcp.RoutingIndexManager(n, m, problem.start)
    routing = pywrapcp.RoutingModel(manager)

    def transit(i, j):
        a, b = manager.IndexToNode(i), manager.IndexToNode(j)
        return service[a] + travel[a][b]

    callback = routing.RegisterTransitCallback(transit)
    routing.SetArcCostEvaluatorOfAllVehicles(callback)
    horizon = round(problem.days[0].end * SCALE)
    routing.AddDimension(callback, horizon, horizon, False, "time")
    dim = routing.GetDimensionOrDie("time")
    for node in range(n):
        if node == problem.start:
            continue
        index = manager.NodeToIndex(node)
        open_, close = problem.opens[0, node], problem.closes[0, node]
        dim.CumulVar(index).SetRange(round(max(open_, 0) * SCALE), round(min(close, problem.days[0].end) * SCALE))
        routing.AddDisjunction([index], int(problem.nodes[node].score * PENALTY))
    for v in range(m):
        dim.CumulVar(routing.Start(v)).SetRange(
            round(problem.days[v].start * SCALE), round(problem.days[v].start * SCALE)
        )
        dim.CumulVar(routing.End(v)).SetRange(0, round(problem.days[v].end * SCALE))
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.FromMilliseconds(max(1, int((time_limit - (time.perf_counter() - started)) * 1000)))
    solution = routing.SolveWithParameters(params)
    tours: list[list[int]] = [[] for _ in range(m)]
    if solution is not None:
        for v in range(m):
            index = solution.Value(routing.NextVar(routing.Start(v)))
            while not routing.IsEnd(index):
                tours[v].append(manager.IndexToNode(index))
                index = solution.Value(routing.NextVar(index))
    return tours, time.perf_counter() - started
