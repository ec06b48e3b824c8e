"""Two people with one trip's page open: the forms say what the page showed, so a change based on a page
opened before someone else's is shown beside theirs (409) and can be applied again, and a notes change from an
old page keeps the other person's rename. A trip deleted during a write gets a page, not a 500."""

import pytest
from django.test import Client

from itineraries.trips import services
from itineraries.trips.models import Itinerary, Trip
from itineraries.trips.request import PlanRequest
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture
def row(db, django_capture_on_commit_callbacks) -> Itinerary:
    with django_capture_on_commit_callbacks(execute=True):
        made = services.itinerary_create(request=PlanRequest(start="jincheng", days=2, date=upcoming(5, 4)))
    made.refresh_from_db()
    assert made.status == "done", made.error
    return made


def stops(row: Itinerary) -> list[str]:
    return [s["slug"] for day in row.result["days"] for s in day["stops"]]


def latest(row: Itinerary) -> Itinerary:
    return row.trip.versions.order_by("-version").first()


def test_the_trip_page_forms_say_what_the_page_showed(row, client):
    page = client.get(f"/trips/{row.pk}/").content.decode()
    assert page.count('name="base_version" value="1"') >= 3  # edits, re-plans, optimise
    assert 'name="base_name" value=""' in page
    assert 'name="base_notes" value=""' in page


def test_a_stale_page_edit_shows_both_and_can_be_applied_again(row, client):
    first, second = stops(row)[:2]
    url = f"/trips/{row.pk}/edit"
    assert client.post(url, {"op": "remove", "slug": first, "base_version": "1"}).status_code == 302
    stale = client.post(url, {"op": "remove", "slug": second, "base_version": "1"})
    assert stale.status_code == 409
    body = stale.content.decode()
    assert "Someone changed this trip" in body
    assert "What you saw (version 1)" in body
    assert "Now (version 2)" in body
    assert f'name="slug" value="{second}"' in body  # the re-apply form carries the change
    assert 'name="base_version" value="2"' in body
    assert latest(row).version == 2
    assert second in stops(latest(row))  # nothing was saved for the stale edit
    again = client.post(url, {"op": "remove", "slug": second, "base_version": "2"})
    assert again.status_code == 302
    assert not {first, second} & set(stops(latest(row)))


def test_a_stale_restore_and_re_plan_are_refused_too(row, client, django_capture_on_commit_callbacks):
    client.post(f"/trips/{row.pk}/edit", {"op": "remove", "slug": stops(row)[0], "base_version": "1"})
    assert client.post(f"/trips/{row.pk}/restore", {"version": "1", "base_version": "1"}).status_code == 409
    assert client.post(f"/trips/{row.pk}/replan", {"drop": stops(row)[1], "base_version": "1"}).status_code == 409
    assert client.post(f"/trips/{row.pk}/optimise-day", {"day": "1", "base_version": "1"}).status_code == 409
    assert latest(row).version == 2


def test_notes_saved_from_an_old_page_keep_the_other_persons_rename(row):
    ann, bob = Client(), Client()
    url = f"/trips/{row.pk}/settings"
    opened = {"base_name": "", "base_notes": ""}
    assert ann.post(url, {"name": "Ann's trip", "notes": "", **opened}).status_code == 302
    assert bob.post(url, {"name": "", "notes": "Bring water", **opened}).status_code == 302
    trip = Trip.objects.get(pk=row.trip_id)
    assert (trip.name, trip.notes) == ("Ann's trip", "Bring water")


def test_two_renames_from_old_pages_show_both(row):
    ann, bob = Client(), Client()
    url = f"/trips/{row.pk}/settings"
    opened = {"base_name": "", "base_notes": ""}
    ann.post(url, {"name": "Ann's trip", "notes": "", **opened})
    stale = bob.post(url, {"name": "Bob's trip", "notes": "", **opened})
    assert stale.status_code == 409
    body = stale.content.decode()
    assert "Ann&#x27;s trip" in body
    assert "Bob&#x27;s trip" in body
    assert Trip.objects.get(pk=row.trip_id).name == "Ann's trip"
    saved = bob.post(url, {"name": "Bob's trip", "notes": "", "base_name": "Ann's trip", "base_notes": ""})
    assert saved.status_code == 302
    assert Trip.objects.get(pk=row.trip_id).name == "Bob's trip"


def test_a_trip_deleted_during_an_edit_gets_a_page_not_a_500(row, monkeypatch):
    """Issue 41, item 4: a write racing a delete failed at commit (500) and the trip survived."""
    original = services.plan_as_given

    def deleted_meanwhile(**kwargs):
        Trip.objects.filter(pk=row.trip_id).delete()
        return original(**kwargs)

    monkeypatch.setattr(services, "plan_as_given", deleted_meanwhile)
    client = Client(raise_request_exception=False)
    response = client.post(f"/trips/{row.pk}/edit", {"op": "remove", "slug": stops(row)[0]})
    assert response.status_code == 404
    assert not Trip.objects.filter(pk=row.trip_id).exists()
