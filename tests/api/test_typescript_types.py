"""TypeScript clients: types generated from the live schema by openapi-typescript expose a plan's days, stops,
legs and errors with real fields; tests/api/typescript/check.ts reads them under tsc --strict."""

import os
import shutil
import subprocess
from pathlib import Path
from urllib.request import urlopen

import pytest

HERE = Path(__file__).resolve().parent / "typescript"
pytestmark = pytest.mark.usefixtures("catalogue")


def npm(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["npm", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def test_typescript_types_from_the_schema_expose_days_stops_and_errors(live_server, tmp_path):
    if shutil.which("npm") is None:
        if os.environ.get("CI"):
            pytest.fail("npm is missing (.ci/run installs Debian's nodejs and npm)")
        pytest.skip("npm is missing")
    for name in ("package.json", "check.ts"):
        shutil.copy(HERE / name, tmp_path / name)
    installed = npm("install", "--no-audit", "--no-fund", "--loglevel=error", cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    with urlopen(f"{live_server.url}/api/schema/?format=json") as answer:
        (tmp_path / "schema.json").write_bytes(answer.read())
    made = npm("exec", "--", "openapi-typescript", "schema.json", "-o", "api.d.ts", cwd=tmp_path)
    assert made.returncode == 0, made.stdout + made.stderr
    checked = npm("exec", "--", "tsc", "--noEmit", "--strict", "check.ts", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
