"""If-Match on the API's writes: a write based on what the trip no longer is gets a 412 that says what changed
and the newest version; the ETag follows the trip's name and notes, so a rename is never answered 304."""

import pytest
from rest_framework.test import APIClient

from itineraries.trips import services
from itineraries.trips.request import PlanRequest
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture
def row(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = services.itinerary_create(request=PlanRequest(start="jincheng", days=2, date=upcoming(5, 4)))
    made.refresh_from_db()
    assert made.status == "done", made.error
    return made


def days(row) -> list[list[str]]:
    return [[s["slug"] for s in day["stops"]] for day in row.result["days"]]


def test_an_edit_based_on_a_version_no_longer_the_newest_gets_412(row):
    api = APIClient()
    url = f"/api/v1/itineraries/{row.pk}/"
    tag = api.get(url)["ETag"]
    body = {"days": days(row)}
    first = api.post(url + "edit", body, format="json", headers={"If-Match": tag})
    assert first.status_code == 201
    assert first["ETag"] != tag  # the new version's tag, for the next If-Match
    stale = api.post(url + "edit", body, format="json", headers={"If-Match": tag})
    assert stale.status_code == 412
    assert stale.json()["changed"] == ["version"]
    assert stale.json()["latest_version"] == 2
    assert "changed since you read it" in stale.json()["detail"]
    # restore and re-plan are checked the same way
    assert api.post(url + "versions/1/restore", headers={"If-Match": tag}).status_code == 412
    assert api.post(url + "replan", {"drops": []}, format="json", headers={"If-Match": tag}).status_code == 412
    assert row.trip.versions.count() == 2
    # a client that reads again goes ahead
    newest = first.json()["id"]
    fresh = api.get(f"/api/v1/itineraries/{newest}/")["ETag"]
    again = api.post(f"/api/v1/itineraries/{newest}/edit", body, format="json", headers={"If-Match": fresh})
    assert again.status_code == 201


def test_a_write_without_if_match_is_not_checked(row):
    api = APIClient()
    url = f"/api/v1/itineraries/{row.pk}/"
    assert api.post(url + "edit", {"days": days(row)}, format="json").status_code == 201
    assert api.post(url + "edit", {"days": days(row)}, format="json").status_code == 201


def test_a_rename_over_someone_elses_rename_gets_412_and_keeps_theirs(row):
    api = APIClient()
    url = f"/api/v1/itineraries/{row.pk}/"
    tag = api.get(url)["ETag"]
    assert api.patch(url, {"name": "Ann's"}, format="json", headers={"If-Match": tag}).status_code == 200
    stale = api.patch(url, {"notes": "Bob's notes"}, format="json", headers={"If-Match": tag})
    assert stale.status_code == 412
    assert stale.json()["changed"] == ["name"]
    row.trip.refresh_from_db()
    assert (row.trip.name, row.trip.notes) == ("Ann's", "")


def test_a_rename_or_new_notes_change_the_etag_so_no_stale_304(row):
    """Issue 41, item 11: after a PATCH of the name or notes the itinerary answered 304 with the old ETag."""
    api = APIClient()
    url = f"/api/v1/itineraries/{row.pk}/"
    tag = api.get(url)["ETag"]
    patched = api.patch(url, {"name": "Weekend in Jincheng"}, format="json")
    assert patched.status_code == 200
    again = api.get(url, headers={"If-None-Match": tag})
    assert again.status_code == 200
    assert again.json()["name"] == "Weekend in Jincheng"
    assert again["ETag"] != tag
    assert patched["ETag"] == again["ETag"]
    api.patch(url, {"notes": "bring water"}, format="json")
    assert api.get(url, headers={"If-None-Match": again["ETag"]}).status_code == 200


def test_an_if_match_that_is_not_ours_is_refused(row):
    api = APIClient()
    url = f"/api/v1/itineraries/{row.pk}/"
    response = api.post(url + "edit", {"days": days(row)}, format="json", headers={"If-Match": '"nonsense"'})
    assert response.status_code == 412
    assert api.patch(url, {"name": "x"}, format="json", headers={"If-Match": '"nonsense"'}).status_code == 412
    assert api.patch(url, {"name": "x"}, format="json", headers={"If-Match": "*"}).status_code == 200
