"""Run the app's solver on the literature's TOPTW instances and compare with best-known scores and peers.

    python -m benchmarks.toptw benchmarks/data/toptw/instances/*/*.txt --tours 1 2 3 4 \
        --time-limit 1 --json benchmarks/out/toptw.json [--peer ortools] [--only-known]

Records: instance, m, score, seconds, tours (vertex numbers in visit order, depot left out), bks, gap.
Every plan (ours and the peers') is verified by the same independent checker.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
from pathlib import Path

from benchmarks.instances import read_toptw
from itineraries.routing import MaxRuntime, check, schedule_day, solve
from itineraries.routing.plan import Plan
from itineraries.routing.solver import warm_up

# The literature instances and best-known scores travel with the repository; ORIGIN.md says where they come from.
DATA = Path(__file__).resolve().parent / "data" / "toptw"
DEFAULT_BKS = DATA / "best_known.csv"


def load_bks(path: Path) -> dict[tuple[str, int], float]:
    if not path.exists():
        return {}
    with path.open() as f:
        return {(r["instance"], int(r["m"])): float(r["bks"]) for r in csv.DictReader(f)}


def plan_from_tours(problem, tours: list[list[int]]) -> Plan:
    days = tuple(schedule_day(problem, d, 0, 0, tour) for d, tour in enumerate(tours))
    score = sum(problem.nodes[v].score for tour in tours for v in tour)
    return Plan(days, score, sum(day.drive for day in days))


def run_ours(problem, time_limit: float, seed: int) -> tuple[list[list[int]], float]:
    started = time.perf_counter()
    plan = solve(problem, MaxRuntime(time_limit), seed=seed)
    return plan.tours(), time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--tours", nargs="+", type=int, default=[1])
    parser.add_argument("--time-limit", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--bks", type=Path, default=DEFAULT_BKS)
    parser.add_argument("--peer", action="append", default=[], choices=["ortools", "pyvrp"])
    parser.add_argument("--only-known", action="store_true", help="skip instance/m pairs without a best-known score")
    args = parser.parse_args(argv)
    bks = load_bks(args.bks)
    peers = {}
    for name in args.peer:
        from benchmarks import peers as peer_module

        peers[name] = getattr(peer_module, f"solve_{name}")
    records = []
    warm_up()  # as the app's workers do at start: load the compiled kernel before the clock runs
    for path in sorted(args.files):
        for m in args.tours:
            name = path.stem
            known = bks.get((name, m))
            if args.only_known and known is None:
                continue
            problem = read_toptw(path, m)
            row = {"instance": name, "set": path.parent.name, "m": m, "bks": known}
            for solver_name, runner in [
                ("ours", lambda p: run_ours(p, args.time_limit, args.seed)),
                *[(n, lambda p, f=f: f(p, args.time_limit)) for n, f in peers.items()],
            ]:
                tours, seconds = runner(problem)
                tours = [[int(v) for v in t] for t in tours]
                plan = plan_from_tours(problem, tours)
                violations = check(problem, plan)
                if violations:
                    raise SystemExit(f"{solver_name} infeasible on {name} m={m}: {violations[0]}")
                key = "" if solver_name == "ours" else f"{solver_name}_"
                row[f"{key}score"] = plan.score
                row[f"{key}seconds"] = round(seconds, 3)
                row[f"{key}tours"] = tours
                if known:
                    row[f"{key}gap"] = round(100 * (known - plan.score) / known, 3)
            records.append(row)
            extra = "".join(f"  {n}={row[f'{n}_score']:.0f}" for n in peers)
            gap = f"{row['gap']:6.2f}%" if "gap" in row else "   n/a "
            print(
                f"{row['set']:16s} {name:6s} m={m}  score={row['score']:6.0f}  bks={known or '-':>6}  gap={gap}"
                f"  {row['seconds']:.2f}s{extra}",
                flush=True,
            )
    print_summary(records, list(peers))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(records, indent=1))
    return 0


def print_summary(records: list[dict], peers: list[str]) -> None:
    print("\nset               m  runs  mean gap  max gap" + "".join(f"  {p} mean gap  wins vs {p}" for p in peers))
    groups: dict[tuple[str, int], list[dict]] = {}
    for r in records:
        if "gap" in r:
            groups.setdefault((r["set"], r["m"]), []).append(r)
    for (name, m), rows in sorted(groups.items()):
        gaps = [r["gap"] for r in rows]
        line = f"{name:16s} {m:2d} {len(rows):5d}  {statistics.mean(gaps):7.2f}%  {max(gaps):6.2f}%"
        for p in peers:
            pg = [r[f"{p}_gap"] for r in rows]
            wins = sum(r["score"] > r[f"{p}_score"] for r in rows)
            ties = sum(r["score"] == r[f"{p}_score"] for r in rows)
            line += f"  {statistics.mean(pg):13.2f}%  {wins}/{len(rows)} (+{ties} ties)"
        print(line)
    all_gaps = [r["gap"] for r in records if "gap" in r]
    if all_gaps:
        print(f"ALL             {len(all_gaps):5d}  {statistics.mean(all_gaps):7.2f}%  {max(all_gaps):6.2f}%")


if __name__ == "__main__":
    sys.exit(main())
