"""Refilled days: room the lunch hour left is offered to the places the trip does not visit.

The search plans without lunch (``lunch.py``); where fitting lunch afterwards pushes a visit out, the
search never learns that the place could have gone on another day, and a day can end up empty beside
places it could easily reach. Here, after lunch is fitted, each day in turn takes the unvisited place
worth most per added minute that fits it with lunch and every rule, until nothing more fits. A place is
only added where it pays for its extra time on the road (``Problem.road_cost``), as in the search.
Nothing visited moves or goes: only places are added, must-sees first, and only where their area allows
(``areas.allows``).
"""

from __future__ import annotations

from itineraries.routing.areas import allows
from itineraries.routing.budget import trip_km
from itineraries.routing.plan import DayPlan, Plan, day_fits, schedule_day, with_days
from itineraries.routing.problem import Problem

EPS = 1e-6


def _room(problem: Problem, d: int, day: DayPlan) -> tuple[float, float]:
    """Minutes an addition may take from the day's clock (its spare time and every wait it could absorb)
    and from its cap: a quick bound before an exact timetable."""
    spec = problem.days[d]
    waits = (problem.max_wait or 0.0) * (len(day.visits) + 1) if problem.max_wait is not None else spec.end
    return spec.end - day.end_arrive + waits, spec.max_drive - day.drive


def _best_addition(problem: Problem, d: int, days: list[DayPlan], free: list[int]) -> DayPlan | None:
    travel, day = problem.travel, days[d]
    tours = [[v.node for v in each.visits] for each in days]
    ends = [(each.begin, each.end) for each in days]
    km_left = None if problem.max_km is None or problem.distance is None else problem.max_km - trip_km(problem, days)
    spare_time, spare_drive = _room(problem, d, day)
    stops = [v.node for v in day.visits]
    path = [day.begin, *stops, day.end]
    best: tuple[tuple[bool, float], DayPlan] | None = None
    for node in free:
        service = problem.nodes[node].service
        for k in range(len(path) - 1):
            detour = float(travel[path[k], node] + travel[node, path[k + 1]] - travel[path[k], path[k + 1]])
            if detour > spare_drive + EPS or detour + service > spare_time + EPS:
                continue
            value = float(problem.scores[node]) - problem.road_cost * detour
            if value <= 0 or not allows(problem, tours, d, k, node, ends):
                continue
            if km_left is not None and problem.distance is not None:
                a, b = path[k], path[k + 1]
                if problem.distance[a, node] + problem.distance[node, b] - problem.distance[a, b] > km_left:
                    continue
            trial = schedule_day(problem, d, day.begin, day.end, [*stops[:k], node, *stops[k:]])
            if not day_fits(problem, d, trial):
                continue
            rank = (node in problem.must, value / max(detour + service, 1.0))
            if best is None or rank > best[0]:
                best = (rank, trial)
    return None if best is None else best[1]


def refilled(problem: Problem, plan: Plan) -> Plan:
    """``plan`` with each day given the unvisited places that still fit it, best value per minute first."""
    days = list(plan.days)
    visited = set(plan.visited)
    for d in range(len(days)):
        while True:
            free = [n for n in problem.candidates if n not in visited and problem.closes[d, n] > -1e9]
            added = _best_addition(problem, d, days, free)
            if added is None:
                break
            visited |= {v.node for v in added.visits}
            days[d] = added
    if days == list(plan.days):
        return plan
    return with_days(problem, plan, days)
