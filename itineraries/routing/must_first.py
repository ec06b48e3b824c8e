"""Must-see first: a must-see the search left out is tried again from seeds built around it.

The search's moves send a night only to a lodging near a place already in the plan, and its construction
chooses each night for the day it ends, so a must-see far from everything else (a castle a long drive from
the start) can stay out of reach while nearby optional places fill the days. Here, for each missing
must-see and each day it is open, the search starts again from a seed that visits it that day, with its
nights heading for it (each the lodging nearest to it within a day's drive of the last), then back
towards the trip's end; the seed's other days start empty. The feasible plan that misses fewest
must-sees wins, then the more valuable one.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from itineraries.routing.check import check
from itineraries.routing.plan import Plan
from itineraries.routing.problem import Problem
from itineraries.routing.stopping import MaxIterations, StoppingCriterion

SEED_ITERATIONS = 3_000  # each seed's search stops after this many iterations, or earlier by the caller's rule
Search = Callable[[Problem, StoppingCriterion, list[list[int]], list[int]], Plan]


def _nights_towards(problem: Problem, must: int, day: int, nights: list[int]) -> list[int]:
    """Nights that head for ``must`` before ``day``, sleep as near it as the day allows after visiting it,
    then head for the trip's end: each the lodging nearest its goal within a day's drive of the last."""
    travel, seeded = problem.travel, list(nights)
    home = problem.start if problem.end is None else problem.end
    here = problem.start
    for k in range(problem.n_days - 1):
        options = problem.night_options(k)
        cap = problem.days[k].max_drive
        if k < day:
            reach = [(travel[h, must], h) for h in options if travel[here, h] <= cap]
        elif k == day:
            reach = [(travel[must, h], h) for h in options if travel[here, must] + travel[must, h] <= cap]
        else:
            reach = [(travel[h, home], h) for h in options if travel[here, h] <= cap]
        if len(options) > 1 and reach:
            seeded[k] = min(reach)[1]
        here = seeded[k]
    return seeded


def seeds_for(problem: Problem, plan: Plan, must: int) -> list[tuple[list[list[int]], list[int]]]:
    """Warm starts (visits per day, night per day) that put ``must`` on each day it is open."""
    nights = [day.end for day in plan.days]
    placed = [[v.node for v in day.visits if v.node in problem.must] for day in plan.days]
    seeds = []
    for d in range(problem.n_days):
        if not np.isfinite(problem.opens[d, must]):
            continue
        visits = [list(day) for day in placed]
        visits[d].append(must)
        seeds.append((visits, _nights_towards(problem, must, d, nights)))
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
            # A seed's nights can be out of reach (by bicycle, say); the search keeps what it cannot mend.
            if _rank(found) < _rank(best) and not check(problem, found):
                best = found
    return best


def reachable(problem: Problem, place: int) -> bool:
    """Whether some day of the trip can visit ``place`` in its hours, from a bed the days before can reach,
    to a bed from which the days after reach the trip's end, each day within its window and its cap
    (visits to other places aside)."""
    travel, days, n = problem.travel, problem.days, problem.n_days

    def hop(k: int, a: int, b: int) -> bool:
        return travel[a, b] <= days[k].max_drive and days[k].start + travel[a, b] <= days[k].end

    ahead = [{problem.start}]
    for k in range(n - 1):
        ahead.append({h for h in problem.night_options(k) if any(hop(k, a, h) for a in ahead[k])})
    behind: list[set[int]] = [set() for _ in range(n)] + [set(range(len(problem.nodes)))]
    for k in range(n - 1, -1, -1):
        beds = [h for h in problem.night_options(k) if h in behind[k + 1]]
        behind[k] = {a for a in {problem.start, *problem.lodgings} if any(hop(k, a, h) for h in beds)}
    for k in range(n):
        if not np.isfinite(problem.opens[k, place]):
            continue
        for a in ahead[k]:
            begin = max(days[k].start + travel[a, place], problem.opens[k, place])
            if begin > problem.closes[k, place]:
                continue
            leave = begin + problem.services[place]
            for h in problem.night_options(k):
                drive = travel[a, place] + travel[place, h]
                if h in behind[k + 1] and drive <= days[k].max_drive and leave + travel[place, h] <= days[k].end:
                    return True
    return False
