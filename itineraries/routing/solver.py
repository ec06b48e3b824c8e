"""Iterated local search for the team orienteering problem with time windows and overnight stays.

Each iteration shakes the current solution (removes a run of consecutive visits from some days, as in
Vansteenwegen et al. 2009), occasionally moves a night to another lodging, refills the days by best
insertion, trades visited places for better unvisited ones in place and refills again, then puts every night
at the lodging that drives least. A walk that stalls is replaced by a new one; when the nights are chosen
too, half the shakes cut around one place across the days passing closest to it, and new walks take turns:
the best plan toured the other way round (a fifth of its visits dropped), the best plan with half its visits
dropped, the other way round again, a fresh construction. A walk's new best that could still beat the best
overall is polished: a day is re-ordered exactly (dynamic programme over its few visits) wherever that lets
one more place in; with nights to choose, a walk's best also tries, before the walk ends, every lodging for
every night, touring every run of days the other way round, and re-planning each pair of consecutive days
and the night between them exactly (every feasible set of places of each day is listed, then the most
valuable pair that shares no place is taken); the best plan gets that re-plan once more when the search
stops, as the last walk's best never reached the end of a walk. Insertion feasibility is O(1) per position
thanks to the forward slack kept per visit. The loop itself is compiled (``kernel.py``); this module
converts the problem, runs the search in short slices to watch the clock and report progress, and builds the
``Plan``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from itineraries.routing import kernel
from itineraries.routing.plan import DayPlan, Plan, schedule_day
from itineraries.routing.problem import Problem

MUST_BONUS = 1e6  # must-see places outrank every optional place
SLICE_SECONDS = 0.02  # how long one compiled slice of iterations may run before the clock is read again
REPORT_SECONDS = 0.05
SETTLED_SLOTS = 4096  # two-day re-plans remembered (a power of two)
HASH_SEED = 20261124  # fixed: the keys that hash sets of places must not depend on the search's seed
Progress = Callable[[float, Plan], None]


def problem_arrays(problem: Problem) -> tuple:
    """The problem as the flat arrays the kernel reads (see kernel.py for the layout)."""
    value = problem.scores.copy()
    for node in problem.must:
        value[node] += MUST_BONUS
    options = [problem.night_options(d) for d in range(problem.n_days)]
    nights = np.zeros((problem.n_days, max(len(o) for o in options)), dtype=np.int64)
    for d, row in enumerate(options):
        nights[d, : len(row)] = row
    travel = np.ascontiguousarray(problem.travel, dtype=np.float64)
    cand = np.array(problem.candidates, dtype=np.int64)
    return (
        travel,
        np.ascontiguousarray(problem.services, dtype=np.float64),
        np.ascontiguousarray(problem.opens, dtype=np.float64),
        np.ascontiguousarray(problem.closes, dtype=np.float64),
        np.array([s.start for s in problem.days], dtype=np.float64),
        np.array([s.end for s in problem.days], dtype=np.float64),
        np.array([s.max_drive for s in problem.days], dtype=np.float64),
        value,
        cand,
        nights,
        np.array([len(o) for o in options], dtype=np.int64),
        # The same data indexed by candidate, for the insertion scan.
        np.ascontiguousarray(travel[:, cand]),
        np.ascontiguousarray(travel[cand, :].T),
        np.ascontiguousarray(problem.opens[:, cand], dtype=np.float64),
        np.ascontiguousarray(problem.closes[:, cand], dtype=np.float64),
        np.ascontiguousarray(problem.services[cand], dtype=np.float64),
        np.ascontiguousarray((value**2)[cand]),
        np.ascontiguousarray(value[cand]),
        np.array([problem.end is not None, -1 if problem.end is None else problem.end], dtype=np.int64),
        np.random.default_rng(HASH_SEED).integers(-(2**63), 2**63 - 1, size=len(problem.nodes), dtype=np.int64),
    )


def empty_state(problem: Problem) -> tuple:
    days, width, n = problem.n_days, len(problem.candidates) + 2, len(problem.nodes)
    return (
        np.zeros((days, width), dtype=np.int64),
        np.zeros(days, dtype=np.int64),
        np.zeros((days, width)),
        np.zeros((days, width)),
        np.zeros(days),
        np.zeros(n, dtype=np.bool_),
        np.ones(days, dtype=np.bool_),
        np.zeros(SETTLED_SLOTS, dtype=np.int64),
        np.zeros(1, dtype=np.int64),
    )


def _first_night(problem: Problem, d: int) -> int:
    return min(problem.night_options(d), key=lambda h: problem.travel[problem.start, h])


def _initial(problem: Problem, P: tuple, S: tuple, warm: list[list[int]] | None, nights: list[int] | None) -> None:
    """Warm-start visits and nights where given and allowed, each day repaired; otherwise empty days."""
    route, length, used = S[0], S[1], S[5]
    allowed = set(problem.candidates)
    seen: set[int] = set()
    begin = problem.start
    for d in range(problem.n_days):
        options = problem.night_options(d)
        end = nights[d] if nights and d < len(nights) and nights[d] in options else _first_night(problem, d)
        visits = []
        for v in warm[d] if warm and d < len(warm) else []:
            if v in allowed and v not in seen:
                seen.add(v)
                visits.append(v)
        nodes = [begin, *visits, end]
        route[d, : len(nodes)] = nodes
        length[d] = len(nodes)
        used[visits] = True
        if not kernel.repair(P, S, d):
            kernel.timetable(P, S, d)
        begin = end


def _to_plan(problem: Problem, route: np.ndarray, length: np.ndarray, iterations: int, seconds: float) -> Plan:
    plans: list[DayPlan] = []
    for d in range(problem.n_days):
        row = [int(x) for x in route[d, : length[d]]]
        plans.append(schedule_day(problem, d, row[0], row[-1], row[1:-1]))
    visited = {v.node for dp in plans for v in dp.visits}
    score = sum(problem.nodes[v].score for v in visited)
    missing = tuple(sorted(m for m in problem.must if m not in visited))
    return Plan(tuple(plans), score, sum(dp.drive for dp in plans), iterations, seconds, missing)


def solve(
    problem: Problem,
    *,
    time_limit: float = 1.0,
    seed: int = 0,
    max_iterations: int | None = None,
    stall_iterations: int | None = None,
    progress: Progress | None = None,
    warm_start: list[list[int]] | None = None,
    warm_nights: list[int] | None = None,
) -> Plan:
    """Best plan found within the limits; deterministic for a seed whenever an iteration limit stops it.

    Stops at whichever comes first: ``time_limit`` seconds, ``max_iterations`` or ``stall_iterations``
    iterations without improvement. A warm start (visits per day, lodging per night) is never worsened.
    """
    started = time.perf_counter()
    kernel.seed_random(seed)
    P, S = problem_arrays(problem), empty_state(problem)
    _initial(problem, P, S, warm_start, warm_nights)
    kernel.fill(P, S, kernel.NOISE, -1)
    multi_night = any(len(problem.night_options(d)) > 1 for d in range(problem.n_days))
    if warm_start is None and problem.n_days > 1 and len(problem.lodgings) > 1:
        built = tuple(a.copy() for a in S)
        if kernel.construct(P, built) and kernel.beats(*kernel.objective(P, built), *kernel.objective(P, S)):
            S = built
    if multi_night:
        kernel.best_nights(P, S)
    best_route, best_length = np.stack([S[0], S[0]]), np.stack([S[1], S[1]])
    score = np.array([kernel.objective(P, S)] * 2)
    control = np.array([1, 0, 0, 0, int(multi_night), 0, 0], dtype=np.int64)
    chunk, last_report = 1, started
    while True:
        elapsed = time.perf_counter() - started
        if elapsed >= time_limit:
            break
        if max_iterations is not None and control[3] >= max_iterations:
            break
        if stall_iterations is not None and control[2] >= stall_iterations:
            break
        steps = chunk
        if max_iterations is not None:
            steps = min(steps, max_iterations - int(control[3]))
        if stall_iterations is not None:
            steps = min(steps, stall_iterations - int(control[2]))
        tick = time.perf_counter()
        kernel.iterate(P, S, best_route, best_length, control, score, steps)
        spent = time.perf_counter() - tick
        per_step = spent / steps
        room = min(SLICE_SECONDS, max(time_limit - (time.perf_counter() - started), 0.0))
        chunk = max(1, min(int(room / per_step) if per_step > 0 else 1000, 1000))
        if progress is not None and time.perf_counter() - last_report > REPORT_SECONDS:
            last_report = time.perf_counter()
            done = elapsed / time_limit
            if max_iterations:
                done = max(done, control[3] / max_iterations)
            progress(min(done, 0.99), _to_plan(problem, best_route[0], best_length[0], int(control[3]), elapsed))
    if multi_night:
        kernel.load(P, S, best_route[0], best_length[0])
        while kernel.replan_day_pairs(P, S):
            kernel.add_reordered(P, S)
        kernel.keep_if_best(S, best_route[0], best_length[0], score[0], *kernel.objective(P, S))
    plan = _to_plan(problem, best_route[0], best_length[0], int(control[3]), time.perf_counter() - started)
    if progress is not None:
        progress(1.0, plan)
    return plan


def warm_up() -> None:
    """Load the compiled kernel (compiling it on the first run ever, about 80 s) so the first real plan is quick."""
    from itineraries.routing.problem import DaySpec, Node

    nodes = (Node("start"), Node("inn-a"), Node("inn-b"), *(Node(f"p{i}", 1.0 + i, 30.0) for i in range(4)))
    travel = np.full((len(nodes), len(nodes)), 20.0)
    np.fill_diagonal(travel, 0.0)
    day = DaySpec(0.0, 300.0, 200.0)
    for end in (None, 0):
        problem = Problem(nodes, travel, (day, day, day), start=0, end=end, lodgings=(1, 2), must=frozenset({3}))
        solve(problem, time_limit=600.0, max_iterations=20)
