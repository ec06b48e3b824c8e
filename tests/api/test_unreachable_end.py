"""Issue 41, item 9: one-way trips whose end cannot be reached were accepted (202) and then failed ("produced an
infeasible plan"). They are a 400 naming `end` and why, like an unreachable must-see."""

import pytest
from rest_framework.test import APIClient

from itineraries.models import Itinerary
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.mark.parametrize(
    "body",
    [
        {"start": "taiyuan", "end": "yangcheng", "days": 14, "mode": "bicycle", "pace": "packed"},
        {"start": "pingyao-ancient-city", "end": "guanque-tower", "days": 1, "mode": "car"},
    ],
    ids=["bicycle-taiyuan-yangcheng-14d", "car-pingyao-guanque-1d"],
)
def test_an_unreachable_end_is_a_400_naming_end(body):
    response = APIClient().post("/api/v1/itineraries/", {**body, "date": upcoming(5, 4).isoformat()}, format="json")
    assert response.status_code == 400, response.json()
    error = response.json()
    assert [(e["field"], e["code"]) for e in error["errors"]] == [("end", "unreachable")]
    assert "cannot be reached" in error["errors"][0]["message"]
    assert error["message"].startswith("end:")
    assert Itinerary.objects.count() == 0
