"""Issue 41, item 14: the plan form with an unknown themed route said "correct the field marked below" with
nothing marked (the route is a hidden field). The route's error is named above the form."""

import pytest

from itineraries.models import Itinerary
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")
# As a route's link fills the form: its start chosen, the route in a hidden field (here one that does not exist).
FORM = {
    "route": "atlantis-loop",
    "start": "pingyao-ancient-city",
    "date": upcoming(5, 4),
    "pace": "normal",
    "mode": "car",
}


def test_an_unknown_route_is_named_above_the_form(client):
    post = {**FORM, "days": 2}
    response = client.post("/plan/", post)
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="error-route"' in body
    assert "Unknown themed route" in body
    assert "marked below" not in body  # nothing below is marked
    assert Itinerary.objects.count() == 0


def test_a_visible_field_and_an_unknown_route_name_both(client):
    post = {**FORM, "days": 0}
    body = client.post("/plan/", post).content.decode()
    assert 'id="error-route"' in body
    assert 'id="days-errors"' in body
    assert "Please correct the field marked below." in body
