"""Themed routes from the articles, and plans that follow the season."""

import pytest
from rest_framework.test import APIClient

from itineraries.catalogue.cache import catalogue_version_bump
from itineraries.models import Destination, ThemedRoute
from itineraries.trips.compute import plan_make
from itineraries.trips.request import PlanRequest
from itineraries.trips.selectors import problem_for_request
from itineraries.trips.validation import PlanInput, plan_request_build
from itineraries.trips.wording import result_wire
from tests.api.test_itineraries import _replay
from tests.conftest import UNTIMED
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")
SPRING = upcoming(5, 4)
WINTER = upcoming(1, 12)  # the tests below that use it are about winter hours and a winter closure
SUMMER = upcoming(7, 10)  # the test that uses it is about Jincheng's summer note (June to August)


ROUTES = [
    "follow-wukong",
    "qinhe-castle-ring",
    "taihang-no1-jincheng",
    "jincheng-health-retreat",
    "henghe-cycling-weekend",
    "pingyao-jinzhong-culture",
]


def plan_route(slug: str, **extra) -> tuple[dict, dict]:
    request = plan_request_build(given=PlanInput(**{"route": slug, "date": SPRING, **extra}))
    return request.to_json(), result_wire(plan_make(request=request, solver_seconds=UNTIMED))


def test_routes_are_listed_with_their_source():
    body = APIClient().get("/api/v1/routes/").json()
    slugs = {r["slug"] for r in body}
    assert set(ROUTES) <= slugs
    assert all(r["source"].startswith("article:") for r in body)


@pytest.mark.parametrize("slug", ROUTES)
def test_each_route_gives_a_feasible_plan_with_its_must_sees(slug):
    route = ThemedRoute.objects.get(slug=slug)
    request, result = plan_route(slug)
    assert len(result["days"]) == route.days
    visited = {s["slug"] for d in result["days"] for s in d["stops"]}
    assert set(route.must) <= visited
    assert result["missing_must"] == []
    assert _replay({"request": request, "result": result}) == []


def test_a_route_is_only_a_starting_point():
    request, _result = plan_route("follow-wukong", days=3, mode="ebike", interests=("heritage",))
    assert request["days"] == 3
    assert request["mode"] == "ebike"
    assert request["interests"] == ["heritage"]
    assert request["must"] == ["shuanglin-temple", "zhenguo-temple", "pingyao-ancient-city"]  # e-bike: no adds
    assert request["route"] == "follow-wukong"


def test_unknown_route_is_400_naming_the_field():
    response = APIClient().post("/api/v1/itineraries/", {"route": "atlantis"}, format="json")
    assert response.status_code == 400
    assert {e["field"]: e["code"] for e in response.json()["errors"]} == {"route": "unknown_route"}


def test_cycling_weekend_never_uses_an_expressway():
    request_json, result = plan_route("henghe-cycling-weekend")
    request = PlanRequest.from_json(request_json)
    context = problem_for_request(request)
    row = {k: i for i, k in enumerate(context.matrix.keys)}
    for day in result["days"]:
        for leg in day["legs"]:
            edges = context.network.path_edges(context.matrix, row[leg["from"]], row[leg["to"]])
            assert all(e.kind != "expressway" for e in edges), leg


def test_winter_uses_winter_hours_and_a_shorter_day():
    summer = problem_for_request(PlanRequest(start="pingyao-ancient-city", days=1, date=SPRING))
    winter = problem_for_request(PlanRequest(start="pingyao-ancient-city", days=1, date=WINTER))
    node = summer.slugs.index("pingyao-ancient-city", 2)
    assert summer.windows[node][0] == (8 * 60, 18 * 60)  # okchina.net: Apr 1-Oct 8 08:00-18:00
    assert winter.windows[node][0] == (8 * 60, 17 * 60 + 30)  # Oct 9-Mar 31 08:00-17:30
    assert (winter.problem.days[0].end - winter.problem.days[0].start) < (
        summer.problem.days[0].end - summer.problem.days[0].start
    )


def test_a_place_closed_for_the_season_is_never_planned():
    place = Destination.objects.get(slug="shuanglin-temple")
    place.opening_hours = [
        {"from": "11-01", "to": "03-31", "closed": True},
        {"from": "04-01", "to": "10-31", "open": "08:30", "close": "17:30"},
    ]
    place.weight = 10
    place.save()
    catalogue_version_bump()
    winter_request = PlanRequest(start="pingyao-ancient-city", days=2, date=WINTER, interests=("temples",))
    winter = result_wire(plan_make(request=winter_request, solver_seconds=UNTIMED))
    assert "shuanglin-temple" not in {s["slug"] for d in winter["days"] for s in d["stops"]}
    spring = result_wire(
        plan_make(
            request=PlanRequest(start="pingyao-ancient-city", days=2, date=SPRING, interests=("temples",)),
            solver_seconds=UNTIMED,
        )
    )
    assert "shuanglin-temple" in {s["slug"] for d in spring["days"] for s in d["stops"]}


def test_days_carry_a_seasonal_note_from_the_catalogue():
    _, result = plan_route("qinhe-castle-ring", date=SUMMER)
    first = [(day["stops"] or [day["start"]])[0]["slug"] for day in result["days"]]
    cities = [Destination.objects.get(slug=slug).city for slug in first]
    assert "Jincheng" in cities  # the castle ring is in Jincheng
    for city, day in zip(cities, result["days"], strict=True):
        note = day["season_note"]
        if city == "Jincheng":  # Jincheng's summer note, in both languages
            assert "22 °C" in note["en"]
            assert "22℃" in note["zh"]
        else:
            assert note is None or "22 °C" not in note["en"]
