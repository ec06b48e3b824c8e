"""My trips > API tokens: a tourist makes a token (shown once), uses it, and revokes it."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from rest_framework.test import APIClient

from itineraries.accounts.models import ApiToken


@pytest.fixture
def tourist_web(db):
    web = Client()
    web.force_login(User.objects.create_user("li", email="li@example.com", password="pw"))
    return web


def test_a_tourist_makes_uses_and_revokes_a_token_from_my_trips(tourist_web):
    assert b"/trips/api-tokens" in tourist_web.get("/trips/").content
    made = tourist_web.post("/trips/api-tokens", {"name": "trip script", "expires": "2099-01-01"})
    assert made.status_code == 200
    key = re.search(rb'data-testid="new-key">([^<]+)<', made.content).group(1).decode()
    assert b"trip script" in made.content
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.get("/api/v1/itineraries/").status_code == 200
    again = tourist_web.get("/trips/api-tokens")
    assert key.encode() not in again.content  # shown once
    token = ApiToken.objects.get()
    assert token.expires_at.date().isoformat() == "2099-01-01"
    revoked = tourist_web.post(f"/trips/api-tokens/{token.pk}/revoke", follow=True)
    assert revoked.status_code == 200
    assert api.get("/api/v1/itineraries/").status_code == 401


def test_an_expiry_today_or_earlier_is_refused_on_the_form(tourist_web):
    refused = tourist_web.post("/trips/api-tokens", {"name": "x", "expires": "2001-01-01"})
    assert b"Choose a day after today." in refused.content
    assert not ApiToken.objects.exists()


def test_the_page_needs_a_sign_in(db):
    assert Client().get("/trips/api-tokens").status_code == 302
