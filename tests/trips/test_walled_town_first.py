"""A car trip that starts in Pingyao sees the walled town on day 1 and sleeps inside its walls, as guides do."""

import datetime as dt

import pytest

from itineraries.trips.compute import plan_make
from itineraries.trips.request import PlanRequest
from itineraries.trips.wording import result_wire
from tests.conftest import UNTIMED

pytestmark = pytest.mark.usefixtures("catalogue")
DATE = dt.date(2027, 5, 4)


@pytest.mark.parametrize("start", ["pingyao", "pingyao-ancient-city"])
def test_day_one_is_the_walled_town_and_night_one_is_inside_it(start):
    request = PlanRequest(start=start, days=2, date=DATE, must=("wang-family-compound", "zhangbi-ancient-castle"))
    result = result_wire(plan_make(request=request, solver_seconds=UNTIMED))
    assert "pingyao-ancient-city" in {s["slug"] for s in result["days"][0]["stops"]}
    assert result["days"][0]["lodging"]["slug"] == "stay-pingyao-old-town"
    assert {"wang-family-compound", "zhangbi-ancient-castle"} <= {s["slug"] for s in result["days"][1]["stops"]}


def test_a_trip_from_elsewhere_is_free_to_sleep_where_it_drives_least():
    request = PlanRequest(start="jincheng", days=2, date=DATE, interests=("heritage",))
    result = result_wire(plan_make(request=request, solver_seconds=UNTIMED))
    assert result["days"][0]["lodging"]["slug"] != "stay-pingyao-old-town"
