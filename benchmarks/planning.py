"""In-app optimiser speed and convergence: 5-day trips over the whole seeded catalogue.

    python -m benchmarks.planning [--runs 40] [--seed-sets 1] [--date YYYY-MM-DD]

For each request: the solve time to the final plan (warm network and matrix, the app's own stopping rule),
the whole service call (problem building + solve + result), and the score found with ten times the
iteration budget and stall limit, to show the app's rule stops at a plan a longer search does not beat.
Which requests a longer search improves depends a lot on the seed, so ``--seed-sets K`` solves every
request under K seeds (n, n + runs, ...) and reports the count per set as well as the total.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time

from benchmarks.django_env import setup


def requests(runs: int, days: int = 5, date: dt.date | None = None, seed_set: int = 0) -> list:
    """The benchmark's trips: five starts x five interest sets, mostly by car, one in four by e-bike."""
    from itineraries.trips.request import PlanRequest

    starts = ["pingyao-ancient-city", "jincheng", "taiyuan", "yangcheng", "zuoquan"]
    interest_sets = [("heritage", "temples"), ("cycling", "nature"), ("wellness",), ("villages", "painting"), ()]
    modes = ["car", "car", "car", "ebike"]
    date = date or dt.date.today() + dt.timedelta(days=60)
    return [
        PlanRequest(
            start=starts[n % 5],
            days=days,
            date=date,
            interests=interest_sets[(n // 5) % 5],
            mode=modes[n % 4],
            seed=n + runs * seed_set,
        )
        for n in range(runs)
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--days", type=int, default=5)
    parser.add_argument("--seed-sets", type=int, default=1)
    parser.add_argument("--date", type=dt.date.fromisoformat, help="trip start (default: 60 days from today)")
    args = parser.parse_args()
    setup()
    from itineraries.routing import MaxIterations, MaxRuntime, NoImprovement, check, solve
    from itineraries.routing.solver import warm_up
    from itineraries.trips import selectors
    from itineraries.trips.compute import plan_make

    warm_up()

    solve_ms, service_ms, longer = [], [], []
    better = [0] * args.seed_sets
    all_requests = [r for k in range(args.seed_sets) for r in requests(args.runs, args.days, args.date, k)]
    for n, request in enumerate(all_requests):
        context = selectors.problem_for_request(request)  # warms network and matrix for this mode
        started = time.perf_counter()
        plan = solve(
            context.problem,
            selectors.plan_stop(solver_seconds=10),
            seed=request.seed,
        )
        solve_ms.append((time.perf_counter() - started) * 1000)
        assert check(context.problem, plan) == []
        started = time.perf_counter()
        plan_make(request=request, solver_seconds=10)
        service_ms.append((time.perf_counter() - started) * 1000)
        long_plan = solve(
            context.problem,
            MaxRuntime(100)
            | MaxIterations(selectors.MAX_ITERATIONS * 10)
            | NoImprovement(selectors.STALL_ITERATIONS * 10),
            seed=request.seed,
        )
        longer.append(long_plan.score - plan.score)
        better[n // args.runs] += long_plan.score > plan.score + 1e-9

    def p(values, q):
        return statistics.quantiles(values, n=100)[q - 1]

    print(
        f"{args.runs} requests, {args.days} days each, whole catalogue ({len(context.problem.candidates)} sights, "
        f"{len(context.problem.lodgings)} lodgings), {args.seed_sets} seed set(s), trips from {all_requests[0].date}"
    )
    print(
        f"solve to final plan   p50 {p(solve_ms, 50):6.0f} ms   p95 {p(solve_ms, 95):6.0f} ms"
        f"   max {max(solve_ms):6.0f} ms"
    )
    print(f"whole service call    p50 {p(service_ms, 50):6.0f} ms   p95 {p(service_ms, 95):6.0f} ms")
    print(
        f"10x longer search beats the app's plan in {sum(better)}/{len(all_requests)} runs, per seed set {better} "
        f"(mean score gain {statistics.mean(longer):.2f}, max {max(longer):.2f})"
    )


if __name__ == "__main__":
    main()
