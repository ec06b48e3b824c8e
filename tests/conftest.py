import os
import socket
from pathlib import Path

import pytest
from django.core.cache import cache

from tests.seeded import snapshot_restore, snapshot_take

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
# A time limit for the optimiser that a test never reaches: its iteration limits stop the search instead, so a
# plan is the same on a busy machine (two pytest-xdist workers, a browser) as on a quiet one.
UNTIMED = 600.0


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


def pytest_configure(config):
    """Under pytest-xdist, compile the optimiser's kernel in the controlling process before the workers start, so
    that on a fresh clone one process compiles it (Numba caches it on disk) and each worker only loads it."""
    workers = getattr(config.option, "numprocesses", None)
    if workers and not hasattr(config, "workerinput") and not config.option.collectonly:
        from itineraries.routing.solver import warm_up

        warm_up()


@pytest.fixture(autouse=True, scope="session")
def _solver_loaded():
    """Compile (first run on a machine) or load the optimiser's kernel once, before any test times anything."""
    from itineraries.routing.solver import warm_up

    warm_up()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's language: a test (or a view it calls) that activates Chinese without
    leaving it would otherwise word the next test's messages in Chinese on the same worker."""
    from django.conf import settings as django_settings
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _inline_plans(settings, monkeypatch):
    from itineraries.trips import route_trial

    settings.PLAN_EXECUTOR = "inline"
    settings.PLAN_SOLVER_SECONDS = UNTIMED
    monkeypatch.setattr(route_trial, "TRIAL_SOLVER_SECONDS", UNTIMED)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
    settings.REDIS_URL = ""
    cache.clear()


@pytest.fixture(scope="session")
def _catalogue_snapshot(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return snapshot_take(SEEDS)


@pytest.fixture(autouse=True, scope="session")
def _editors_permissions(django_db_setup, django_db_blocker) -> list[tuple[str, str]]:
    """The editors group's permissions as the migrations grant them, read before any test can flush them."""
    from django.contrib.auth.models import Group

    with django_db_blocker.unblock():
        group = Group.objects.get(name="editors")
        return list(group.permissions.values_list("content_type__app_label", "codename"))


@pytest.fixture
def editors_group(db, _editors_permissions):
    """The editors group as its migrations make it: a live-server or transactional test flushes the database, and
    with it the rows the migrations wrote; the permissions themselves come back after a flush."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    group, made = Group.objects.get_or_create(name="editors")
    if made:
        wanted = Q(pk__in=[])
        for app_label, codename in _editors_permissions:
            wanted |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.set(Permission.objects.filter(wanted))
    return group


@pytest.fixture
def catalogue(db, _catalogue_snapshot):
    """The catalogue in seeds/, as ``loadseeds`` writes it (tests/seeded.py copies it in from a snapshot)."""
    snapshot_restore(_catalogue_snapshot)


CHROMIUM = "/usr/bin/chromium"


# One session-wide Chromium for the browser tests of every package (tests/web, tests/admin): a second
# sync_playwright() while one is open fails, so the fixture is defined once, here.
@pytest.fixture
def media_root(settings, tmp_path):
    """Editors' photos stored in a folder of this test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Debian chromium is not installed (.ci/run installs it)")
        pytest.skip("Debian chromium is not installed")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM refuses that without this.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
