"""The engine problem a request poses over the catalogue, and the app's stopping rule."""

import datetime as dt

import pytest

from itineraries.routing import Deadline, FirstOf
from itineraries.trips.request import MOVING_LIMITS, PlanRequest
from itineraries.trips.selectors import plan_stop, problem_for_request

pytestmark = pytest.mark.usefixtures("catalogue")


def test_the_problem_has_one_day_per_date_and_the_mode_s_driving_cap():
    request = PlanRequest(start="jincheng", days=3, date=dt.date(2027, 5, 3), mode="ebike", pace="relaxed")
    context = problem_for_request(request)
    assert len(context.problem.days) == 3
    assert all(day.max_drive == MOVING_LIMITS["ebike"]["relaxed"] for day in context.problem.days)
    assert context.slugs[context.problem.start] == "jincheng"
    assert context.slugs[context.problem.end] == "jincheng"


def test_avoided_places_are_not_in_the_problem_and_must_sees_are_forced():
    request = PlanRequest(
        start="jincheng", days=2, date=dt.date(2027, 5, 3), must=("wangmangling",), avoid=("xiangyu-castle",)
    )
    context = problem_for_request(request)
    assert "xiangyu-castle" not in context.slugs
    assert {context.slugs[n] for n in context.problem.must} == {"wangmangling"}


def test_a_place_closed_on_a_date_has_no_window_that_day():
    request = PlanRequest(start="pingyao-ancient-city", days=1, date=dt.date(2027, 5, 3))
    context = problem_for_request(request)
    node = context.slugs.index("shuanglin-temple")
    assert context.problem.nodes[node].windows[0] is not None


def test_the_app_stops_at_its_time_limit_or_when_the_search_has_converged():
    stop = plan_stop(solver_seconds=2.5)
    assert isinstance(stop, FirstOf)
    deadlines = [c for c in stop.criteria if isinstance(c, Deadline)]
    assert [d.seconds for d in deadlines] == [2.5]  # one limit shared by every solve of the request
    assert len(stop.criteria) == 3


def test_a_short_car_trip_looks_for_places_near_its_start_unless_named():
    short = problem_for_request(PlanRequest(start="jincheng", days=3, date=dt.date(2027, 5, 3)))
    assert "cao-family-compound" not in short.slugs  # about 290 km away in Taigu
    assert "guoyu-castle" in short.slugs
    named = problem_for_request(
        PlanRequest(start="jincheng", days=3, date=dt.date(2027, 5, 3), must=("cao-family-compound",))
    )
    assert "cao-family-compound" in named.slugs
    assert "qiao-family-compound" in named.slugs  # near the must-see, so within the trip's reach
    long = problem_for_request(PlanRequest(start="jincheng", days=7, date=dt.date(2027, 5, 3)))
    assert "cao-family-compound" in long.slugs
    riding = problem_for_request(PlanRequest(start="jincheng", days=2, date=dt.date(2027, 5, 3), mode="ebike"))
    assert "cao-family-compound" in riding.slugs  # riders are kept near by their caps instead


def test_legs_over_200_km_are_impossible_on_short_car_trips_except_to_named_places():
    context = problem_for_request(
        PlanRequest(start="jincheng", days=3, date=dt.date(2027, 5, 3), must=("cao-family-compound",))
    )
    problem, distance = context.problem, context.problem.distance
    assert distance is not None
    named = {0, 1, *problem.must}
    far = [(i, j) for i in range(len(problem.nodes)) for j in range(len(problem.nodes)) if distance[i, j] > 200]
    assert far, "the must-see is far from the start"
    for i, j in far:
        day = max(d.end - d.start for d in problem.days)
        assert (problem.travel[i, j] > day) == (i not in named and j not in named)


def test_a_second_problem_over_an_unchanged_catalogue_reads_no_place_or_its_hours_again(monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from itineraries.catalogue import hours
    from itineraries.catalogue.models import Destination

    request = PlanRequest(start="pingyao-ancient-city", days=3, date=dt.date(2027, 5, 3), interests=("heritage",))
    first = problem_for_request(request)
    read_hours = []
    monkeypatch.setattr(hours, "season_for", lambda *args: read_hours.append(args) or None)
    with CaptureQueriesContext(connection) as queries:
        again = problem_for_request(request)
    assert not [q["sql"] for q in queries if Destination._meta.db_table in q["sql"]]
    assert read_hours == []
    assert again.problem.nodes == first.problem.nodes


def test_a_catalogue_edit_is_seen_by_the_next_problem():
    from itineraries.catalogue.models import Destination

    request = PlanRequest(start="pingyao-ancient-city", days=1, date=dt.date(2027, 5, 3))
    node = problem_for_request(request).slugs.index("shuanglin-temple")
    assert problem_for_request(request).problem.nodes[node].windows[0] is not None
    place = Destination.objects.get(slug="shuanglin-temple")
    place.opening_hours = [{"days": "daily", "closed": True}]
    place.save()  # an editor's save bumps the catalogue's version
    context = problem_for_request(request)
    assert context.problem.nodes[context.slugs.index("shuanglin-temple")].windows[0] is None
