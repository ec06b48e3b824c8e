"""Where a trip is computed: the catalogue's problem for a request, solved, checked, and made public.

A re-plan changes as little as it must: days that hold no dropped place stay as they were, a new must-see
goes into the one day where it fits best, and only when no single day can take it is the trip re-planned
whole (warm-started from the old plan). Days the tourist locked (``keep_days``) never change.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace

from itineraries.routing import Plan, Problem, StoppingCriterion, check, schedule_day, solve, solve_keeping
from itineraries.routing.plan import day_fits
from itineraries.trips import selectors
from itineraries.trips.editing import plan_as_given
from itineraries.trips.errors import PlanError
from itineraries.trips.request import PlanRequest
from itineraries.trips.results import plan_to_result
from itineraries.trips.trip_result import TripResult

EXHAUSTIVE_ORDER_PLACES = 7  # a day of at most this many places is re-ordered by trying every order


def _fits_all(plan: Plan, context: selectors.PlanContext) -> bool:
    return not plan.missing_must and not check(context.problem, plan)


def _without_dropped(context: selectors.PlanContext, stop: StoppingCriterion) -> Plan:
    """The previous plan with only the dropped places taken out: every other stop on its day, in its order, each
    day re-timed between the same nights."""
    problem, previous, nights = context.problem, context.warm_start, context.previous_nights
    assert previous is not None
    assert nights is not None
    trimmed = [[v for v in day if v not in problem.avoid] for day in previous]
    every_day = frozenset(range(problem.n_days))
    return solve_keeping(problem, stop, previous=trimmed, nights=nights, keep=every_day)


def _no_worse_without_dropped(context: selectors.PlanContext, stop: StoppingCriterion, replanned: Plan) -> Plan:
    """After a drop that had to re-plan the trip (a must-see the old plan could not fit either, say), the old
    plan without the dropped place is kept instead when it breaks no rule and misses no must-see the new plan
    reaches."""
    request = context.request
    dropped = {s for day in request.previous for s in day} & set(request.avoid)
    if not dropped or context.previous_nights is None or request.keep_days:
        return replanned
    plain = _without_dropped(context, stop)
    if set(plain.missing_must) <= set(replanned.missing_must) and not check(context.problem, plain):
        return plain
    return replanned


def _replan(context: selectors.PlanContext, stop: StoppingCriterion, locked: frozenset[int]) -> Plan | None:
    """The least change to the previous plan that serves the request, or None to plan afresh."""
    problem, request = context.problem, context.request
    previous, nights = context.warm_start, context.previous_nights
    if previous is None or nights is None:
        return None
    dropped_from = {d for d, day in enumerate(request.previous) if set(day) & set(request.avoid)}
    keep = frozenset(range(problem.n_days)) - dropped_from
    # Must-sees already in the plan stay where they are like any other place; only new ones need a day.
    missing = set(problem.must) - {v for day in previous for v in day}

    def attempt_on(problem: Problem, days: frozenset[int]) -> Plan:
        return solve_keeping(problem, stop, previous=previous, nights=nights, keep=days | locked, seed=request.seed)

    def attempt(days: frozenset[int]) -> Plan:
        return attempt_on(problem, days)

    if not missing:
        # A drop removes that place, not its neighbours: the days that held it are planned again (a new place
        # may fill the gap) keeping their other places; failing that, the place is only taken out.
        plan = attempt(keep)
        fits = _fits_all(plan, context)
        stay = {v for d in dropped_from for v in previous[d]} - problem.avoid
        if fits and stay <= set(plan.visited):
            return plan
        firm = attempt_on(replace(problem, must=problem.must | stay), keep)
        if _fits_all(firm, context):
            return firm
        plain = _without_dropped(context, stop)
        if _fits_all(plain, context):
            return plain
        if fits:
            return plan
    else:
        best: Plan | None = None
        for d in sorted(keep - locked):
            plan = attempt(keep - {d})
            if _fits_all(plan, context) and (best is None or plan.score > best.score):
                best = plan
        if best is not None:
            return best
    # No least change serves: only the locked days stay, the rest is planned again.
    return attempt(frozenset()) if locked else None


def _best_order(problem: Problem, day: int, begin: int, end: int, places: list[int]) -> list[int] | None:
    """The order of a day's few places that keeps every rule of the day and drives least, tried exhaustively
    (the search plans without lunch or waits and may only find orders that lunch then breaks)."""
    best: tuple[float, list[int]] | None = None
    for order in itertools.permutations(places):
        timed = schedule_day(problem, day, begin, end, list(order))
        if day_fits(problem, day, timed) and (best is None or timed.drive < best[0]):
            best = (timed.drive, list(order))
    return None if best is None else best[1]


def _reorder_day(context: selectors.PlanContext, stop: StoppingCriterion, day: int) -> Plan | None:
    """One day re-ordered with the same places; the other days and the nights stay."""
    problem, previous, nights = context.problem, context.warm_start, context.previous_nights
    if previous is None or nights is None or not 0 <= day < problem.n_days:
        return None
    keep_all = frozenset(range(problem.n_days))
    if len(previous[day]) <= EXHAUSTIVE_ORDER_PLACES:
        begin = problem.start if day == 0 else nights[day - 1]
        order = _best_order(problem, day, begin, nights[day], previous[day])
        if order is not None:
            ordered = [order if d == day else list(route) for d, route in enumerate(previous)]
            return solve_keeping(problem, stop, previous=ordered, nights=nights, keep=keep_all)
    in_trip = {v for route in previous for v in route}
    others = frozenset(problem.candidates) - in_trip
    focused = replace(problem, must=problem.must | set(previous[day]), avoid=problem.avoid | others)
    keep = frozenset(range(problem.n_days)) - {day}
    plan = solve_keeping(focused, stop, previous=previous, nights=nights, keep=keep, seed=context.request.seed)
    return plan if not plan.missing_must else None


def plan_make(
    *, request: PlanRequest, solver_seconds: float, progress: Callable[[float, Plan], None] | None = None
) -> TripResult:
    """Solve a request against the current catalogue and return its result."""
    if request.as_given:
        return plan_as_given(request=request)
    context = selectors.problem_for_request(request)
    stop = selectors.plan_stop(solver_seconds=solver_seconds)
    locked = frozenset(d - 1 for d in request.keep_days if 1 <= d <= request.days)
    plan = _reorder_day(context, stop, request.reorder_day - 1) if request.reorder_day else None
    if plan is not None:
        violations = check(context.problem, plan)
        if not violations:
            return plan_to_result(plan, context)
    plan = _replan(context, stop, locked)
    if plan is None:
        plan = solve(
            context.problem,
            stop,
            seed=request.seed,
            progress=progress,
            warm_start=context.warm_start,
        )
        if plan.missing_must and context.warm_start is not None:
            # The old plan's nights can trap the search away from a far new must-see; a cold start may reach it.
            cold = solve(context.problem, stop, seed=request.seed, progress=progress)
            if (len(cold.missing_must), -cold.score) < (len(plan.missing_must), -plan.score):
                plan = cold
        plan = _no_worse_without_dropped(context, stop, plan)
    violations = check(context.problem, plan)
    if violations:
        raise PlanError("The optimiser produced an infeasible plan: " + violations[0])
    return plan_to_result(plan, context)
