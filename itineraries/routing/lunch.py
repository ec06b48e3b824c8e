"""Making room for the lunch hour in a day the search built without it.

The search's moves keep opening windows, day ends and drive caps with constant-time slack checks; a lunch
hour whose place in the day depends on every visit before it would break those checks. So the search plans
without lunch, and each finished day is timetabled with lunch here. Where the hour pushes a visit past its
closing time or the day past its end, the visit whose removal keeps the most score goes, must-see places
last, until the day fits.
"""

from __future__ import annotations

from itineraries.routing.plan import DayPlan, day_fits, schedule_day
from itineraries.routing.problem import Problem


def day_with_lunch(problem: Problem, day: int, begin: int, end: int, route: list[int]) -> DayPlan:
    plan = schedule_day(problem, day, begin, end, route)
    while route and not day_fits(problem, day, plan):
        options = []
        for k, node in enumerate(route):
            shorter = route[:k] + route[k + 1 :]
            trial = schedule_day(problem, day, begin, end, shorter)
            lost = problem.scores[node] + (1e6 if node in problem.must else 0.0)
            options.append((not day_fits(problem, day, trial), lost, k, shorter, trial))
        _, _, _, route, plan = min(options, key=lambda option: option[:3])
    return plan
