"""Read speed of a finished itinerary against a bare DRF endpoint reading the same row, side by side.

    python -m benchmarks.reads [--seconds 10] [--rounds 3] [--connections 16]

Starts the stack (gunicorn 2 workers, Celery, Redis, PostgreSQL) with one extra bare endpoint, plans one
3-day trip, then runs wrk against both URLs in alternation and prints requests/s and their ratio. Needs wrk
(Debian package). Also checks that a client sending the ETag back gets a 304.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import statistics
import subprocess
import time
import urllib.request

from benchmarks.stack import request, running_stack


def wrk(url: str, seconds: float, connections: int) -> float:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{int(seconds)}s", url], capture_output=True, text=True, check=True
    ).stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def finished_plan(base: str) -> str:
    date = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    body = {"start": "pingyao-ancient-city", "days": 3, "date": date, "interests": ["heritage", "temples"]}
    status, raw = request("POST", f"{base}/api/v1/itineraries/", body)
    assert status == 202, raw
    itinerary_id = json.loads(raw)["id"]
    for _ in range(120):
        status, raw = request("GET", f"{base}/api/v1/itineraries/{itinerary_id}/")
        if json.loads(raw)["status"] == "done":
            return itinerary_id
        time.sleep(0.5)
    raise RuntimeError("the plan did not finish")


def etag_revalidates(url: str) -> bool:
    with urllib.request.urlopen(url) as response:
        tag = response.headers.get("ETag")
    if not tag:
        return False
    try:
        urllib.request.urlopen(urllib.request.Request(url, headers={"If-None-Match": tag}))
    except urllib.error.HTTPError as exc:
        return exc.code == 304
    return False


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    report(seconds=args.seconds, rounds=args.rounds, connections=args.connections)


def report(*, seconds: int, rounds: int, connections: int) -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    with running_stack(settings_module="benchmarks.bare_settings") as base:
        itinerary_id = finished_plan(base)
        real = f"{base}/api/v1/itineraries/{itinerary_id}/"
        bare = f"{base}/bare/{itinerary_id}/"
        size = len(urllib.request.urlopen(real).read())
        wrk(real, 2, connections)  # warm both
        wrk(bare, 2, connections)
        ours, floor = [], []
        for _ in range(rounds):
            ours.append(wrk(real, seconds, connections))
            floor.append(wrk(bare, seconds, connections))
        revalidates = etag_revalidates(real)
    a, b = statistics.median(ours), statistics.median(floor)
    paired = statistics.median(x / y for x, y in zip(ours, floor, strict=True))
    print(f"GET a finished 3-day itinerary ({size} bytes), wrk -t2 -c{connections}, {rounds} rounds:")
    print(f"  itinerary endpoint {a:7.0f} requests/s  (rounds: {', '.join(f'{x:.0f}' for x in ours)})")
    print(f"  bare endpoint      {b:7.0f} requests/s  (rounds: {', '.join(f'{x:.0f}' for x in floor)})")
    print(f"  ratio of medians {a / b:.0%}, median of per-round ratios {paired:.0%}")
    print(f"  ETag sent back gives 304: {revalidates}")


if __name__ == "__main__":
    main()
