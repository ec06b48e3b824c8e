"""The contract as a REST client meets it: a client generated from the live schema by openapi-python-client,
type-checked with mypy --strict following its imports, runs every operation (tests/api/client/smoke.py) against
a live server."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.request import urlopen

import pytest
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token

from tests.dates import upcoming

SMOKE = Path(__file__).resolve().parent / "client" / "smoke.py"
MYPY_CONFIG = SMOKE.parent / "mypy.ini"
BIN = Path(sys.executable).parent
pytestmark = pytest.mark.usefixtures("catalogue")


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    path = f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"  # the generator formats its output with ruff
    return subprocess.run(
        args, cwd=cwd, env={**os.environ, "PATH": path, **env}, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def generated_client(live_server, tmp_path) -> Path:
    if shutil.which("openapi-python-client", path=str(BIN)) is None:
        pytest.fail("openapi-python-client is missing: it is in the [test] extra")
    schema = tmp_path / "schema.json"
    with urlopen(f"{live_server.url}/api/schema/?format=json") as answer:
        schema.write_bytes(answer.read())
    generate = ["openapi-python-client", "generate", "--path", str(schema), "--meta", "none"]
    made = run([*generate, "--output-path", "shanxi_client"], cwd=tmp_path)
    assert made.returncode == 0, made.stdout + made.stderr
    assert "Warning" not in made.stdout + made.stderr, made.stdout + made.stderr  # nothing left out
    return tmp_path


def test_the_smoke_script_and_the_generated_package_type_check_under_mypy_strict(generated_client):
    checked = run([sys.executable, "-m", "mypy", "--config-file", str(MYPY_CONFIG), str(SMOKE)], cwd=generated_client)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "--follow-imports" not in MYPY_CONFIG.read_text()


def test_every_operation_through_the_generated_client(generated_client, live_server):
    token = Token.objects.create(user=User.objects.create_user("client", password="pw"))
    smoke = run(
        [sys.executable, str(SMOKE), live_server.url, token.key, upcoming(5, 4).isoformat()],
        cwd=generated_client,
        PYTHONPATH=str(generated_client),
    )
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    print(smoke.stdout)
    schema = json.loads((generated_client / "schema.json").read_text())
    operations = {op["operationId"] for methods in schema["paths"].values() for op in methods.values()}
    done = smoke.stdout.strip().splitlines()[-1]
    assert done.startswith("smoke: ok")
    assert set(done.split(": ", 2)[2].split(", ")) == operations
