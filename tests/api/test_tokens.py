"""API tokens a tourist makes and revokes: a name, an optional expiry, the key shown once."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from rest_framework.test import APIClient

from itineraries.accounts.models import ApiToken


@pytest.fixture
def tourist(db):
    return User.objects.create_user("li", email="li@example.com", password="pw")


@pytest.fixture
def signed_in(tourist):
    api = APIClient()
    api.force_authenticate(tourist)
    return api


def bearer(key: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return api


def test_a_tourist_makes_a_named_token_and_uses_it(signed_in, tourist):
    made = signed_in.post("/api/v1/tokens/", {"name": "my script"}, format="json")
    assert made.status_code == 201
    body = made.json()
    assert body["name"] == "my script"
    assert body["expires_at"] is None
    assert body["key"].startswith(body["prefix"])
    assert made["Location"].endswith(f"/api/v1/tokens/{body['id']}/")
    assert ApiToken.objects.get().digest != body["key"]  # only a digest is kept
    assert bearer(body["key"]).get("/api/v1/itineraries/").status_code == 200
    listed = signed_in.get("/api/v1/tokens/").json()["results"]
    assert [t["name"] for t in listed] == ["my script"]
    assert "key" not in listed[0]
    assert listed[0]["last_used_at"] is not None


def test_a_revoked_token_stops_working(signed_in):
    key = signed_in.post("/api/v1/tokens/", {"name": "old"}, format="json").json()
    assert signed_in.delete(f"/api/v1/tokens/{key['id']}/").status_code == 204
    refused = bearer(key["key"]).get("/api/v1/itineraries/")
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"].startswith("Bearer")


def test_an_expired_token_is_a_401_saying_so(signed_in):
    soon = timezone.now() + dt.timedelta(hours=1)
    key = signed_in.post("/api/v1/tokens/", {"name": "brief", "expires_at": soon.isoformat()}, format="json").json()
    ApiToken.objects.filter(pk=key["id"]).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    refused = bearer(key["key"]).get("/api/v1/itineraries/")
    assert refused.status_code == 401
    assert "expired" in refused.json()["message"]


def test_an_expiry_in_the_past_and_a_missing_name_are_named(signed_in):
    past = (timezone.now() - dt.timedelta(days=1)).isoformat()
    refused = signed_in.post("/api/v1/tokens/", {"expires_at": past}, format="json").json()
    assert {e["field"]: e["code"] for e in refused["errors"]} == {"name": "required", "expires_at": "past"}


def test_tokens_are_their_owners_alone(signed_in, db):
    key = signed_in.post("/api/v1/tokens/", {"name": "mine"}, format="json").json()
    other = APIClient()
    other.force_authenticate(User.objects.create_user("wang", password="pw"))
    assert other.get("/api/v1/tokens/").json()["count"] == 0
    assert other.delete(f"/api/v1/tokens/{key['id']}/").status_code == 404
    anonymous = APIClient().get("/api/v1/tokens/")
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"].startswith("Bearer")
