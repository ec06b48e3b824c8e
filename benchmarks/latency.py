"""Submit-to-done latency of 3-day plans through the real stack, and the API's GET throughput.

    python -m benchmarks.latency [--plans 40] [--concurrency 4] [--get-seconds 10]

Runs gunicorn (2 workers) and a Celery worker (2 processes) over Redis and PostgreSQL
(BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/planner_bench).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from benchmarks.stack import request, running_stack

STARTS = ["pingyao-ancient-city", "jincheng", "taiyuan", "yangcheng", "zuoquan", "lingchuan"]
INTERESTS = [["heritage", "temples"], ["cycling", "nature"], ["wellness"], ["villages", "painting"], []]


def one_plan(base: str, n: int) -> float:
    date = (dt.date.today() + dt.timedelta(days=30 + n % 60)).isoformat()
    body = {"start": STARTS[n % len(STARTS)], "days": 3, "date": date, "interests": INTERESTS[n % 5], "seed": n}
    started = time.perf_counter()
    status, raw = request("POST", f"{base}/api/v1/itineraries/", body)
    assert status == 202, raw
    url = json.loads(raw)["url"]
    while True:
        status, raw = request("GET", url)
        state = json.loads(raw)["status"]
        if state == "done":
            return time.perf_counter() - started
        if state == "failed":
            raise RuntimeError(raw)
        time.sleep(0.02)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", type=int, default=40)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--get-seconds", type=float, default=10)
    args = parser.parse_args()
    with running_stack() as base:
        one_plan(base, 999)  # warm the matrices in the workers
        with ThreadPoolExecutor(args.concurrency) as pool:
            seconds = list(pool.map(lambda n: one_plan(base, n), range(args.plans)))
        q = statistics.quantiles(seconds, n=100)
        print(
            f"{args.plans} three-day plans, {args.concurrency} clients at a time: submit-to-done "
            f"p50 {q[49] * 1000:.0f} ms, p95 {q[94] * 1000:.0f} ms, max {max(seconds) * 1000:.0f} ms"
        )
        _, raw = request("POST", f"{base}/api/v1/itineraries/", {"start": "jincheng", "days": 2})
        url = json.loads(raw)["url"]
        count = [0]
        errors = [0]
        stop = time.monotonic() + args.get_seconds

        def hammer():
            while time.monotonic() < stop:
                status, _ = request("GET", url)
                count[0] += 1
                errors[0] += status != 200

        threads = [threading.Thread(target=hammer) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        print(
            f"GET /api/v1/itineraries/<id>/: {count[0] / args.get_seconds:.0f} requests/s "
            f"(8 clients, {args.get_seconds:.0f} s, {errors[0]} errors)"
        )


if __name__ == "__main__":
    main()
