import io
import os
import socket
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


def service_reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def require_service(name: str, host: str, port: int) -> None:
    """Skip on a developer machine without the service; in CI a missing service is a failure."""
    if service_reachable(host, port):
        return
    message = f"{name} is not reachable on {host}:{port}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(autouse=True, scope="session")
def _solver_loaded():
    """Compile (first run on a machine) or load the optimiser's kernel once, before any test times anything."""
    from itineraries.routing.solver import warm_up

    warm_up()


@pytest.fixture(autouse=True)
def _inline_plans(settings):
    settings.PLAN_EXECUTOR = "inline"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
    settings.REDIS_URL = ""
    cache.clear()


@pytest.fixture
def catalogue(db):
    call_command("loadseeds", dir=str(SEEDS), stdout=io.StringIO())
