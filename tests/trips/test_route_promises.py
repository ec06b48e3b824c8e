"""Themed routes keep what their descriptions promise: where they sleep, what day 1 holds, what a longer trip
adds, how much a cycling day rides, and nothing far from the route's own places."""

import calendar
from dataclasses import replace

import pytest

from itineraries.catalogue.models import ThemedRoute
from itineraries.catalogue.promises import Promises, promise_errors
from itineraries.trips.compute import plan_make
from itineraries.trips.promises import Broken, broken_promises, riding_minutes
from itineraries.trips.trip_result import TripResult
from itineraries.trips.validation import PlanInput, plan_request_build
from tests.conftest import UNTIMED
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")
ROUTES = [
    "follow-wukong",
    "qinhe-castle-ring",
    "taihang-no1-jincheng",
    "jincheng-health-retreat",
    "henghe-cycling-weekend",
    "pingyao-jinzhong-culture",
]
WUKONG_SITES = {"shuanglin-temple", "zhenguo-temple", "xiaoxitian"}


def _plan(slug: str, extra_days: int) -> tuple[ThemedRoute, TripResult]:
    route = ThemedRoute.objects.get(slug=slug)
    # a spring Wednesday: the season every route is written for, and no Monday closures on day 1
    given = PlanInput(route=slug, days=route.days + extra_days, date=upcoming(5, 4, calendar.WEDNESDAY))
    return route, plan_make(request=plan_request_build(given=given), solver_seconds=UNTIMED)


@pytest.mark.parametrize("extra_days", [0, 1, 2])
@pytest.mark.parametrize("slug", ROUTES)
def test_route_keeps_every_promise(slug, extra_days):
    route, result = _plan(slug, extra_days)
    promises = Promises.from_json(route.promises)
    assert result.missing_must == ()
    assert broken_promises(result, promises, route_days=route.days, mode=route.mode) == []
    assert not [a for a in result.advice if a.code == "route_promise"]
    promised = promises.nights_for(route.days + extra_days, route.days)
    nights = [day.lodging.slug if day.lodging else None for day in result.days[: len(promised)]]
    assert [n for n, p in zip(nights, promised, strict=True) if p] == [p for p in promised if p]


def test_follow_wukong_sleeps_in_pingyao_and_four_days_add_a_game_site():
    _route, two = _plan("follow-wukong", 0)
    assert two.days[0].lodging.slug == "stay-pingyao-old-town"
    assert "pingyao-ancient-city" in {s.slug for s in two.days[0].stops}
    assert not {"jinci-temple", "twin-pagoda-temple"} & {s.slug for s in two.stops}
    _route, four = _plan("follow-wukong", 2)
    assert {s.slug for s in four.stops} >= WUKONG_SITES


def test_taihang_drive_stays_on_the_highway_and_sleeps_on_the_ridge():
    _route, result = _plan("taihang-no1-jincheng", 0)
    seen = {s.slug for s in result.stops}
    assert not {"huangcheng-xiangfu", "guoyu-castle", "xiangyu-castle"} & seen  # the castles are another route
    assert result.days[0].lodging.slug == "stay-wangmangling-homestays"


def test_henghe_weekend_rides_every_day_by_the_gorge_to_henghe():
    route, result = _plan("henghe-cycling-weekend", 0)
    first = [s.slug for s in result.days[0].stops]
    assert "manghe-scenic-area" in first
    assert result.days[-1].end.slug == "stay-henghe-riders-inn"
    assert all(riding_minutes(day) >= route.promises["riding_minutes"] for day in result.days)


def test_broken_promises_are_each_reported():
    route, result = _plan("taihang-no1-jincheng", 0)
    promises = Promises.from_json({**route.promises, "riding_minutes": 10_000})
    first = result.days[0]
    elsewhere = replace(first.end, slug="stay-jincheng-city")
    first = replace(first, lodging=elsewhere, stops=tuple(s for s in first.stops if s.slug != "wangmangling"))
    result = replace(result, days=(first, *result.days[1:]))
    broken = broken_promises(result, promises, route_days=route.days + 1, mode="ebike")
    assert Broken("night", 1, "stay-wangmangling-homestays") in broken
    assert Broken("day_one", 1, "wangmangling") in broken
    assert Broken("added", None, "zheshui-village") not in broken  # a 3-day trip of a 4-day route adds nothing
    assert [b.day for b in broken if b.code == "riding"] == [1, 2, 3]
    days = tuple(replace(day, stops=tuple(s for s in day.stops if s.slug != "zheshui-village")) for day in result.days)
    result = replace(result, days=days)
    longer = broken_promises(result, promises, route_days=route.days - 1, mode="car")
    assert Broken("added", None, "zheshui-village") in longer


def test_promises_name_known_places_only():
    sights, lodgings = {"wangmangling"}, {"stay-lingchuan"}
    assert promise_errors({"nights": ["stay-lingchuan", ""], "day_one": ["wangmangling"]}, sights, lodgings) == []
    errors = promise_errors(
        {"nights": ["wangmangling"], "longer": ["nowhere"], "reach_km": -1, "sunrise": True}, sights, lodgings
    )
    assert {message.split(":")[0].split(" ")[0] for _field, message in errors} >= {"nights", "longer", "reach_km"}
    assert any("sunrise" in message for _field, message in errors)
