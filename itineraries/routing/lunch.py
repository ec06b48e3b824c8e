"""Making room for the lunch hour in days the search built without it.

The search's moves keep opening windows, day ends and drive caps with constant-time slack checks; a lunch
hour whose place in the day depends on every visit before it would break those checks. So the search plans
without lunch, and each finished day is timetabled with lunch here. Where the hour pushes a visit past its
closing time or the day past its end, visits go until the day fits: optional places before must-see ones,
one whose removal makes the day fit before one that does not, then the one worth least. A must-see that
had to go is then put back where it fits with lunch, in place of the optional stop worth least if need be,
or of all the optional stops of a day.
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
            fits = day_fits(problem, day, trial)
            options.append((node in problem.must, not fits, problem.scores[node], k, shorter, trial))
        *_, route, plan = min(options, key=lambda option: option[:4])
    return plan


def days_with_lunch(problem: Problem, routes: list[list[int]]) -> list[DayPlan]:
    """Every day of a trip timetabled with lunch; ``routes`` hold each day's begin, visits and end."""
    plans = [day_with_lunch(problem, d, row[0], row[-1], row[1:-1]) for d, row in enumerate(routes)]
    visited = {v.node for plan in plans for v in plan.visits}
    for must in sorted(problem.must - visited):
        best: tuple[float, float, int, DayPlan] | None = None
        for d, plan in enumerate(plans):
            stops = [v.node for v in plan.visits]
            # The must-see added, or in place of one optional stop of that day, or of all of them.
            optional = [s for s in stops if s not in problem.must]
            for without in [set(), *({s} for s in optional), set(optional)]:
                kept = [s for s in stops if s not in without]
                lost = float(sum(problem.scores[s] for s in without))
                for k in range(len(kept) + 1):
                    trial = schedule_day(problem, d, plan.begin, plan.end, [*kept[:k], must, *kept[k:]])
                    cost = (lost, trial.drive - plan.drive)
                    if day_fits(problem, d, trial) and (best is None or cost < best[:2]):
                        best = (*cost, d, trial)
        if best is not None:
            plans[best[2]] = best[3]
    return plans


def two_days_around(
    problem: Problem, k: int, begin: int, night: int, end: int, evening: list[int], morning: list[int]
) -> tuple[DayPlan, DayPlan] | None:
    """Days ``k`` and ``k + 1`` timetabled with lunch, from ``begin`` to ``night`` and on to ``end``; None
    unless both keep every visit and every rule."""
    one = schedule_day(problem, k, begin, night, evening)
    two = schedule_day(problem, k + 1, night, end, morning)
    return (one, two) if day_fits(problem, k, one) and day_fits(problem, k + 1, two) else None
