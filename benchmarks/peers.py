"""Peer solvers on the same TOPTW instances, with the same time limit; their tours go through our checker.

OR-Tools: the vehicle routing solver with optional visits (a drop penalty equal to the score), a time
dimension whose cumul is the start of service, guided local search.
"""

from __future__ import annotations

import time
import warnings

from itineraries.routing import Problem

SCALE = 100  # instance times have at most two decimals, so x100 is exact
PENALTY = 10_000_000  # per point of score: dropping a visit always costs more than any detour
PYVRP_PRIZE = (
    SCALE * 1000
)  # above the longest possible detour per point, yet small enough to keep PyVRP's penalties scaled


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


def solve_pyvrp(problem: Problem, time_limit: float) -> tuple[list[list[int]], float]:
    """PyVRP (hybrid genetic search, C++ core) as a prize-collecting VRPTW: optional clients with prizes."""
    from pyvrp import Model
    from pyvrp.stop import MaxRuntime

    started = time.perf_counter()
    n, m = len(problem.nodes), problem.n_days
    travel = [[round(x * SCALE) for x in row] for row in problem.travel.tolist()]
    model = Model()
    locations = [model.add_location(x=0.0, y=0.0) for _ in range(n)]
    day = problem.days[0]
    depot = model.add_depot(locations[problem.start], tw_early=round(day.start * SCALE), tw_late=round(day.end * SCALE))
    model.add_vehicle_type(
        num_available=m,
        start_depot=depot,
        end_depot=depot,
        tw_early=round(day.start * SCALE),
        tw_late=round(day.end * SCALE),
    )
    clients = [node for node in range(n) if node != problem.start]
    for node in clients:
        model.add_client(
            locations[node],
            service_duration=round(problem.services[node] * SCALE),
            tw_early=round(max(problem.opens[0, node], 0) * SCALE),
            tw_late=round(min(problem.closes[0, node], day.end) * SCALE),
            prize=int(problem.nodes[node].score * PYVRP_PRIZE),
            required=False,
        )
    for a in range(n):
        for b in range(n):
            if a != b:
                model.add_edge(locations[a], locations[b], distance=travel[a][b], duration=travel[a][b])
    remaining = max(0.05, time_limit - (time.perf_counter() - started))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PyVRP warns when its penalties saturate on tight instances
        result = model.solve(stop=MaxRuntime(remaining), display=False, seed=0)
    tours: list[list[int]] = [[] for _ in range(m)]
    if result.is_feasible():
        for k, route in enumerate(result.best.routes()):
            tours[k] = [clients[a.idx] for a in route if a.is_client()]  # idx counts clients only
    return tours, time.perf_counter() - started
