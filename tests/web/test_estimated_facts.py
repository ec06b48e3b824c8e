"""Estimated hours and prices read as estimated on the trip page, in the ICS and on the command line."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from icalendar import Calendar

from itineraries.catalogue.cache import catalogue_version_bump
from itineraries.catalogue.models import Destination
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")
DATE = upcoming(5, 4).isoformat()
PLAN = {"start": "pingyao-ancient-city", "days": 1, "date": DATE, "must": ["shuanglin-temple", "zhenguo-temple"]}


@pytest.fixture
def facts(db):
    """Shuanglin with estimated hours and a free ticket; Zhenguo with confirmed hours and no known price."""
    Destination.objects.filter(slug="shuanglin-temple").update(
        hours_estimated=True, hours_source="", ticket_cny=0, ticket_source="a test page", ticket_estimated=False
    )
    Destination.objects.filter(slug="zhenguo-temple").update(
        hours_estimated=False, hours_source="a test page", ticket_cny=None, ticket_source="", ticket_estimated=False
    )
    catalogue_version_bump()


@pytest.fixture
def trip(facts, django_capture_on_commit_callbacks):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        accepted = client.post("/api/v1/itineraries/", PLAN, content_type="application/json").json()
    return client, accepted["id"]


def _line(body: str, slug: str) -> str:
    """The timeline entry of one stop."""
    start = body.index(f'<li class="stop" data-slug="{slug}"')
    return body[start : body.index("</li>", start)]


def test_the_trip_page_says_which_hours_to_check_and_tells_free_from_unknown(trip):
    client, trip_id = trip
    body = client.get(f"/trips/{trip_id}/").content.decode()
    shuanglin, zhenguo = _line(body, "shuanglin-temple"), _line(body, "zhenguo-temple")
    assert "hours not confirmed, check before you go" in shuanglin
    assert "free" in shuanglin
    assert "hours not confirmed" not in zhenguo
    assert "ticket price unknown" in zhenguo


def test_the_api_stop_carries_the_flags(trip):
    client, trip_id = trip
    stops = {
        s["slug"]: s for d in client.get(f"/api/v1/itineraries/{trip_id}/").json()["result"]["days"] for s in d["stops"]
    }
    assert stops["shuanglin-temple"]["hours_estimated"] is True
    assert stops["zhenguo-temple"]["hours_estimated"] is False
    assert stops["zhenguo-temple"]["ticket_cny"] is None


def test_the_calendar_event_says_the_hours_are_not_confirmed(trip):
    client, trip_id = trip
    calendar = Calendar.from_ical(client.get(f"/api/v1/itineraries/{trip_id}/ics").content)
    notes = {str(e.get("summary")): str(e.get("description")) for e in calendar.walk("VEVENT")}
    shuanglin = next(v for k, v in notes.items() if "Shuanglin" in k)
    zhenguo = next(v for k, v in notes.items() if "Zhenguo" in k)
    assert "not confirmed" in shuanglin
    assert "free" in shuanglin
    assert "not confirmed" not in zhenguo
    assert "unknown" in zhenguo


def test_the_command_line_plan_flags_estimated_hours(facts):
    out = io.StringIO()
    call_command(
        "plan",
        "--start",
        "pingyao-ancient-city",
        "--days",
        "1",
        "--date",
        DATE,
        "--must",
        "shuanglin-temple,zhenguo-temple",
        stdout=out,
    )
    text = out.getvalue()
    assert "check before you go" in next(line for line in text.splitlines() if "Shuanglin" in line)
    assert "check before you go" not in next(line for line in text.splitlines() if "Zhenguo" in line)
