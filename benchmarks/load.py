"""Load: N concurrent users for a fixed time against gunicorn and Celery workers over Redis/PostgreSQL.

    python -m benchmarks.load [--users 50] [--seconds 60] [--reads] [--recovery]

Each simulated user loops: browse destinations, submit a plan, poll it until done, fetch its GPX.
Prints requests, errors (non-2xx or exceptions), 5xx, and p50/p95 latency per request type. With --reads,
then the read speed of a finished plan against a bare endpoint (benchmarks.reads); with --recovery, the
time a plan takes to finish after its worker dies (benchmarks.recovery).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import threading
import time
from collections import defaultdict

from benchmarks.stack import request, running_stack

STARTS = ["pingyao-ancient-city", "jincheng", "taiyuan", "yangcheng", "zuoquan"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--reads", action="store_true", help="also measure the read ratio (needs wrk)")
    parser.add_argument("--recovery", action="store_true", help="also measure recovery after a worker dies")
    args = parser.parse_args()
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    server_errors = [0]
    plans_done = [0]
    lock = threading.Lock()

    def timed(kind: str, method: str, url: str, body=None):
        started = time.perf_counter()
        try:
            status, raw = request(method, url, body, timeout=60)
        except OSError:
            status, raw = 0, b""
        elapsed = time.perf_counter() - started
        with lock:
            latencies[kind].append(elapsed)
            if not 200 <= status < 300:
                errors[kind] += 1
            if status >= 500:
                server_errors[0] += 1
        return status, raw

    with running_stack() as base:
        stop = time.monotonic() + args.seconds

        def user(n: int) -> None:
            k = 0
            while time.monotonic() < stop:
                k += 1
                timed("browse", "GET", f"{base}/api/v1/destinations/?category=temples")
                date = (dt.date.today() + dt.timedelta(days=20 + (n + k) % 50)).isoformat()
                status, raw = timed(
                    "submit",
                    "POST",
                    f"{base}/api/v1/itineraries/",
                    {"start": STARTS[(n + k) % 5], "days": 1 + (n + k) % 3, "date": date, "seed": k},
                )
                if status != 202:
                    continue
                url = json.loads(raw)["url"]
                while time.monotonic() < stop + 30:
                    status, raw = timed("poll", "GET", url)
                    if status == 200 and json.loads(raw)["status"] in ("done", "failed"):
                        break
                    time.sleep(0.5)
                else:
                    continue
                if json.loads(raw)["status"] == "done":
                    with lock:
                        plans_done[0] += 1
                    timed("gpx", "GET", url + "gpx")

        threads = [threading.Thread(target=user, args=(n,)) for n in range(args.users)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - started
    total = sum(len(v) for v in latencies.values())
    print(
        f"{args.users} users for {args.seconds:.0f} s: {total} requests ({total / wall:.0f}/s), "
        f"{sum(errors.values())} errors, {server_errors[0]} 5xx, {plans_done[0]} plans done"
    )
    every = [x for v in latencies.values() for x in v]
    q = statistics.quantiles(every, n=100)
    print(f"all requests: p50 {q[49] * 1000:.0f} ms, p95 {q[94] * 1000:.0f} ms")
    for kind, values in sorted(latencies.items()):
        q = statistics.quantiles(values, n=100) if len(values) > 1 else [values[0]] * 99
        print(
            f"  {kind:7s} {len(values):6d} requests  p50 {q[49] * 1000:6.0f} ms  p95 {q[94] * 1000:6.0f} ms"
            f"  errors {errors[kind]}"
        )

    if args.reads:
        from benchmarks import reads

        reads.report(seconds=6, rounds=6, connections=16)
    if args.recovery:
        from benchmarks import recovery

        recovery.report(trials=3)


if __name__ == "__main__":
    main()
