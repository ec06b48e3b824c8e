"""The public result of a plan: days, stops, legs and nights, as clients and pages read them."""

import datetime as dt
import itertools

import pytest

from itineraries.trips.compute import plan_make
from itineraries.trips.request import PlanRequest
from itineraries.trips.wording import result_wire
from tests.conftest import UNTIMED

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture
def result():
    request = PlanRequest(start="jincheng", days=3, date=dt.date(2027, 5, 3), interests=("temples",))
    return result_wire(plan_make(request=request, solver_seconds=UNTIMED))


def test_every_day_chains_its_legs_from_start_to_night(result):
    for day in result["days"]:
        places = [day["start"]["slug"], *[s["slug"] for s in day["stops"]], day["end"]["slug"]]
        assert [(leg["from"], leg["to"]) for leg in day["legs"]] == list(itertools.pairwise(places))
        assert day["drive_km"] == pytest.approx(sum(leg["km"] for leg in day["legs"]), abs=0.2)


def test_the_next_day_starts_where_the_last_one_slept_and_the_trip_ends_at_home(result):
    days = result["days"]
    for today, tomorrow in itertools.pairwise(days):
        assert today["lodging"]["slug"] == tomorrow["start"]["slug"]
    assert days[-1]["lodging"] is None
    assert days[-1]["end"]["slug"] == "jincheng"


def test_times_run_forward_within_each_day_in_shanghai_time(result):
    for day in result["days"]:
        times = [day["day_start"]]
        for stop in day["stops"]:
            times += [stop["arrive"], stop["start"], stop["depart"]]
        times.append(day["day_end"])
        moments = [dt.datetime.fromisoformat(t) for t in times]
        assert moments == sorted(moments)
        assert all(m.utcoffset() == dt.timedelta(hours=8) for m in moments)


def test_leg_paths_are_lat_lon_pairs_inside_shanxi(result):
    points = [p for day in result["days"] for leg in day["legs"] for p in leg["path"]]
    assert points
    assert all(34 < lat < 41 and 110 < lon < 115 for lat, lon in points)


def test_a_must_see_that_cannot_fit_says_why():
    request = PlanRequest(start="jincheng", days=1, date=dt.date(2027, 5, 3), must=("yingxian-wooden-pagoda",))
    missing = result_wire(plan_make(request=request, solver_seconds=UNTIMED))["missing_must"]
    assert missing
    assert missing[0]["slug"] == "yingxian-wooden-pagoda"
    assert missing[0]["reason"]
