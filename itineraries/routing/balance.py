"""Balanced days: no empty or thin day beside a busy one.

The objective is indifferent to how visits spread over days, and a day spent at the base drives less than
one that goes out and comes back, so the search can leave a day empty (or with one visit) beside a full
one. A tourist would rather split them. For each empty day next to a day with two or more visits, and each
two days whose numbers of visits differ by three or more, the two days' visits are split again in their
order, with the night between them at any lodging, where both days still keep every rule; the split that
leaves the busier day least busy wins, then the one that drives least. An empty day before a day of one
visit, with more visits later, first trades places with it (the visit moves a day earlier), so that the
empty day moves on until it sits beside a busy day it can share. An empty day that still sits apart from a
day of three or more visits takes a run of that day's visits, where both days keep their nights and rules.
Nothing is added or lost: the same places, on the same trip.
"""

from __future__ import annotations

from dataclasses import replace

from itineraries.routing import areas
from itineraries.routing.lunch import two_days_around
from itineraries.routing.plan import DayPlan, Plan, day_fits, schedule_day
from itineraries.routing.problem import Problem

# A split may add this much road cost to the two days: 90 minutes at the wheel; a rider, whose hours in the
# saddle cost little (trips/selectors.RIDING_COST_SHARE), may ride on as far as the days' caps allow.
MAX_EXTRA_DRIVE = 90.0
CAR_ROAD_COST = 8.0 / 60
UNEVEN = 3  # two days whose numbers of visits differ by this much are split again
FULL = 3  # an empty day anywhere in the trip takes a share of a day this busy


def _extra_allowed(problem: Problem) -> float:
    """Minutes a split may add: 90, or more where an hour on the road costs less than one at the wheel."""
    if problem.road_cost <= 0:
        return MAX_EXTRA_DRIVE
    return MAX_EXTRA_DRIVE * max(1.0, CAR_ROAD_COST / problem.road_cost)


def _split(problem: Problem, d: int, first: DayPlan, second: DayPlan) -> tuple[DayPlan, DayPlan] | None:
    """The best split of the visits of days ``d`` and ``d + 1`` (one of them empty) between the two, or None."""
    stops = [v.node for v in (*first.visits, *second.visits)]
    best: tuple[tuple[int, float], DayPlan, DayPlan] | None = None
    for night in problem.night_options(d):
        for k in range(1, len(stops)):
            timed = two_days_around(problem, d, first.begin, night, second.end, stops[:k], stops[k:])
            if timed is None:
                continue
            one, two = timed
            extra = one.drive + two.drive - first.drive - second.drive
            if extra > _extra_allowed(problem):
                continue
            rank = (max(k, len(stops) - k), extra)
            if best is None or rank < best[0]:
                best = (rank, one, two)
    return None if best is None else (best[1], best[2])


def _shifted(problem: Problem, d: int, first: DayPlan, second: DayPlan) -> tuple[DayPlan, DayPlan] | None:
    """Days ``d`` (empty) and ``d + 1`` with all the visits moved to day ``d``, the empty day now ``d + 1``."""
    stops = [v.node for v in second.visits]
    best: tuple[float, DayPlan, DayPlan] | None = None
    for night in problem.night_options(d):
        timed = two_days_around(problem, d, first.begin, night, second.end, stops, [])
        if timed is None:
            continue
        extra = timed[0].drive + timed[1].drive - first.drive - second.drive
        if extra <= _extra_allowed(problem) and (best is None or extra < best[0]):
            best = (extra, *timed)
    return None if best is None else (best[1], best[2])


def _lent(problem: Problem, days: list[DayPlan], d: int, k: int) -> tuple[DayPlan, DayPlan] | None:
    """Empty day ``d`` given a run of day ``k``'s visits, both days keeping their nights: the run that leaves
    the busier of the two least busy, then drives least; None when none fits."""
    stops = [v.node for v in days[k].visits]
    tours = [[v.node for v in day.visits] for day in days]
    best: tuple[tuple[int, float], DayPlan, DayPlan] | None = None
    for i in range(len(stops)):
        for j in range(i + 1, min(len(stops), i + len(stops) - 1) + 1):
            run, rest = stops[i:j], stops[:i] + stops[j:]
            if not rest:
                continue
            trial = [*tours]
            trial[d], trial[k] = run, rest
            if areas.violations(problem, trial, [(day.begin, day.end) for day in days]):
                continue
            given = schedule_day(problem, d, days[d].begin, days[d].end, run)
            kept = schedule_day(problem, k, days[k].begin, days[k].end, rest)
            if not (day_fits(problem, d, given) and day_fits(problem, k, kept)):
                continue
            extra = given.drive + kept.drive - days[d].drive - days[k].drive
            if extra > _extra_allowed(problem):
                continue
            rank = (max(len(run), len(rest)), extra)
            if best is None or rank < best[0]:
                best = (rank, given, kept)
    return None if best is None else (best[1], best[2])


def _empty_days_filled(problem: Problem, days: list[DayPlan]) -> bool:
    for d, day in enumerate(days):
        if day.visits:
            continue
        for k in sorted(range(len(days)), key=lambda e: abs(e - d)):
            if len(days[k].visits) >= FULL:
                lent = _lent(problem, days, d, k)
                if lent is not None:
                    days[d], days[k] = lent
                    return True
    return False


def balanced(problem: Problem, plan: Plan) -> Plan:
    """``plan`` with each empty or thin day sharing the visits of a busy day beside it (a rest day, whose
    window is empty, takes none)."""
    days = list(plan.days)
    changed = True
    while changed:
        changed = False
        for d in range(len(days) - 1):
            if not days[d].visits and days[d + 1].visits and any(day.visits for day in days[d + 2 :]):
                shift = _shifted(problem, d, days[d], days[d + 1])
                if shift is not None:  # the empty day moves on, towards a busy day it can share
                    days[d], days[d + 1] = shift
                    changed = True
                    continue
            fewer, more = sorted((len(days[d].visits), len(days[d + 1].visits)))
            if not (fewer == 0 and more >= 2) and more - fewer < UNEVEN:
                continue
            split = _split(problem, d, days[d], days[d + 1])
            if split is not None and max(len(split[0].visits), len(split[1].visits)) < more:
                days[d], days[d + 1] = split
                changed = True
        changed = changed or _empty_days_filled(problem, days)
    if days == list(plan.days):
        return plan
    return replace(plan, days=tuple(days), drive=sum(day.drive for day in days))
