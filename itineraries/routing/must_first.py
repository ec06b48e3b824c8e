"""Must-see first: a must-see the search left out is tried again from seeds built around it.

The search's moves send a night only to a lodging near a place already in the plan, and its construction
chooses each night for the day it ends, so a must-see far from everything else (a castle a long drive from
the start) can stay out of reach while nearby optional places fill the days. Here, for each missing
must-see and each day it is open, the search starts again from a seed that visits it that day, with the
nights on either side at the lodging nearest to it; the seed's other days start empty. The plan that
misses fewest must-sees wins, then the more valuable one.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from itineraries.routing.plan import Plan
from itineraries.routing.problem import Problem
from itineraries.routing.stopping import MaxIterations, StoppingCriterion

SEED_ITERATIONS = 3_000  # each seed's search stops after this many iterations, or earlier by the caller's rule
Search = Callable[[Problem, StoppingCriterion, list[list[int]], list[int]], Plan]


def _nearest_lodging(problem: Problem, day: int, place: int) -> int | None:
    options = problem.night_options(day)
    if len(options) < 2:
        return None
    return min(options, key=lambda h: problem.travel[place, h] + problem.travel[h, place])


def seeds_for(problem: Problem, plan: Plan, must: int) -> list[tuple[list[list[int]], list[int]]]:
    """Warm starts (visits per day, night per day) that put ``must`` on each day it is open."""
    nights = [day.end for day in plan.days]
    placed = [[v.node for v in day.visits if v.node in problem.must] for day in plan.days]
    seeds = []
    for d in range(problem.n_days):
        if not np.isfinite(problem.opens[d, must]):
            continue
        seeded = list(nights)
        for k in (d - 1, d):
            near = _nearest_lodging(problem, k, must) if 0 <= k < problem.n_days - 1 else None
            if near is not None:
                seeded[k] = near
        visits = [list(day) for day in placed]
        visits[d].append(must)
        seeds.append((visits, seeded))
    return seeds


def _rank(plan: Plan) -> tuple[int, float, float]:
    return len(plan.missing_must), -plan.score, plan.drive


def must_first(problem: Problem, stop: StoppingCriterion, plan: Plan, search: Search) -> Plan:
    """The best of ``plan`` and the plans searched from seeds around each must-see it misses."""
    best = plan
    limit = stop | MaxIterations(SEED_ITERATIONS)
    for must in plan.missing_must:
        if must not in best.missing_must:
            continue  # an earlier seed placed it
        for visits, nights in seeds_for(problem, best, must):
            found = search(problem, limit, visits, nights)
            if _rank(found) < _rank(best):
                best = found
    return best
