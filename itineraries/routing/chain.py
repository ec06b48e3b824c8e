"""Nights that reach the trip's end: a chain of lodgings, one per day, each day's drive within its cap and its
day. A one-way trip (``problem.end``) must end there on its last day; a search whose nights wander too far
cannot get back, so the search starts from such a chain and a plan that still misses it falls back to one.

``night_chain`` is also how a request is told its end cannot be reached: no chain, no plan.
"""

from __future__ import annotations

from itineraries.routing.check import check
from itineraries.routing.plan import Plan, schedule_day
from itineraries.routing.problem import Problem


def _reach(problem: Problem, d: int) -> float:
    """The longest drive day ``d`` allows: its cap, and no more than the day is long (less the lunch hour)."""
    day = problem.days[d]
    lunch = problem.lunch.minutes if problem.lunch is not None else 0.0
    return min(day.max_drive, max(0.0, day.end - day.start - lunch))


def night_chain(problem: Problem) -> list[int] | None:
    """Where each day may end so the last day ends at the trip's end, each day's drive within reach, staying
    as near the start as it can for as long as it can (the search moves nights to better places). None when
    no such chain exists. Without an end, every night may be at the start's nearest lodging: no constraint."""
    if problem.end is None:
        return None
    t, n = problem.travel, problem.n_days
    # Backwards: which nights at the end of day d still lead to the end by the last day.
    ok: list[set[int]] = [set() for _ in range(n)]
    ok[n - 1] = {problem.end}
    for d in range(n - 2, -1, -1):
        reach = _reach(problem, d + 1)
        ok[d] = {h for h in problem.night_options(d) if any(t[h, g] <= reach for g in ok[d + 1])}
    chain, here = [], problem.start
    for d in range(n):
        reach = _reach(problem, d)
        options = [h for h in ok[d] if t[here, h] <= reach]
        if not options:
            return None
        here = min(options, key=lambda h: (t[here, h], t[h, problem.end]))
        chain.append(here)
    return chain


def chain_plan(problem: Problem, chain: list[int]) -> Plan | None:
    """The plan that only drives the chain (no visits), if it passes the checker."""
    days, begin, drive = [], problem.start, 0.0
    for d, night in enumerate(chain):
        day = schedule_day(problem, d, begin, night, [])
        days.append(day)
        drive += day.drive
        begin = night
    plan = Plan(days=tuple(days), score=0.0, drive=drive, missing_must=tuple(sorted(problem.must)))
    return None if check(problem, plan) else plan
