"""Tourist accounts: sign up, sign in and out, reset a password; My trips with rename, notes, duplicate, delete;
trips planned before signing in are claimed; an invite makes a companion a collaborator."""

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from itineraries.trips import services
from itineraries.trips.models import Trip
from itineraries.trips.request import PlanRequest
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")
DATE = upcoming(5, 4)
PLAN = {"start": "jincheng", "date": DATE.isoformat(), "days": 1, "pace": "normal", "mode": "car"}


def sign_up(client: Client, email: str = "li@example.com") -> None:
    response = client.post(
        "/accounts/signup/", {"email": email, "password1": "a long pass phrase 7", "password2": "a long pass phrase 7"}
    )
    assert response.status_code == 302, response.content.decode()[-2000:]


def test_the_account_pages_exist_in_the_sites_style_and_both_languages(client):
    for path in ("/accounts/signup/", "/accounts/login/", "/accounts/password/reset/"):
        body = client.get(path).content.decode()
        assert 'class="brand"' in body, path  # the site's own header
    client.cookies["django_language"] = "zh-hans"
    assert "注册" in client.get("/accounts/signup/").content.decode()


def test_a_trip_planned_before_signing_up_is_claimed_and_private(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        planned = client.post("/plan/", PLAN)
    trip = Trip.objects.get()
    assert trip.owner is None
    sign_up(client)
    trip.refresh_from_db()
    assert trip.owner == User.objects.get(email="li@example.com")
    assert Client().get(planned["Location"]).status_code == 404  # private now
    assert client.get(planned["Location"]).status_code == 200


def test_sign_in_sign_out_and_a_password_reset_mail(client):
    sign_up(client, "wang@example.com")
    client.post("/accounts/logout/")
    assert client.get("/trips/").status_code == 302
    assert (
        client.post("/accounts/login/", {"login": "wang@example.com", "password": "a long pass phrase 7"}).status_code
        == 302
    )
    assert client.get("/trips/").status_code == 200
    client.post("/accounts/logout/")
    client.post("/accounts/password/reset/", {"email": "wang@example.com"})
    assert len(mail.outbox) >= 1
    assert re.search(r"/accounts/password/reset/key/", mail.outbox[-1].body)


@pytest.fixture
def signed_in(client, django_capture_on_commit_callbacks):
    sign_up(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/plan/", PLAN)
    return client, Trip.objects.get()


def test_my_trips_lists_renames_duplicates_and_deletes_after_asking(signed_in, django_capture_on_commit_callbacks):
    client, trip = signed_in
    page = client.get("/trips/").content.decode()
    assert f'href="/trips/{trip.pk}/"' in page
    assert f"{DATE:%B} {DATE.day}, {DATE.year}" in page  # the first day, as English writes a date
    client.post(f"/trips/{trip.pk}/settings", {"name": "Castle weekend", "notes": "bring cash", "next": "/trips/"})
    trip.refresh_from_db()
    assert (trip.name, trip.notes) == ("Castle weekend", "bring cash")
    assert "Castle weekend" in client.get("/trips/").content.decode()
    copy = client.post(f"/trips/{trip.pk}/duplicate")
    assert Trip.objects.count() == 2
    assert copy["Location"] != f"/trips/{trip.pk}/"
    confirm = client.get(f"/trips/{trip.pk}/delete")
    assert "cannot be undone" in confirm.content.decode()
    assert Trip.objects.filter(pk=trip.pk).exists()
    client.post(f"/trips/{trip.pk}/delete")
    assert not Trip.objects.filter(pk=trip.pk).exists()


def test_an_invite_makes_a_companion_a_collaborator_and_a_revoked_one_does_not(signed_in):
    client, trip = signed_in
    client.post(f"/trips/{trip.pk}/sharing", {"link": "invite", "on": "1"})
    trip.refresh_from_db()
    companion = Client()
    companion.force_login(User.objects.create_user("chen", email="chen@example.com", password="pw"))
    assert companion.get(f"/trips/{trip.pk}/").status_code == 404
    assert companion.get(f"/trips/{trip.pk}/join/{trip.invite_token}").status_code == 200  # asks first
    joined = companion.post(f"/trips/{trip.pk}/join/{trip.invite_token}")
    assert joined.status_code == 302
    assert 'class="stop-edit' in companion.get(f"/trips/{trip.pk}/").content.decode()
    assert "shared with you" in companion.get("/trips/").content.decode()
    stale = trip.invite_token
    client.post(f"/trips/{trip.pk}/sharing", {"link": "invite", "on": "0"})
    late = Client()
    late.force_login(User.objects.create_user("zhao", email="zhao@example.com", password="pw"))
    assert late.get(f"/trips/{trip.pk}/join/{stale}").status_code == 404
    assert Client().get(f"/trips/{trip.pk}/join/{stale}").status_code == 302  # sign in first


def test_a_later_versions_own_link_leads_to_the_trip_at_that_version(signed_in):
    client, trip = signed_in
    first = trip.versions.get()
    days = [[s["slug"] for s in d["stops"]] for d in first.result["days"]]
    second = services.itinerary_edit(itinerary=first, days=days)
    response = client.get(f"/trips/{second.pk}/")
    assert response["Location"] == f"/trips/{trip.pk}/?v=2"
    page = client.get(f"/trips/{trip.pk}/?v=1").content.decode()
    assert "Version 1 of 2" in page
    assert f'action="/trips/{trip.pk}/restore"' in page
    client.post(f"/trips/{trip.pk}/restore", {"version": "1"})
    assert trip.versions.count() == 3
    assert PlanRequest.from_json(trip.versions.get(version=3).request).start == "jincheng"


def test_renaming_returns_to_this_site_only(signed_in):
    client, trip = signed_in
    assert client.post(f"/trips/{trip.pk}/settings", {"name": "a", "next": "/trips/"})["Location"] == "/trips/"
    away = client.post(f"/trips/{trip.pk}/settings", {"name": "b", "next": "https://evil.example/"})
    assert away["Location"] == f"/trips/{trip.pk}/"
