"""Where a trip is computed: the catalogue's problem for a request, solved, checked, and made public.

A re-plan changes as little as it must: days that hold no dropped place stay as they were, a new must-see
goes into the one day where it fits best, and only when no single day can take it is the trip re-planned
whole (warm-started from the old plan). Days the tourist locked (``keep_days``) never change.
"""

from __future__ import annotations

from collections.abc import Callable

from itineraries.routing import Plan, StoppingCriterion, check, solve, solve_keeping
from itineraries.trips import selectors
from itineraries.trips.errors import PlanError
from itineraries.trips.request import PlanRequest
from itineraries.trips.results import plan_to_result


def _fits_all(plan: Plan, context: selectors.PlanContext) -> bool:
    return not plan.missing_must and not check(context.problem, plan)


def _replan(context: selectors.PlanContext, stop: StoppingCriterion, locked: frozenset[int]) -> Plan | None:
    """The least change to the previous plan that serves the request, or None to plan afresh."""
    problem, request = context.problem, context.request
    previous, nights = context.warm_start, context.previous_nights
    if previous is None or nights is None:
        return None
    dropped_from = {d for d, day in enumerate(request.previous) if set(day) & set(request.avoid)}
    keep = frozenset(range(problem.n_days)) - dropped_from
    kept_places = {v for d in keep for v in previous[d]}
    missing = set(problem.must) - kept_places

    def attempt(days: frozenset[int]) -> Plan:
        return solve_keeping(problem, stop, previous=previous, nights=nights, keep=days | locked, seed=request.seed)

    if not missing:
        plan = attempt(keep)
        if _fits_all(plan, context):
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


def plan_make(
    *, request: PlanRequest, solver_seconds: float, progress: Callable[[float, Plan], None] | None = None
) -> dict:
    """Solve a request against the current catalogue and return the public result."""
    context = selectors.problem_for_request(request)
    stop = selectors.plan_stop(solver_seconds=solver_seconds)
    locked = frozenset(d - 1 for d in request.keep_days if 1 <= d <= request.days)
    plan = _replan(context, stop, locked)
    if plan is None:
        plan = solve(
            context.problem,
            stop,
            seed=request.seed,
            progress=progress,
            warm_start=context.warm_start,
        )
    violations = check(context.problem, plan)
    if violations:
        raise PlanError("The optimiser produced an infeasible plan: " + violations[0])
    return plan_to_result(plan, context)
