"""Issue 41, item 5: with Redis down, sign-in and password reset answered 500 (allauth's rate limits need the
cache). The cache the settings configure for a REDIS_URL must forgive Redis being down: sign-in, sign-up, reset,
planning and reading still work. "Down" is a Redis URL whose port nothing listens on: what a stopped Redis
looks like to a client (the shared Redis is never touched)."""

import os
import re
import runpy
import socket
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")
SETTINGS = Path(__file__).resolve().parents[2] / "planner" / "settings.py"
PASSWORD = "a long pass phrase 7"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def caches_for(redis_url: str) -> dict:
    """CACHES as planner/settings.py sets them when REDIS_URL is given."""
    saved = os.environ.get("REDIS_URL")
    os.environ["REDIS_URL"] = redis_url
    try:
        return runpy.run_path(str(SETTINGS))["CACHES"]
    finally:
        if saved is None:
            os.environ.pop("REDIS_URL")
        else:
            os.environ["REDIS_URL"] = saved


@pytest.fixture
def redis_down(settings):
    settings.CACHES = caches_for(f"redis://127.0.0.1:{free_port()}/0")
    User.objects.create_user("li", email="li@example.com", password=PASSWORD)


def test_sign_in_sign_up_and_reset_work_with_redis_down(redis_down):
    client = Client(raise_request_exception=False)
    signed = client.post("/accounts/login/", {"login": "li@example.com", "password": PASSWORD})
    assert signed.status_code == 302
    assert "_auth_user_id" in client.session
    other = Client(raise_request_exception=False)
    reset = other.post("/accounts/password/reset/", {"email": "li@example.com"})
    assert reset.status_code == 302
    assert re.search(r"/accounts/password/reset/key/", mail.outbox[-1].body)
    joined = other.post(
        "/accounts/signup/", {"email": "wang@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert joined.status_code == 302


def test_planning_and_reading_work_with_redis_down(redis_down, django_capture_on_commit_callbacks):
    client = Client(raise_request_exception=False)
    form = {"start": "jincheng", "date": upcoming(5, 4).isoformat(), "days": 1, "pace": "normal", "mode": "car"}
    with django_capture_on_commit_callbacks(execute=True):
        planned = client.post("/plan/", form)
    assert planned.status_code == 302
    assert client.get(planned["Location"]).status_code == 200
    assert client.get("/api/v1/destinations/").status_code == 200
