"""Start the production processes natively for a benchmark: gunicorn, Celery workers, Redis, PostgreSQL."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/planner_bench"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_database(url: str) -> None:
    if not url.startswith("postgres"):
        return
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


@contextmanager
def running_stack(
    *,
    web_workers: int = 2,
    celery_workers: int = 2,
    redis_url: str = "redis://127.0.0.1:6379/13",
    database_url: str | None = None,
    settings_module: str = "planner.settings",
    extra_env: dict | None = None,
):
    database_url = database_url or os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    ensure_database(database_url)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": settings_module,
        "PLAN_THROTTLE_RATE": "100000/min",
        "LOG_LEVEL": "WARNING",
        "GUNICORN_ACCESS_LOG": "",
        **(extra_env or {}),
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=REPO, env=env, check=True)
    subprocess.run([sys.executable, "manage.py", "loadseeds"], cwd=REPO, env=env, check=True, capture_output=True)
    port = free_port()
    logs = Path(tempfile.mkdtemp(prefix="planner-stack-"))
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "planner.wsgi:application",
                "--config",
                "planner/gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(web_workers),
            ],
            cwd=REPO,
            env=env,
            stdout=(logs / "web.log").open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        ),
        subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "planner", "worker", "-l", "warning", "-c", str(celery_workers)],
            cwd=REPO,
            env=env,
            stdout=(logs / "worker.log").open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        ),
    ]
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"stack did not start; logs in {logs}") from None
                time.sleep(0.3)
        time.sleep(2)  # let the Celery worker connect
        yield base
    finally:
        for proc in procs:
            try:
                os.killpg(proc.pid, 15)
                proc.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(proc.pid, 9)


def request(
    method: str, url: str, body: dict | None = None, timeout: float = 30, headers: dict[str, str] | None = None
) -> tuple[int, bytes]:
    data = json.dumps(body).encode() if body is not None else None
    sent = {"Content-Type": "application/json", **(headers or {})}
    req = urllib.request.Request(url, data=data, method=method, headers=sent)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
