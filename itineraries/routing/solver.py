"""The solver: a ``Problem`` in, a ``Plan`` out, by iterated local search (described in docs/optimiser.md).

This module turns the problem into the kernel's arrays, runs the compiled search (``kernel/``) in short
slices so it can watch the stopping criterion and report progress, and builds the ``Plan``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from itineraries.routing import kernel
from itineraries.routing.areas import gathered
from itineraries.routing.balance import balanced
from itineraries.routing.beds import beds_on_the_way
from itineraries.routing.budget import within_budget
from itineraries.routing.chain import chain_plan, night_chain
from itineraries.routing.check import check
from itineraries.routing.lunch import days_with_lunch
from itineraries.routing.must_first import must_first
from itineraries.routing.plan import Plan
from itineraries.routing.problem import Problem
from itineraries.routing.reach import reach_of
from itineraries.routing.refill import refilled
from itineraries.routing.stopping import MaxIterations, Status, StoppingCriterion

MUST_BONUS = 1e6  # must-see places outrank every optional place
SLICE_SECONDS = 0.02  # how long one compiled slice of iterations may run before the clock is read again
REPORT_SECONDS = 0.05
SETTLE_ROUNDS = 4  # rounds of balancing, moving beds and refilling; two are usually enough
SETTLED_SLOTS = 4096  # two-day re-plans remembered (a power of two)
HASH_SEED = 20261124  # fixed: the keys that hash sets of places must not depend on the search's seed
Progress = Callable[[float, Plan], None]


def problem_arrays(problem: Problem) -> kernel.Data:
    """The problem as the flat arrays the kernel reads."""
    value = problem.scores.copy()
    for node in problem.must:
        value[node] += MUST_BONUS
    reach = reach_of(problem)  # nights and places some feasible chain of days can reach
    options = reach.nights
    nights = np.zeros((problem.n_days, max(len(o) for o in options)), dtype=np.int64)
    for d, row in enumerate(options):
        nights[d, : len(row)] = row
    travel = np.ascontiguousarray(problem.travel, dtype=np.float64)
    cand = np.array(problem.candidates, dtype=np.int64)
    # A place no feasible day can reach is closed that day. The candidates stay the same, so the search draws
    # the same random numbers and finds the same plans, only without trying what cannot fit.
    shut = np.zeros_like(reach.visits)
    shut[:, cand] = ~reach.visits[:, cand]
    opens = np.where(shut, np.inf, problem.opens)
    closes = np.where(shut, -np.inf, problem.closes)
    return kernel.Data(
        travel=travel,
        service=np.ascontiguousarray(problem.services, dtype=np.float64),
        opens=opens,
        closes=closes,
        day_start=np.array([s.start for s in problem.days], dtype=np.float64),
        day_end=np.array([s.end for s in problem.days], dtype=np.float64),
        day_drive=np.array([s.max_drive for s in problem.days], dtype=np.float64),
        value=value,
        cand=cand,
        nights=nights,
        n_nights=np.array([len(o) for o in options], dtype=np.int64),
        to_cand=np.ascontiguousarray(travel[:, cand]),
        from_cand=np.ascontiguousarray(travel[cand, :].T),
        cand_opens=np.ascontiguousarray(opens[:, cand]),
        cand_closes=np.ascontiguousarray(closes[:, cand]),
        cand_service=np.ascontiguousarray(problem.services[cand], dtype=np.float64),
        cand_weight=np.ascontiguousarray((value**2)[cand]),
        cand_value=np.ascontiguousarray(value[cand]),
        end=-1 if problem.end is None else int(problem.end),
        road_cost=float(problem.road_cost),
        move_cost=float(problem.move_cost),
        keys=np.random.default_rng(HASH_SEED).integers(-(2**63), 2**63 - 1, size=len(problem.nodes), dtype=np.int64),
    )


def empty_state(problem: Problem) -> kernel.State:
    days, width, n = problem.n_days, len(problem.candidates) + 2, len(problem.nodes)
    return kernel.State(
        route=np.zeros((days, width), dtype=np.int64),
        length=np.zeros(days, dtype=np.int64),
        start=np.zeros((days, width)),
        slack=np.zeros((days, width)),
        drive=np.zeros(days),
        used=np.zeros(n, dtype=np.bool_),
        touched=np.ones(days, dtype=np.bool_),
        settled=np.zeros(SETTLED_SLOTS, dtype=np.int64),
        give_ups=np.zeros(1, dtype=np.int64),
    )


def copy_state(state: kernel.State) -> kernel.State:
    return kernel.State(*(a.copy() for a in state))


def _first_night(problem: Problem, d: int) -> int:
    return min(problem.night_options(d), key=lambda h: problem.travel[problem.start, h])


def _initial(
    problem: Problem, data: kernel.Data, state: kernel.State, warm: list[list[int]] | None, nights: list[int] | None
) -> None:
    """Warm-start visits and nights where given and allowed, each day repaired; otherwise empty days."""
    route, length, used = state.route, state.length, state.used
    allowed = set(problem.candidates)
    seen: set[int] = set()
    begin = problem.start
    reaching = night_chain(problem)  # a one-way trip: nights from which its end can still be reached
    for d in range(problem.n_days):
        options = problem.night_options(d)
        if nights and d < len(nights) and nights[d] in options:
            end = nights[d]
        else:
            end = reaching[d] if reaching is not None else _first_night(problem, d)
        visits = []
        for v in warm[d] if warm and d < len(warm) else []:
            if v in allowed and v not in seen:
                seen.add(v)
                visits.append(v)
        nodes = [begin, *visits, end]
        route[d, : len(nodes)] = nodes
        length[d] = len(nodes)
        used[visits] = True
        if not kernel.repair(data, state, d):
            kernel.timetable(data, state, d)
        begin = end


def _to_plan(problem: Problem, route: np.ndarray, length: np.ndarray, iterations: int, seconds: float) -> Plan:
    rows = [[int(x) for x in route[d, : length[d]]] for d in range(problem.n_days)]
    plans = days_with_lunch(problem, rows)
    visited = {v.node for dp in plans for v in dp.visits}
    score = sum(problem.nodes[v].score for v in visited)
    missing = tuple(sorted(m for m in problem.must if m not in visited))
    return Plan(tuple(plans), score, sum(dp.drive for dp in plans), iterations, seconds, missing)


def _hour_kept_for_lunch(problem: Problem) -> Problem:
    """What the search sees: each day ends an hour early where the problem has a lunch hour, so that lunch
    added afterwards (``routing/lunch.py``) seldom pushes a day past its end."""
    if problem.lunch is None:
        return problem
    hour = problem.lunch.minutes
    return replace(problem, days=tuple(replace(day, end=max(day.start, day.end - hour)) for day in problem.days))


def solve(
    problem: Problem,
    stop: StoppingCriterion,
    *,
    seed: int = 0,
    progress: Progress | None = None,
    warm_start: list[list[int]] | None = None,
    warm_nights: list[int] | None = None,
) -> Plan:
    """Best plan found before ``stop`` is met; deterministic for a seed when no time limit stops it.

        A warm start (visits per day, lodging per night) is never worsened. A must-see the search left out is
    searched for again from seeds that sleep near it (``must_first.py``); an empty day shares the visits of
    a busy day beside it (``balance.py``) once each day has taken what still fits it with lunch
    (``refill.py``); a night off the way moves to a nearer bed (``beds.py``); and the days so settled take
    what fits them again, until nothing changes. The method: docs/optimiser.md.
    """
    plan = _search(problem, stop, seed=seed, progress=progress, warm_start=warm_start, warm_nights=warm_nights)
    if plan.missing_must and len(problem.lodgings) > 1:

        def search(part: Problem, limit: StoppingCriterion, visits: list[list[int]], nights: list[int]) -> Plan:
            return _search(part, limit, seed=seed, progress=None, warm_start=visits, warm_nights=nights)

        plan = must_first(problem, stop, plan, search)
    plan = _settled(problem, refilled(problem, plan))
    return plan if problem.end is None else _reaching_the_end(problem, stop, plan, seed=seed)


def _reaching_the_end(problem: Problem, stop: StoppingCriterion, plan: Plan, *, seed: int) -> Plan:
    """A one-way trip's plan that passes the checker: the search's, else a search from nights that reach the
    end, else those nights driven without visits. The engine does not hand on a plan that fails the checker
    when a feasible one exists (validation refuses a request for which none does)."""
    if not check(problem, plan):
        return plan
    chain = night_chain(problem)
    if chain is None:
        return plan  # no plan can reach the end; the request should have been refused
    again = _search(problem, stop, seed=seed, progress=None, warm_start=None, warm_nights=chain)
    again = _settled(problem, refilled(problem, again))
    if not check(problem, again):
        return again
    return chain_plan(problem, chain) or plan


EMPTY_DAY_COST = 1_000.0  # a day with time to go out and nothing in it: any visit elsewhere is worth less


def _worth(problem: Problem, plan: Plan) -> float:
    """What a settled plan is worth when moves are compared: score less road cost, and an empty day (not a
    rest day) counts against it more than any visit counts for it."""
    empty = sum(not day.visits and spec.end > spec.start for day, spec in zip(plan.days, problem.days, strict=True))
    return plan.score - problem.road_cost * plan.drive - EMPTY_DAY_COST * empty


def _settled(problem: Problem, plan: Plan) -> Plan:
    """Days balanced, beds on the way, the distance budget kept, areas gathered and room refilled, again until
    nothing changes (a few rounds)."""
    for _ in range(SETTLE_ROUNDS):
        kept = within_budget(problem, beds_on_the_way(problem, balanced(problem, plan)))
        settled = refilled(problem, gathered(problem, kept, lambda trial: _worth(problem, refilled(problem, trial))))
        if settled == plan:
            break
        plan = settled
    return plan


def _search(
    problem: Problem,
    stop: StoppingCriterion,
    *,
    seed: int,
    progress: Progress | None,
    warm_start: list[list[int]] | None,
    warm_nights: list[int] | None,
) -> Plan:
    started = time.perf_counter()
    kernel.seed_random(seed)
    data, state = problem_arrays(_hour_kept_for_lunch(problem)), empty_state(problem)
    _initial(problem, data, state, warm_start, warm_nights)
    kernel.fill(data, state, kernel.NOISE, -1)
    multi_night = any(len(problem.night_options(d)) > 1 for d in range(problem.n_days))
    if warm_start is None and problem.n_days > 1 and len(problem.lodgings) > 1:
        built = copy_state(state)
        if kernel.construct(data, built) and kernel.beats(
            *kernel.objective(data, built), *kernel.objective(data, state)
        ):
            state = built
    if multi_night:
        kernel.best_nights(data, state)
    counters = np.zeros(kernel.N_COUNTERS, dtype=np.int64)
    counters[kernel.SHAKE_SIZE], counters[kernel.MULTI_NIGHT] = 1, int(multi_night)
    search = kernel.Search(
        best_route=np.stack([state.route, state.route]),
        best_length=np.stack([state.length, state.length]),
        score=np.array([kernel.objective(data, state)] * 2),
        counters=counters,
    )
    best_route, best_length = search.best_route[kernel.BEST], search.best_length[kernel.BEST]

    def status() -> Status:
        return Status(time.perf_counter() - started, int(counters[kernel.ITERATIONS]), int(counters[kernel.SINCE_BEST]))

    chunk, last_report = 1, started
    while not stop.done(now := status()):
        left = stop.iterations_left(now)
        steps = chunk if left is None else min(chunk, left)
        tick = time.perf_counter()
        kernel.iterate(data, state, search, steps)
        per_step = (time.perf_counter() - tick) / steps
        seconds_left = stop.seconds_left(status())
        room = SLICE_SECONDS if seconds_left is None else min(SLICE_SECONDS, seconds_left)
        chunk = max(1, min(int(room / per_step) if per_step > 0 else 1000, 1000))
        if progress is not None and time.perf_counter() - last_report > REPORT_SECONDS:
            last_report = time.perf_counter()
            progress(
                min(stop.fraction(now), 0.99),
                _to_plan(problem, best_route, best_length, now.iterations, now.seconds),
            )
    if multi_night:
        kernel.load(data, state, best_route, best_length)
        for _ in range(kernel.MAX_POLISH_ROUNDS):
            if not kernel.replan_day_pairs(data, state):
                break
            kernel.add_reordered(data, state)
        kernel.keep_if_best(state, best_route, best_length, search.score[kernel.BEST], *kernel.objective(data, state))
    final = status()
    plan = _to_plan(problem, best_route, best_length, final.iterations, final.seconds)
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
        solve(problem, MaxIterations(20))
