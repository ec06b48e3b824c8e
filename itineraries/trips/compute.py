"""Where a trip is computed: the catalogue's problem for a request, solved, checked, and made public.

A re-plan changes as little as it must: days that hold no dropped place stay as they were, a new must-see
goes into the one day where it fits best, and only when no single day can take it is the trip re-planned
whole (warm-started from the old plan). Days the tourist locked (``keep_days``) never change.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace

from itineraries.routing import Plan, Problem, StoppingCriterion, check, schedule_day, solve, solve_keeping
from itineraries.routing.plan import day_fits
from itineraries.routing.solver import Progress
from itineraries.trips import selectors
from itineraries.trips.editing import plan_as_given
from itineraries.trips.errors import PlanError
from itineraries.trips.replans import Command, DropPlaces, PinPlaces, ReorderDay, command_for
from itineraries.trips.request import PlanRequest
from itineraries.trips.results import plan_to_result
from itineraries.trips.trip_result import TripResult

EXHAUSTIVE_ORDER_PLACES = 7  # a day of at most this many places is re-ordered by trying every order


@dataclass
class Solving:
    """What every solve of one request shares: the problem, one stopping rule whose time limit all of them
    share, and one progress report (which is also the running row's heartbeat)."""

    context: selectors.PlanContext
    stop: StoppingCriterion
    progress: Progress | None = None
    reached: float = 0.0

    def report(self, fraction: float, plan: Plan) -> None:
        """A solve's progress as the request's: never going back when the next solve starts its count, and
        short of 1 (that is for the stored result)."""
        self.reached = max(self.reached, min(fraction, 0.99))
        if self.progress is not None:
            self.progress(self.reached, plan)

    def keeping(
        self,
        problem: Problem,
        previous: Sequence[Sequence[int]],
        nights: Sequence[int],
        keep: frozenset[int],
        seed: int = 0,
    ) -> Plan:
        return solve_keeping(
            problem, self.stop, previous=previous, nights=nights, keep=keep, seed=seed, progress=self.report
        )


def _fits_all(plan: Plan, context: selectors.PlanContext) -> bool:
    return not plan.missing_must and not check(context.problem, plan)


def _without_dropped(solving: Solving) -> Plan:
    """The previous plan with only the dropped places taken out: every other stop on its day, in its order, each
    day re-timed between the same nights."""
    problem = solving.context.problem
    previous, nights, _dropped_from = _saved(solving.context)
    trimmed = [[v for v in day if v not in problem.avoid] for day in previous]
    return solving.keeping(problem, trimmed, nights, frozenset(range(problem.n_days)))


def _no_worse_without_dropped(solving: Solving, replanned: Plan) -> Plan:
    """After a drop that had to re-plan the trip (a must-see the old plan could not fit either, say), the old
    plan without the dropped place is kept instead when it breaks no rule and misses no must-see the new plan
    reaches."""
    context = solving.context
    request = context.request
    dropped = {s for day in request.previous for s in day} & set(request.avoid)
    if not dropped or context.previous_nights is None or request.keep_days:
        return replanned
    plain = _without_dropped(solving)
    if set(plain.missing_must) <= set(replanned.missing_must) and not check(context.problem, plain):
        return plain
    return replanned


def _saved(context: selectors.PlanContext) -> tuple[list[list[int]], list[int], set[int]]:
    """The saved plan a change starts from: its days, its nights, and the days holding a dropped place."""
    previous, nights, request = context.warm_start, context.previous_nights, context.request
    if previous is None or nights is None:
        raise ValueError("a change to a saved plan needs the saved plan")
    return previous, nights, {d for d, day in enumerate(request.previous) if set(day) & set(request.avoid)}


def _drop(solving: Solving, command: DropPlaces) -> Plan | None:
    """A drop takes that place out, not its neighbours: the days that held it are planned again (a new place
    may fill the gap) keeping their other places; failing that, the place is only taken out."""
    context = solving.context
    problem, request = context.problem, context.request
    previous, nights, dropped_from = _saved(context)
    keep = frozenset(range(problem.n_days)) - dropped_from

    def attempt(on: Problem) -> Plan:
        return solving.keeping(on, previous, nights, keep | command.locked, seed=request.seed)

    plan = attempt(problem)
    fits = _fits_all(plan, context)
    stay = {v for d in dropped_from for v in previous[d]} - problem.avoid
    if fits and stay <= set(plan.visited):
        return plan
    firm = attempt(replace(problem, must=problem.must | stay))
    if _fits_all(firm, context):
        return firm
    plain = _without_dropped(solving)
    if _fits_all(plain, context):
        return plain
    return plan if fits else _locked_only(solving, command.locked)


def _pin(solving: Solving, command: PinPlaces) -> Plan | None:
    """New must-sees go into the one day where they fit best, the other days kept; must-sees already in the
    plan stay where they are like any other place."""
    context = solving.context
    problem, request = context.problem, context.request
    previous, nights, dropped_from = _saved(context)
    keep = frozenset(range(problem.n_days)) - dropped_from
    best: Plan | None = None
    for d in sorted(keep - command.locked):
        plan = solving.keeping(problem, previous, nights, keep - {d} | command.locked, request.seed)
        if _fits_all(plan, context) and (best is None or plan.score > best.score):
            best = plan
    return best if best is not None else _locked_only(solving, command.locked)


def _locked_only(solving: Solving, locked: frozenset[int]) -> Plan | None:
    """No least change serves: only the locked days stay, the rest is planned again (None: plan afresh)."""
    context = solving.context
    if not locked:
        return None
    return solving.keeping(
        context.problem, context.warm_start or [], context.previous_nights or [], locked, context.request.seed
    )


def _best_order(problem: Problem, day: int, begin: int, end: int, places: list[int]) -> list[int] | None:
    """The order of a day's few places that keeps every rule of the day and drives least, tried exhaustively
    (the search plans without lunch or waits and may only find orders that lunch then breaks)."""
    best: tuple[float, list[int]] | None = None
    for order in itertools.permutations(places):
        timed = schedule_day(problem, day, begin, end, list(order))
        if day_fits(problem, day, timed) and (best is None or timed.drive < best[0]):
            best = (timed.drive, list(order))
    return None if best is None else best[1]


def _reorder_day(solving: Solving, command: ReorderDay) -> Plan | None:
    """One day re-ordered with the same places; the other days and the nights stay."""
    context, day = solving.context, command.day
    problem, previous, nights = context.problem, context.warm_start, context.previous_nights
    if previous is None or nights is None or not 0 <= day < problem.n_days:
        return None
    keep_all = frozenset(range(problem.n_days))
    if len(previous[day]) <= EXHAUSTIVE_ORDER_PLACES:
        begin = problem.start if day == 0 else nights[day - 1]
        order = _best_order(problem, day, begin, nights[day], previous[day])
        if order is not None:
            ordered = [order if d == day else list(route) for d, route in enumerate(previous)]
            return solving.keeping(problem, ordered, nights, keep_all)
    in_trip = {v for route in previous for v in route}
    others = frozenset(problem.candidates) - in_trip
    focused = replace(problem, must=problem.must | set(previous[day]), avoid=problem.avoid | others)
    keep = frozenset(range(problem.n_days)) - {day}
    plan = solving.keeping(focused, previous, nights, keep, context.request.seed)
    return plan if not plan.missing_must else None


def _fresh(solving: Solving) -> Plan:
    """The whole trip planned (warm-started from the old plan when there is one)."""
    context, request = solving.context, solving.context.request
    problem, stop, report = context.problem, solving.stop, solving.report
    plan = solve(problem, stop, seed=request.seed, progress=report, warm_start=context.warm_start)
    if plan.missing_must and context.warm_start is not None:
        # The old plan's nights can trap the search away from a far new must-see; a cold start may reach it.
        cold = solve(problem, stop, seed=request.seed, progress=report)
        if (len(cold.missing_must), -cold.score) < (len(plan.missing_must), -plan.score):
            plan = cold
    return _no_worse_without_dropped(solving, plan)


def _run(solving: Solving, command: Command) -> Plan:
    """The command's plan; a re-order that cannot keep every rule falls back to a re-plan, and a re-plan that
    finds no least change to planning afresh."""
    plan: Plan | None = None
    if isinstance(command, ReorderDay):
        plan = _reorder_day(solving, command)
        if plan is not None and check(solving.context.problem, plan):
            plan = None
        command = command_for(solving.context, reorder=False)
    if plan is None and isinstance(command, DropPlaces):
        plan = _drop(solving, command)
    elif plan is None and isinstance(command, PinPlaces):
        plan = _pin(solving, command)
    return plan if plan is not None else _fresh(solving)


def plan_make(*, request: PlanRequest, solver_seconds: float, progress: Progress | None = None) -> TripResult:
    """Solve a request against the current catalogue and return its result. Every solve it needs shares
    ``solver_seconds`` and reports to ``progress``."""
    if request.as_given:
        return plan_as_given(request=request)
    context = selectors.problem_for_request(request)
    solving = Solving(context, selectors.plan_stop(solver_seconds=solver_seconds), progress)
    plan = _run(solving, command_for(context))
    violations = check(context.problem, plan)
    if violations:
        raise PlanError("The optimiser produced an infeasible plan: " + violations[0])
    return plan_to_result(plan, context)
