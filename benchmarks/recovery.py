"""How long a plan takes to finish after the process computing it dies.

    python -m benchmarks.recovery [--trials 5]

Runs Celery workers and beat natively over Redis (database 12 of 127.0.0.1:6379) and PostgreSQL, submits a
14-day plan (about a second of solving), and once it is running kills either the worker's pool process (the
parent lives on, as after an out-of-memory kill) or the whole worker (a second worker stays up). Prints the
seconds from the kill to the plan being done, per trial, for each case.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from benchmarks.stack import DEFAULT_DB, REPO, ensure_database

REDIS_URL = "redis://127.0.0.1:6379/12"


def _env(database_url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "planner.settings",
        "PYTHONPATH": str(REPO),
        "LOG_LEVEL": "WARNING",
    }


def _start(cmd: list[str], env: dict, name: str, logs: Path) -> subprocess.Popen:
    out = (logs / f"{name}.log").open("w")
    return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def _worker(env: dict, name: str, logs: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "celery", "-A", "planner", "worker", "-l", "info", "-c", "1", "-n", f"{name}@%h"]
    proc = _start(cmd, env, name, logs)
    deadline = time.monotonic() + 120
    while "ready." not in (logs / f"{name}.log").read_text():
        if time.monotonic() > deadline or proc.poll() is not None:
            raise RuntimeError(f"worker {name} did not start; logs in {logs}")
        time.sleep(0.2)
    return proc


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def _children(pid: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _wait(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=5)
    report(trials=parser.parse_args().trials)


def report(*, trials: int) -> None:
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    ensure_database(database_url)
    env = _env(database_url)
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")})
    import django

    django.setup()
    import redis
    from django.core.management import call_command
    from django.db import close_old_connections

    from itineraries.trips import services
    from itineraries.trips.models import Itinerary
    from itineraries.trips.request import PlanRequest

    redis.Redis.from_url(REDIS_URL).flushdb()
    call_command("migrate", verbosity=0)
    call_command("loadseeds", stdout=open(os.devnull, "w"))  # noqa: SIM115
    logs = Path(tempfile.mkdtemp(prefix="planner-recovery-"))
    date = dt.date.today() + dt.timedelta(days=30)

    def status(pk) -> str:
        close_old_connections()
        return Itinerary.objects.values_list("status", flat=True).get(pk=pk)

    def trial(kill_whole_worker: bool, n: int) -> float:
        request = PlanRequest(
            start="taiyuan", days=14, date=date, pace="packed", interests=("heritage", "temples", "nature"), seed=n
        )
        itinerary = services.itinerary_create(request=request)
        if not _wait(lambda: status(itinerary.pk) == "running", 60):
            raise RuntimeError("the plan never started")
        victim = workers[0]
        killed = time.monotonic()
        if kill_whole_worker:
            os.killpg(victim.pid, signal.SIGKILL)
            victim.wait()
        else:
            for child in _children(victim.pid):
                os.kill(child, signal.SIGKILL)
        if not _wait(lambda: status(itinerary.pk) == "done", 300):
            raise RuntimeError(f"not done 300 s after the kill; logs in {logs}")
        return time.monotonic() - killed

    results: dict[str, list[float]] = {"pool process killed": [], "whole worker killed": []}
    with ExitStack() as stack:
        beat_cmd = [sys.executable, "-m", "celery", "-A", "planner", "beat", "-l", "info", "-s", str(logs / "beat")]
        beat = _start(beat_cmd, env, "beat", logs)
        stack.callback(_stop, beat)
        workers = [_worker(env, "a", logs)]
        stack.callback(lambda: [_stop(w) for w in workers])
        for n in range(trials):
            results["pool process killed"].append(trial(False, n))
        workers.append(_worker(env, "b", logs))
        for n in range(trials):
            results["whole worker killed"].append(trial(True, 100 + n))
            workers[0] = _worker(env, f"a{n}", logs)  # the next victim
            workers.reverse()
    print(f"recovery after a kill mid-plan (14-day plan; sweeper every {os.environ.get('PLAN_SWEEP_SECONDS', '5')} s):")
    for case, times in results.items():
        print(
            f"  {case:20s} median {statistics.median(times):5.1f} s  max {max(times):5.1f} s"
            f"  ({', '.join(f'{t:.1f}' for t in times)})"
        )


if __name__ == "__main__":
    main()
