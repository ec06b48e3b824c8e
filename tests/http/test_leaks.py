"""Issue 41, item 13: secrets in logs. Share and invite tokens and reset keys appeared in gunicorn's access
log; with EMAIL_HOST empty in production, live password-reset links were printed to the log."""

import logging
import os
import runpy
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core import mail
from django.utils.module_loading import import_string
from gunicorn.config import Config
from gunicorn.glogging import Logger

REPO = Path(__file__).resolve().parents[2]


def gunicorn_logger() -> Logger:
    """The logger class planner/gunicorn.conf.py configures, as gunicorn builds it."""
    conf = runpy.run_path(str(REPO / "planner" / "gunicorn.conf.py"))
    cls = conf.get("logger_class", "gunicorn.glogging.Logger")
    return (import_string(cls) if isinstance(cls, str) else cls)(Config())


def access_atoms(uri: str, referer: str = "-") -> dict:
    path, _, query = uri.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": uri,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "HTTP_REFERER": referer,
        "REMOTE_ADDR": "203.0.113.5",
    }
    request = SimpleNamespace(headers=[("REFERER", referer)])
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    return gunicorn_logger().atoms(response, request, environ, timedelta(milliseconds=5))


@pytest.mark.parametrize(
    "uri",
    [
        "/trips/3f1e0c36-8d6e-4c1f-9a51-2b7c9d0e4a11/?share=SECRETsecret123",
        "/api/v1/itineraries/3f1e0c36-8d6e-4c1f-9a51-2b7c9d0e4a11/gpx?share=SECRETsecret123&x=1",
        "/trips/3f1e0c36-8d6e-4c1f-9a51-2b7c9d0e4a11/join/SECRETsecret123",
        "/accounts/password/reset/key/SECRETsecret123/",
    ],
)
def test_the_access_log_shows_no_tokens(uri):
    atoms = access_atoms(uri, referer=f"https://planner.example.org{uri}")
    line = " ".join(str(atoms[k]) for k in ("r", "U", "q", "f", "{referer}i"))
    assert "SECRETsecret123" not in line
    assert "[redacted]" in atoms["r"]
    assert atoms["r"].startswith("GET /")
    assert atoms["r"].endswith(" HTTP/1.1")


def test_ordinary_paths_are_logged_as_they_are():
    atoms = access_atoms("/api/v1/destinations/?category=temple&page=2")
    assert atoms["r"] == "GET /api/v1/destinations/?category=temple&page=2 HTTP/1.1"


def test_production_without_a_mail_server_sends_nothing_and_prints_no_link(settings, caplog, capsys):
    saved = {k: os.environ.get(k) for k in ("PRODUCTION", "EMAIL_HOST")}
    os.environ.update(PRODUCTION="1", EMAIL_HOST="")
    try:
        backend = runpy.run_path(str(REPO / "planner" / "settings.py"))["EMAIL_BACKEND"]
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    assert backend != "django.core.mail.backends.console.EmailBackend"
    settings.EMAIL_BACKEND = backend
    link = "https://planner.example.org/accounts/password/reset/key/SECRETsecret123/"
    with caplog.at_level(logging.WARNING):
        mail.send_mail("Password reset", f"Reset it here: {link}", "noreply@example.org", ["li@example.com"])
    out = capsys.readouterr()
    assert "SECRETsecret123" not in out.out + out.err + caplog.text
    assert "mail not sent" in caplog.text
