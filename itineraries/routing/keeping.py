"""Re-plans that change as little as they must: some days stay exactly as they were, the others are solved
again between the nights that the kept days fix."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from itineraries.routing.plan import DayPlan, Plan, schedule_day
from itineraries.routing.problem import Problem
from itineraries.routing.solver import Progress, solve
from itineraries.routing.stopping import StoppingCriterion


def _runs(days: int, keep: frozenset[int]) -> list[tuple[int, int]]:
    """Runs (first, last) of consecutive days not kept."""
    runs, first = [], None
    for d in range(days + 1):
        free = d < days and d not in keep
        if free and first is None:
            first = d
        elif not free and first is not None:
            runs.append((first, d - 1))
            first = None
    return runs


def _part(problem: Problem, first: int, last: int, begin: int, end: int | None, taken: set[int]) -> Problem:
    """Days first..last of the trip as a problem of their own: from begin to end, places of kept days out."""
    nodes = tuple(
        replace(node, windows=node.windows[first : last + 1]) if node.windows else node for node in problem.nodes
    )
    return replace(
        problem,
        nodes=nodes,
        days=problem.days[first : last + 1],
        start=begin,
        end=end,
        avoid=problem.avoid | taken,
        must=problem.must - taken,
    )


def solve_keeping(
    problem: Problem,
    stop: StoppingCriterion,
    *,
    previous: Sequence[Sequence[int]],
    nights: Sequence[int],
    keep: frozenset[int],
    seed: int = 0,
    progress: Progress | None = None,
) -> Plan:
    """Days in ``keep`` (0-based) visit what they visited in ``previous`` and end where ``nights`` says; every
    other run of days is solved again (warm-started from the previous plan) between the kept nights."""
    n = problem.n_days
    taken = {v for d in keep for v in previous[d]}
    plans: list[DayPlan | None] = [None] * n
    iterations, seconds = 0, 0.0
    for first, last in _runs(n, keep):
        begin = problem.start if first == 0 else nights[first - 1]
        end = problem.end if last == n - 1 else nights[last]
        part = _part(problem, first, last, begin, end, taken)
        warm = [[v for v in previous[d] if v not in taken and v not in problem.avoid] for d in range(first, last + 1)]
        solved = solve(
            part, stop, seed=seed, progress=progress, warm_start=warm, warm_nights=list(nights[first : last + 1])
        )
        iterations, seconds = iterations + solved.iterations, seconds + solved.seconds
        taken |= set(solved.visited)
        for k, day in enumerate(solved.days):
            plans[first + k] = day
    for d in sorted(keep):
        begin = problem.start if d == 0 else nights[d - 1]
        end = nights[d] if d < n - 1 or problem.end is None else problem.end
        plans[d] = schedule_day(problem, d, begin, end, list(previous[d]))
    days = tuple(p for p in plans if p is not None)
    visited = {v.node for day in days for v in day.visits}
    return Plan(
        days=days,
        score=sum(problem.nodes[v].score for v in visited),
        drive=sum(day.drive for day in days),
        iterations=iterations,
        seconds=seconds,
        missing_must=tuple(sorted(m for m in problem.must if m not in visited)),
    )
