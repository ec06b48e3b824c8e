"""Beds on the way: no night whose lodging costs a long detour when a nearer bed would do.

The objective charges a change of lodging (``Problem.move_cost``), so the search may keep a tourist at last
night's hotel at the price of a long drive back to it and out again the next morning. A night whose
lodging lies ``MAX_DETOUR_KM`` or more off the way from the day's last place to the next day's first one
moves to the lodging with the shortest detour where both days keep every visit and every rule.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from itineraries.routing.lunch import two_days_around
from itineraries.routing.plan import DayPlan, Plan
from itineraries.routing.problem import Problem

MAX_DETOUR_KM = 60.0


def _detour(km: np.ndarray, evening: DayPlan, morning: DayPlan, bed: int) -> float:
    last = evening.visits[-1].node if evening.visits else evening.begin
    first = morning.visits[0].node if morning.visits else morning.end
    return float(km[last, bed] + km[bed, first] - km[last, first])


def beds_on_the_way(problem: Problem, plan: Plan) -> Plan:
    """``plan`` with each night that costs a long detour moved to the nearest bed that keeps both days."""
    km = problem.distance
    if km is None:
        return plan
    days = list(plan.days)
    for k in range(len(days) - 1):
        evening, morning = days[k], days[k + 1]
        if _detour(km, evening, morning, evening.end) < MAX_DETOUR_KM:
            continue
        options = sorted(problem.night_options(k), key=lambda bed: _detour(km, evening, morning, bed))
        for bed in options:
            if _detour(km, evening, morning, bed) >= _detour(km, evening, morning, evening.end):
                break
            moved = two_days_around(
                problem,
                k,
                evening.begin,
                bed,
                morning.end,
                [v.node for v in evening.visits],
                [v.node for v in morning.visits],
            )
            if moved is not None:
                days[k], days[k + 1] = moved
                break
    if days == list(plan.days):
        return plan
    return replace(plan, days=tuple(days), drive=sum(day.drive for day in days))
