"""A short trip's distance budget: no marathons.

A car trip of a few days should see what is near rather than chain far places, even where each leg and each
day is within its cap. ``Problem.max_km`` bounds the trip's road km (the app sets 250 a day for round trips
by car of up to three days); ``within_budget`` takes off, one at a time, the optional visit that gives up
least score per km saved until the trip is within it, and ``km_added`` lets the refill step stay inside it.
"""

from __future__ import annotations

import itertools

from itineraries.routing.plan import DayPlan, Plan, day_fits, schedule_day, with_days
from itineraries.routing.problem import Problem


def day_km(problem: Problem, day: DayPlan) -> float:
    if problem.distance is None:
        return 0.0
    path = [day.begin, *(v.node for v in day.visits), day.end]
    return float(sum(problem.distance[a, b] for a, b in itertools.pairwise(path)))


def trip_km(problem: Problem, days: tuple[DayPlan, ...] | list[DayPlan]) -> float:
    return sum(day_km(problem, day) for day in days)


def _cheapest_removal(problem: Problem, days: list[DayPlan]) -> tuple[int, DayPlan] | None:
    best: tuple[float, int, DayPlan] | None = None
    for d, day in enumerate(days):
        route = [v.node for v in day.visits]
        for node in route:
            if node in problem.must:
                continue
            trial = schedule_day(problem, d, day.begin, day.end, [n for n in route if n != node])
            saved = day_km(problem, day) - day_km(problem, trial)
            if saved <= 0 or not day_fits(problem, d, trial):
                continue
            cost = float(problem.scores[node]) / saved
            if best is None or cost < best[0]:
                best = (cost, d, trial)
    return None if best is None else (best[1], best[2])


def within_budget(problem: Problem, plan: Plan) -> Plan:
    """``plan`` with optional visits taken off until its road km are within ``problem.max_km``."""
    if problem.max_km is None or problem.distance is None:
        return plan
    days = list(plan.days)
    while trip_km(problem, days) > problem.max_km:
        removal = _cheapest_removal(problem, days)
        if removal is None:
            break
        d, day = removal
        days[d] = day
    if days == list(plan.days):
        return plan
    return with_days(problem, plan, days)
