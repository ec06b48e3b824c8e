"""docker-compose.yml, Dockerfile and .env.example agree with the code."""

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml
from django.core.management import get_commands
from django.utils.module_loading import import_string
from gunicorn.workers.gthread import ThreadWorker

REPO = Path(__file__).resolve().parents[2]


def compose() -> dict:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


def test_compose_services_and_entry_points_exist():
    services = compose()["services"]
    assert {"web", "worker", "beat", "redis", "db"} <= set(services)
    assert "pgdata" in compose()["volumes"]
    assert all("healthcheck" in services[name] for name in ("web", "worker", "redis", "db"))
    web = services["web"]["command"]
    module, attr = re.search(r"gunicorn (\S+):(\S+)", web).groups()
    assert callable(getattr(importlib.import_module(module), attr))
    for command in re.findall(r"manage\.py (\w+)", web):
        assert command in get_commands(), command
    for name in ("worker", "beat"):
        assert "celery -A planner" in services[name]["command"]
    from planner.celery import app

    assert app.main == "planner"
    assert "itineraries.itinerary_sweep" in {entry["task"] for entry in app.conf.beat_schedule.values()}


def test_every_setting_the_code_reads_is_listed_in_env_example():
    settings_source = (REPO / "planner" / "settings.py").read_text()
    read = set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', settings_source))
    read |= set(re.findall(r'env_bool\("([A-Z_]+)"', settings_source))
    read.add("DATABASE_URL")  # read by dj-database-url
    listed = set(re.findall(r"^([A-Z_]+)=", (REPO / ".env.example").read_text(), re.M))
    assert read - listed == set()
    compose_env = set()
    for name in ("web", "worker", "beat"):
        compose_env |= set((compose()["services"][name].get("environment") or {}).keys())
    assert compose_env - listed == set()


def test_production_settings_pass_check_deploy():
    env = {
        **os.environ,
        "DEBUG": "0",
        "PRODUCTION": "1",
        "ALLOWED_HOSTS": "planner.example.org",
        "SECRET_KEY": "x7#" * 20 + "production-secret-for-the-check",
        "DJANGO_SETTINGS_MODULE": "planner.settings",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_buffering_proxy_faces_clients_and_gunicorn_uses_threaded_workers():
    services = compose()["services"]
    assert services["proxy"]["ports"] == ["8000:80"]
    assert "ports" not in services["web"]
    assert services["web"]["environment"]["TRUSTED_PROXIES"] == "1"
    config = (REPO / "deploy" / "nginx.conf").read_text()
    assert "proxy_pass http://planner_web" in config
    assert "proxy_request_buffering on" in config
    assert "server web:8000" in config
    assert "--config planner/gunicorn.conf.py" in services["web"]["command"]
    namespace: dict = {}
    exec((REPO / "planner" / "gunicorn.conf.py").read_text(), namespace)
    worker = import_string(namespace["worker_class"])
    assert issubclass(worker, ThreadWorker)  # gunicorn's gthread, with a deadline for request heads
    assert namespace["threads"] >= 32  # 20 slow clients leave threads for /healthz (test_slow_clients.py)
