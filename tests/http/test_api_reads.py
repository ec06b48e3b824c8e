"""API reads by token or share link skip sessions, the session user and messages (http/api_reads.py), and
keep every header, the language and the session of a cookie client."""

import datetime as dt
import importlib

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from itineraries.accounts.models import ApiToken
from itineraries.trips import services
from tests.tokened_trip import tokened_trip

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture
def sessions_opened(monkeypatch):
    """How many session stores the requests made (the middleware reads the engine's class when it is built,
    so this fixture comes before the first request of a new client)."""
    engine = importlib.import_module(settings.SESSION_ENGINE)
    opened = []

    class CountedStore(engine.SessionStore):
        def __init__(self, *args, **kwargs):
            opened.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(engine, "SessionStore", CountedStore)
    return opened


@pytest.fixture
def owned(db, django_capture_on_commit_callbacks):
    """A tourist, their API token's key, and their finished private trip with its share link on."""
    tourist, key, made = tokened_trip(django_capture_on_commit_callbacks)
    return tourist, key, made, services.trip_share_link(trip=made.trip, on=True).share_token


def test_a_token_read_opens_no_session_and_sets_no_cookie(owned, sessions_opened):
    _, key, made, _ = owned
    response = Client().get(f"/api/v1/itineraries/{made.pk}/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert response.json()["id"] == str(made.pk)
    assert sessions_opened == []
    assert not response.cookies
    assert "Cookie" in response["Vary"]  # a cookie client takes the other path: caches keep them apart


def test_a_share_link_read_opens_no_session_and_sets_no_cookie(owned, sessions_opened):
    _, _, made, share = owned
    response = Client().get(f"/api/v1/itineraries/{made.pk}/?share={share}")
    assert response.status_code == 200
    assert sessions_opened == []
    assert not response.cookies
    assert Client().get(f"/api/v1/itineraries/{made.pk}/?share=wrong").status_code == 404


def test_a_token_read_keeps_every_security_header(owned):
    _, key, made, _ = owned
    response = Client().get(f"/api/v1/itineraries/{made.pk}/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Request-ID"]
    assert response["ETag"]


def test_a_token_read_is_answered_in_the_language_asked_for(owned):
    tourist, key, made, _ = owned
    url = f"/api/v1/itineraries/{made.pk}/"
    asked = Client().get(url, HTTP_AUTHORIZATION=f"Token {key}", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert asked["Content-Language"] == "zh-hans"
    ApiToken.objects.filter(user=tourist).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    refused = Client().get(url, HTTP_AUTHORIZATION=f"Token {key}", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert refused.status_code == 401
    assert "已过期" in refused.json()["message"]


def test_a_cookie_client_keeps_its_session_on_the_same_read(owned, sessions_opened):
    tourist, _, made, share = owned
    browser = Client()
    browser.force_login(tourist)
    opened_by_login = len(sessions_opened)
    # With a share parameter, but also a session cookie: the session's user is the caller, so the list of
    # their trips (which needs a signed-in caller) answers.
    listed = browser.get(f"/api/v1/itineraries/?share={share}")
    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()["results"]] == [str(made.pk)]
    assert len(sessions_opened) > opened_by_login


def test_a_write_with_a_token_takes_the_whole_stack(owned, sessions_opened):
    _, key, made, _ = owned
    response = Client().patch(
        f"/api/v1/itineraries/{made.pk}/",
        {"name": "Jincheng weekend"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert response.status_code == 200
    assert sessions_opened  # only reads skip the browser middleware
