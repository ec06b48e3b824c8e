"""Where a trip is computed: the catalogue's problem for a request, solved, checked, and made public."""

from __future__ import annotations

from collections.abc import Callable

from itineraries.routing import Plan, check, solve
from itineraries.trips import selectors
from itineraries.trips.errors import PlanError
from itineraries.trips.request import PlanRequest
from itineraries.trips.results import plan_to_result


def plan_make(
    *, request: PlanRequest, solver_seconds: float, progress: Callable[[float, Plan], None] | None = None
) -> dict:
    """Solve a request against the current catalogue and return the public result."""
    context = selectors.problem_for_request(request)
    plan = solve(
        context.problem,
        selectors.plan_stop(solver_seconds=solver_seconds),
        seed=request.seed,
        progress=progress,
        warm_start=context.warm_start,
    )
    violations = check(context.problem, plan)
    if violations:
        raise PlanError("The optimiser produced an infeasible plan: " + violations[0])
    return plan_to_result(plan, context)
