"""Where the app's plan loses to a ten times longer search: the lodgings chosen, or the days between them.

    python -m benchmarks.nights [--runs 40] [--date 2027-01-25]

For each of ``benchmarks.planning``'s 5-day trips that the 10x search improves, the app's and the longer
search's lodging sequences are each held fixed and searched again (``--budget`` times the app's iteration
budget, best of ``--seeds`` seeds). If the app's own lodgings give no more than the app found, its days
were already the best for those nights and the loss is in the choice of lodgings; if the longer search's
lodgings, fixed, give its score back, that lodging sequence is all the app missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass, fields
from multiprocessing import Pool

from benchmarks.convergence import _solve
from benchmarks.django_env import setup
from benchmarks.planning import requests
from itineraries.routing import MaxIterations, MaxRuntime, NoImprovement, Problem, solve


@dataclass(frozen=True)
class NightsFixed(Problem):
    """The same trip with night ``d`` spent at ``fixed[d]``."""

    fixed: tuple[int, ...] = ()

    def night_options(self, day: int) -> tuple[int, ...]:
        return (self.fixed[day],)


def _best_with_nights(problem: Problem, nights, iterations: int, stall: int, seeds: int) -> float:
    same = {f.name: getattr(problem, f.name) for f in fields(problem)}
    fixed = NightsFixed(**same, fixed=tuple(nights))
    return max(_solve((fixed, seed, iterations, stall)) for seed in range(seeds))


def _diagnose(job: tuple) -> tuple:
    problem, seed, iterations, stall, budget, seeds = job
    app = solve(problem, MaxRuntime(1000) | MaxIterations(iterations) | NoImprovement(stall), seed=seed)
    longer = solve(problem, MaxRuntime(1000) | MaxIterations(iterations * 10) | NoImprovement(stall * 10), seed=seed)
    app_nights = [day.end for day in app.days]
    long_nights = [day.end for day in longer.days]
    small = (max(1, int(iterations * budget)), max(1, int(stall * budget)))
    return (
        app.score,
        longer.score,
        _best_with_nights(problem, app_nights, *small, seeds),
        _best_with_nights(problem, long_nights, *small, seeds),
        sum(a != b for a, b in zip(app_nights, long_nights, strict=True)),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date(2027, 1, 25))
    parser.add_argument("--budget", type=float, default=0.3)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    setup()
    from itineraries.trips import selectors

    jobs = []
    for request in requests(args.runs, date=args.date):
        context = selectors.problem_for_request(request)
        limits = (selectors.MAX_ITERATIONS, selectors.STALL_ITERATIONS)
        jobs.append((context.problem, request.seed, *limits, args.budget, args.seeds))
    with Pool(args.processes) as pool:
        rows = pool.map(_diagnose, jobs)
    eps = 1e-9
    missed = [row for row in rows if row[1] > row[0] + eps]
    days_best = sum(row[2] <= row[0] + eps for row in missed)
    nights_enough = sum(row[3] >= row[1] - eps for row in missed)
    differing = [row[4] for row in missed]
    print(f"{len(rows)} requests on {args.date}; the 10x search beats the app's plan in {len(missed)}")
    print(f"  app's days already the best for its own lodgings (fixed, re-searched): {days_best}/{len(missed)}")
    print(f"  the 10x lodgings alone, fixed, give the 10x score back:                {nights_enough}/{len(missed)}")
    print(f"  nights that differ between the two plans: {sorted(differing)}")


if __name__ == "__main__":
    main()
