"""Itineraries in the admin are read-only, listed by what was asked, and say why a plan failed."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.test import Client

from itineraries.models import Itinerary
from itineraries.trips.lifecycle import failure_detail
from itineraries.trips.request import PlanRequest
from tests.dates import upcoming

DATE = upcoming(5, 4)


@pytest.fixture
def failed(db):
    try:
        {}["days"]
    except KeyError as exc:
        detail = failure_detail(exc)
    return Itinerary.objects.new_trip(
        request=PlanRequest(start="jincheng", days=3, date=DATE).to_json(),
        status="failed",
        error="Planning failed: KeyError",
        error_detail=detail,
        owner=User.objects.create_user("tourist"),
    )


def test_the_list_shows_what_was_asked_and_links_the_trip_page(editor, failed):
    body = editor.get("/admin/itineraries/itinerary/").content.decode()
    assert '<td class="field-start">jincheng</td>' in body
    assert '<td class="field-days">3</td>' in body
    assert DATE.isoformat() in body
    assert f'href="/trips/{failed.pk}/"' in body


def test_a_single_itinerary_cannot_be_edited_and_says_where_it_failed(editor, failed):
    page = editor.get(f"/admin/itineraries/itinerary/{failed.pk}/change/").content.decode()
    assert "KeyError: &#x27;days&#x27; at test_itinerary_admin.py" in page
    assert 'name="status"' not in page
    assert 'name="owner"' not in page
    assert 'name="claim"' not in page
    assert '<div class="readonly">tourist</div>' in page  # the owner, read from the trip
    editor.post(f"/admin/itineraries/itinerary/{failed.pk}/change/", {"status": "done"})
    failed.refresh_from_db()
    assert failed.status == "failed"
    assert editor.get("/admin/itineraries/itinerary/add/").status_code == 403


def test_a_rerun_writes_a_history_entry(editor, failed, django_capture_on_commit_callbacks):
    chosen = {"action": "rerun", "_selected_action": [str(failed.pk)]}
    editor.post("/admin/itineraries/itinerary/", {**chosen, "confirm": "yes", "reason": "worker fixed"})
    failed.refresh_from_db()
    assert failed.status == "failed"
    assert failed.error == "Planning failed: KeyError"
    again = Itinerary.objects.get(replanned_from=failed)
    assert (again.version, again.origin, again.reason) == (2, "rerun", "worker fixed")
    assert LogEntry.objects.get(object_id=str(failed.pk)).change_message == "Re-run as version 2: worker fixed"


def test_no_one_deletes_a_version_in_the_admin(failed):
    """Deleting is the owner's (trips.services.trip_delete): a superuser's delete page and action are refused."""
    admin = Client()
    admin.force_login(User.objects.create_superuser("root", password="pw"))
    assert admin.get(f"/admin/itineraries/itinerary/{failed.pk}/delete/").status_code == 403
    chosen = {"action": "delete_selected", "_selected_action": [str(failed.pk)], "post": "yes"}
    admin.post("/admin/itineraries/itinerary/", chosen)
    assert Itinerary.objects.filter(pk=failed.pk).exists()
