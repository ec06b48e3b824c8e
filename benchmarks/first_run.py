"""How long a fresh clone takes to serve its first page with README's first command, and to finish a first plan.

    python -m benchmarks.first_run [--repo PATH] [--port 8765] [--keep-pip-cache]

Clones the repository into a temporary directory, runs the first command from README (its first ``sh`` block,
on another port), and polls the home page every half second. Once the page answers, it asks the API for a
3-day plan and polls it until it is done: on a fresh clone that plan waits for the optimiser's kernel, which
compiles in the background. pip's cache is off unless --keep-pip-cache, as on a fresh machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]


def readme_command(repo: Path, port: int) -> str:
    block = re.search(r"```sh\n(.+?)\n```", (repo / "README.md").read_text(encoding="utf-8"), re.S)
    if block is None:
        raise SystemExit("README has no sh block")
    return block.group(1).replace("127.0.0.1:8000", f"127.0.0.1:{port}")


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:
            return answer.status
    except (urllib.error.URLError, OSError):
        return 0


def _json(url: str, body: dict | None = None) -> dict:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=HERE)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--keep-pip-cache", action="store_true")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="first-run-") as folder:
        clone = Path(folder) / "clone"
        subprocess.run(["git", "clone", "--quiet", str(args.repo), str(clone)], check=True)
        env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "DATABASE_URL", "REDIS_URL")}
        if not args.keep_pip_cache:
            env["PIP_NO_CACHE_DIR"] = "1"
        base = f"http://127.0.0.1:{args.port}"
        start = time.monotonic()
        server = subprocess.Popen(
            ["bash", "-c", readme_command(clone, args.port)],
            cwd=clone,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            while _get(base + "/") != 200:
                if server.poll() is not None or time.monotonic() - start > args.timeout:
                    raise SystemExit("the server never answered")
                time.sleep(0.5)
            first_page = time.monotonic() - start
            date = (dt.date.today() + dt.timedelta(days=30)).isoformat()
            plan = _json(base + "/api/v1/itineraries/", {"start": "pingyao-ancient-city", "days": 3, "date": date})
            while (status := _json(f"{base}/api/v1/itineraries/{plan['id']}/")["status"]) not in ("done", "failed"):
                if time.monotonic() - start > args.timeout:
                    raise SystemExit("the first plan never finished")
                time.sleep(0.5)
            first_plan = time.monotonic() - start
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    print(
        json.dumps(
            {
                "first_page_seconds": round(first_page, 1),
                "first_plan_seconds": round(first_plan, 1),
                "first_plan_status": status,
                "pip_cache": args.keep_pip_cache,
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
