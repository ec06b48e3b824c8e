"""Read speed of a finished itinerary, by API token and by share link, against a bare DRF endpoint reading the
same row, side by side.

    python -m benchmarks.reads [--seconds 6] [--rounds 6] [--connections 16]

Starts the stack (gunicorn 2 workers, Celery, Redis, PostgreSQL) with one extra bare endpoint, makes a user and
an API token, plans one private 3-day trip with that token, turns its share link on, then runs wrk against the
three URLs in alternation and prints requests/s and their ratios. Needs wrk (Debian package). Also checks that
a token client sending the ETag back gets a 304. BENCH_DATABASE_URL and BENCH_REDIS_URL choose the services.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request

from benchmarks.stack import DEFAULT_DB, REPO, request, running_stack
from tests.dates import upcoming

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
# A winter Tuesday, the same trip in every run whatever the day: the first Tuesday on or after January 20.
MONTH, DAY = 1, 20
# The Celery worker compiles the solver when it starts: on a busy machine that takes minutes.
PLAN_WAIT_SECONDS = 300
MAKE_TOKEN = """
from django.contrib.auth import get_user_model
from itineraries.accounts.tokens import token_create
user, _ = get_user_model().objects.get_or_create(username="bench-reads", defaults={"email": "bench-reads@example.com"})
print(token_create(user=user, name="benchmarks.reads")[1])
"""
SHARE = """
from itineraries.trips.models import Itinerary
from itineraries.trips.services import trip_share_link
print(trip_share_link(trip=Itinerary.objects.get(pk="{id}").trip, on=True).share_token)
"""


def wrk(url: str, seconds: float, connections: int, headers: dict[str, str]) -> float:
    sent = [arg for name, value in headers.items() for arg in ("-H", f"{name}: {value}")]
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{int(seconds)}s", *sent, url], capture_output=True, text=True, check=True
    ).stdout
    if "Non-2xx" in out:
        raise RuntimeError(f"{url} answered errors:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def shell(code: str) -> str:
    """Runs code in the app against the stack's database and returns what it printed last."""
    env = {**os.environ, "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB), "LOG_LEVEL": "WARNING"}
    env.pop("REDIS_URL", None)
    command = [sys.executable, "manage.py", "shell", "-c", code]
    out = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=True).stdout
    return out.strip().splitlines()[-1]


def finished_plan(base: str, auth: dict[str, str]) -> str:
    date = upcoming(MONTH, DAY, today=dt.date.today()).isoformat()
    body = {"start": "pingyao-ancient-city", "days": 3, "date": date, "interests": ["heritage", "temples"]}
    status, raw = request("POST", f"{base}/api/v1/itineraries/", body, headers=auth)
    assert status == 202, raw
    itinerary_id = json.loads(raw)["id"]
    deadline = time.monotonic() + PLAN_WAIT_SECONDS
    while time.monotonic() < deadline:
        status, raw = request("GET", f"{base}/api/v1/itineraries/{itinerary_id}/", headers=auth)
        if json.loads(raw)["status"] == "done":
            return itinerary_id
        time.sleep(0.5)
    raise RuntimeError("the plan did not finish")


def etag_revalidates(url: str, auth: dict[str, str]) -> bool:
    with urllib.request.urlopen(urllib.request.Request(url, headers=auth)) as response:
        tag = response.headers.get("ETag")
    if not tag:
        return False
    try:
        urllib.request.urlopen(urllib.request.Request(url, headers={**auth, "If-None-Match": tag}))
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
    with running_stack(settings_module="benchmarks.bare_settings", redis_url=REDIS_URL) as base:
        auth = {"Authorization": f"Token {shell(MAKE_TOKEN)}"}
        itinerary_id = finished_plan(base, auth)
        real = f"{base}/api/v1/itineraries/{itinerary_id}/"
        shared = f"{real}?share={shell(SHARE.format(id=itinerary_id))}"
        bare = f"{base}/bare/{itinerary_id}/"
        size = len(urllib.request.urlopen(urllib.request.Request(real, headers=auth)).read())
        targets = {"by token": (real, auth), "by share link": (shared, {}), "bare endpoint": (bare, {})}
        for url, headers in targets.values():  # warm all three
            wrk(url, 2, connections, headers)
        rates: dict[str, list[float]] = {name: [] for name in targets}
        for _ in range(rounds):
            for name, (url, headers) in targets.items():
                rates[name].append(wrk(url, seconds, connections, headers))
        revalidates = etag_revalidates(real, auth)
    floor = rates["bare endpoint"]
    print(f"GET a finished 3-day itinerary ({size} bytes), wrk -t2 -c{connections}, {rounds} alternating rounds:")
    for name, ours in rates.items():
        rounds_text = ", ".join(f"{x:.0f}" for x in ours)
        print(f"  {name:14} {statistics.median(ours):7.0f} requests/s  (rounds: {rounds_text})")
    for name in ("by token", "by share link"):
        ours = rates[name]
        paired = statistics.median(x / y for x, y in zip(ours, floor, strict=True))
        print(
            f"  {name}: ratio of medians {statistics.median(ours) / statistics.median(floor):.0%}, "
            f"median of per-round ratios {paired:.0%}"
        )
    print(f"  ETag sent back by a token client gives 304: {revalidates}")


if __name__ == "__main__":
    main()
