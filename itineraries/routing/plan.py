"""The result of a solve, and a day's timetable from scratch (the checker is ``routing.check``)."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from itineraries.routing.problem import INF, Lunch, Problem

EPS = 1e-6


@dataclass(frozen=True)
class Visit:
    node: int
    arrive: float
    start: float
    depart: float


@dataclass(frozen=True)
class DayPlan:
    begin: int  # where the day starts (start place or last night's lodging)
    end: int  # where the day ends (lodging or trip end)
    visits: tuple[Visit, ...]
    end_arrive: float
    drive: float  # minutes on the road
    lunch: float | None = None  # when lunch starts, on days that need one
    lunch_after: int = -1  # lunch follows this many visits; inside the last of them when lunch_inside
    lunch_inside: bool = False
    lunch_missing: bool = False  # the day needs a lunch hour and has no room for one
    lunch_on_arrival: bool = False  # lunch is taken after the drive to the next visit, before it begins
    leave: float = 0.0  # when the day sets off
    longest_wait: float = 0.0  # the longest idle time of the day: at a gate, or for lunch


@dataclass(frozen=True)
class Plan:
    days: tuple[DayPlan, ...]
    score: float
    drive: float
    iterations: int = 0
    seconds: float = 0.0
    missing_must: tuple[int, ...] = ()

    @property
    def visited(self) -> tuple[int, ...]:
        return tuple(v.node for day in self.days for v in day.visits)

    def tours(self) -> list[list[int]]:
        return [[v.node for v in day.visits] for day in self.days]


def with_days(problem: Problem, plan: Plan, days: list[DayPlan] | tuple[DayPlan, ...]) -> Plan:
    """``plan`` with new days: its driving and score added up again, and its missing must-sees those the days
    do not visit."""
    visited = {v.node for day in days for v in day.visits}
    kept = tuple(m for m in plan.missing_must if m not in visited)
    newly = tuple(sorted(m for m in problem.must if m not in visited and m not in kept))
    return replace(
        plan,
        days=tuple(days),
        drive=sum(day.drive for day in days),
        score=float(sum(problem.scores[n] for n in visited)),
        missing_must=kept + newly,
    )


def schedule_day(problem: Problem, day: int, begin: int, end: int, route: list[int] | tuple[int, ...]) -> DayPlan:
    """Timetable of one day from scratch: leave at the day's start (later, where the problem limits waiting,
    so as to reach the first place when it opens), wait for opening, start by closing, and stop for lunch
    where the problem asks for it (``_lunch_here``), after the next drive rather than idle before it."""
    t = problem.travel
    clock = problem.days[day].start
    if problem.max_wait is not None and route and np.isfinite(problem.opens[day, route[0]]):
        clock = max(clock, problem.opens[day, route[0]] - t[begin, route[0]])
    leave, drive, here, idle = clock, 0.0, begin, 0.0
    visits: list[Visit] = []
    lunch: tuple[float, int, bool] | None = None
    on_arrival = missing = False
    for k, node in enumerate([*route, end]):
        last = k == len(route)
        eat_on_arrival = False
        if lunch is None and not missing and visits:
            ahead = None
            if not last:
                begins = max(clock + t[here, node], problem.opens[day, node])
                ahead = (begins, begins + problem.services[node])
            decision = _lunch_here(problem, visits, clock, ahead)
            if decision == "missing":
                missing = True
            elif isinstance(decision, tuple) and problem.lunch is not None:
                later = None if last else _lunch_on_arrival(problem, clock, decision[0], clock + t[here, node])
                if later is not None:
                    lunch, on_arrival = (later, len(visits), False), True
                    eat_on_arrival = True
                else:
                    lunch = (decision[0], len(visits), decision[1])
                    if not decision[1]:
                        idle = max(idle, decision[0] - clock)
                        clock = decision[0] + problem.lunch.minutes
        if last:
            break
        arrive = clock + t[here, node]
        drive += t[here, node]
        ready = arrive
        if eat_on_arrival and lunch is not None and problem.lunch is not None:
            idle = max(idle, lunch[0] - arrive)
            ready = lunch[0] + problem.lunch.minutes
        start = max(ready, problem.opens[day, node])
        if start < INF:  # a place closed that day gives no time at all; the checker names it
            idle = max(idle, start - ready)
        depart = start + problem.nodes[node].service
        visits.append(Visit(node, arrive, start, depart))
        clock, here = depart, node
    drive += t[here, end]
    return DayPlan(
        begin,
        end,
        tuple(visits),
        clock + t[here, end],
        drive,
        lunch=None if lunch is None else lunch[0],
        lunch_after=-1 if lunch is None else lunch[1],
        lunch_inside=lunch is not None and lunch[2],
        lunch_missing=missing,
        lunch_on_arrival=on_arrival,
        leave=leave,
        longest_wait=idle,
    )


def _lunch_on_arrival(problem: Problem, clock: float, due: float, arrive: float) -> float | None:
    """Where lunch due at ``due`` would mean idling from ``clock`` longer than the problem allows: when lunch
    starts instead at the end of the next drive (arriving at ``arrive``), if that idles less; else None."""
    rule, limit = problem.lunch, problem.max_wait
    if rule is None or limit is None or due - clock <= limit:
        return None
    later = max(arrive, rule.earliest)
    return later if later <= rule.latest and later - arrive < due - clock else None


def _lunch_here(
    problem: Problem, visits: list[Visit], clock: float, ahead: tuple[float, float] | None
) -> tuple[float, bool] | str | None:
    """Lunch after the visits so far (leaving at ``clock``): its start and whether it is inside the last
    visit; "missing" when it is due and does not fit; None when it is not due yet or not needed.

    ``ahead`` is when the next visit would start and end without lunch (None when the next stop is the
    night's)."""
    rule = problem.lunch
    if rule is None or visits[0].start >= rule.midday:
        return None  # no lunch hour, or no visit before midday
    if ahead is None:
        if clock <= rule.midday:
            return None  # every visit ended before midday
    elif clock < rule.earliest and (ahead[1] <= rule.latest or _holds_lunch(rule, *ahead)):
        return None  # the next gap comes soon enough, or the next visit holds lunch
    begin = max(clock, rule.earliest)
    if begin <= rule.latest:
        return begin, False
    previous = visits[-1]
    if _holds_lunch(rule, previous.start, previous.depart):
        return max(previous.start, rule.earliest), True
    return "missing"


def _holds_lunch(rule: Lunch, start: float, depart: float) -> bool:
    """A visit long enough to eat inside, spanning an hour that starts within the lunch times."""
    if depart == math.inf:  # a place closed that day: no visit, no lunch inside it
        return False
    begin = max(start, rule.earliest)
    return depart - start >= rule.inside and begin <= rule.latest and begin + rule.minutes <= depart


def day_violations(problem: Problem, day: int, plan: DayPlan) -> list[str]:
    """What a timetable breaks of the day's rules: opening windows, the lunch hour, the day's end, the cap."""
    spec = problem.days[day]
    errors = [
        f"day {day + 1}: {problem.nodes[v.node].key} starts at {v.start:.1f}, after {problem.closes[day, v.node]}"
        for v in plan.visits
        if v.start > problem.closes[day, v.node] + EPS
    ]
    if plan.lunch_missing:
        errors.append(f"day {day + 1}: no room for a lunch hour starting between the lunch times")
    if problem.max_wait is not None and plan.longest_wait > problem.max_wait + EPS:
        errors.append(f"day {day + 1} waits {plan.longest_wait:.1f} min, limit {problem.max_wait}")
    if plan.end_arrive > spec.end + EPS:
        errors.append(f"day {day + 1} ends at {plan.end_arrive:.1f}, after {spec.end}")
    if plan.drive > spec.max_drive + EPS:
        errors.append(f"day {day + 1} drives {plan.drive:.1f} min, limit {spec.max_drive}")
    return errors


def day_fits(problem: Problem, day: int, plan: DayPlan) -> bool:
    return not day_violations(problem, day, plan)
