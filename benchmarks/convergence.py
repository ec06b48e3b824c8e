"""How close the app's stopping rule gets to the best plans a much longer search finds.

    python -m benchmarks.convergence [--runs 40] [--seeds 30] [--reference OUT.json | --against IN.json...]
                                     [--scale 1]

The same 5-day requests as ``benchmarks.planning``, on a fixed ``--date`` so a reference can be reused.
A reference score per request is the best of ``--reference-seeds`` searches with ``--reference-scale``
times the app's iteration budget; ``--reference`` writes it and ``--against`` reuses it (given several
files, the best per request), so two versions of the solver are measured against the same scores. Then
every request is solved with the app's own rule under ``--seeds`` seeds, and the script prints how often
that reaches the reference, the mean shortfall and how often it beats it, and how many trips every seed
(or no seed) brings to the reference.
``--scale 10`` gives the searches ten times the app's budget (iterations and stall limit): how far a
longer search gets on the same trips.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
from multiprocessing import Pool
from pathlib import Path

from benchmarks.django_env import setup
from benchmarks.planning import requests


def _solve(job: tuple) -> float:
    from itineraries.routing import MaxIterations, MaxRuntime, NoImprovement, check, solve

    problem, seed, iterations, stall = job
    plan = solve(problem, MaxRuntime(1000) | MaxIterations(iterations) | NoImprovement(stall), seed=seed)
    assert check(problem, plan) == []
    return plan.score


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--seeds", type=int, default=30)
    parser.add_argument("--reference-seeds", type=int, default=4)
    parser.add_argument("--reference-scale", type=int, default=20)
    parser.add_argument("--reference", type=Path, help="write the reference scores here")
    parser.add_argument(
        "--against", type=Path, nargs="+", help="reuse reference scores written earlier (best per request)"
    )
    parser.add_argument("--scale", type=float, default=1.0, help="times the app's budget for the measured searches")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date(2027, 1, 25))
    args = parser.parse_args()
    setup()
    from itineraries.trips import selectors

    contexts = [selectors.problem_for_request(r) for r in requests(args.runs, date=args.date)]
    with Pool(args.processes) as pool:
        if args.against:
            reference = [max(scores) for scores in zip(*(json.loads(f.read_text()) for f in args.against), strict=True)]
        else:
            scale = args.reference_scale
            jobs = [
                (c.problem, 1000 + s, c.iterations * scale, c.stall * scale)
                for c in contexts
                for s in range(args.reference_seeds)
            ]
            scores = pool.map(_solve, jobs)
            reference = [
                max(scores[i * args.reference_seeds : (i + 1) * args.reference_seeds]) for i in range(len(contexts))
            ]
            if args.reference:
                args.reference.write_text(json.dumps(reference))
        jobs = [
            (c.problem, s, int(c.iterations * args.scale), int(c.stall * args.scale))
            for c in contexts
            for s in range(args.seeds)
        ]
        scores = pool.map(_solve, jobs)
    short = [reference[i // args.seeds] - score for i, score in enumerate(scores)]
    reached = [x <= 1e-6 for x in short]
    per_trip = [sum(reached[i * args.seeds : (i + 1) * args.seeds]) for i in range(len(contexts))]
    rule = "the app's stopping rule" if args.scale == 1 else f"{args.scale:g} times the app's budget"
    print(f"{len(contexts)} requests x {args.seeds} seeds with {rule}")
    print(
        f"reach the reference in {sum(reached)}/{len(short)} runs, "
        f"beat it in {sum(x < -1e-6 for x in short)}; mean shortfall {statistics.mean(short):.3f} points, "
        f"max {max(short):.2f}"
    )
    print(
        f"trips reached by every seed: {sum(n == args.seeds for n in per_trip)}, "
        f"by none: {sum(n == 0 for n in per_trip)}"
    )


if __name__ == "__main__":
    main()
