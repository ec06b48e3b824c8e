"""A tourist with an API token and a finished private trip of theirs, for tests of reads by token."""

from __future__ import annotations

from django.contrib.auth.models import User

from itineraries.accounts.tokens import token_create
from itineraries.trips import services
from itineraries.trips.models import Itinerary
from itineraries.trips.request import PlanRequest
from tests.dates import upcoming


def tokened_trip(capture_on_commit) -> tuple[User, str, Itinerary]:
    """The tourist, their token's key and their finished 2-day trip; ``capture_on_commit`` is pytest-django's
    django_capture_on_commit_callbacks fixture (plans are computed when the transaction commits)."""
    tourist = User.objects.create_user("li", email="li@example.com", password="pw")
    _, key = token_create(user=tourist, name="script")
    with capture_on_commit(execute=True):
        made = services.itinerary_create(
            request=PlanRequest(start="jincheng", days=2, date=upcoming(5, 4)), owner=tourist
        )
    made.refresh_from_db()
    assert made.status == "done", made.error
    return tourist, key, made
