import datetime as dt

import gpxpy
import pytest
from django.contrib.auth.models import User
from icalendar import Calendar
from rest_framework.test import APIClient

from itineraries.models import Itinerary
from itineraries.routing import check, schedule_day
from itineraries.routing.plan import Plan
from itineraries.trips.request import PlanRequest
from itineraries.trips.selectors import problem_for_request
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")
TRIP_DATE = upcoming(5, 4).isoformat()


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def submit(django_capture_on_commit_callbacks):
    """POST a plan; the compute that would follow the commit runs before this returns."""

    def post(api, **overrides):
        body = {"start": "pingyao-ancient-city", "days": 3, "date": TRIP_DATE, "interests": ["heritage", "temples"]}
        body.update(overrides)
        with django_capture_on_commit_callbacks(execute=True):
            return api.post("/api/v1/itineraries/", body, format="json")

    return post


@pytest.fixture
def replan(django_capture_on_commit_callbacks):
    def post(api, itinerary_id, body):
        with django_capture_on_commit_callbacks(execute=True):
            return api.post(f"/api/v1/itineraries/{itinerary_id}/replan", body, format="json")

    return post


def test_submit_answers_202_and_the_plan_is_done_with_the_contract(api, submit):
    response = submit(api)
    assert response.status_code == 202
    accepted = response.json()
    assert set(accepted) == {"id", "status", "url"}
    assert accepted["url"].endswith(f"/itineraries/{accepted['id']}/")
    body = api.get(f"/api/v1/itineraries/{accepted['id']}/").json()
    assert body["status"] == "done"
    assert body["progress"] == 100
    assert body["error"] == ""
    days = body["result"]["days"]
    assert [d["date"] for d in days] == [
        TRIP_DATE,
        *[(dt.date.fromisoformat(TRIP_DATE) + dt.timedelta(days=i)).isoformat() for i in (1, 2)],
    ]
    for day in days:
        for stop in day["stops"]:
            assert {"slug", "name_en", "name_zh", "lat", "lon", "arrive", "depart"} <= set(stop)
            assert stop["arrive"].endswith("+08:00")
        assert len(day["legs"]) == len(day["stops"]) + 1
        assert all({"from", "to", "km", "minutes"} <= set(leg) for leg in day["legs"])
    assert days[0]["lodging"] is not None
    assert days[-1]["lodging"] is None
    assert days[0]["lodging"]["slug"] == days[1]["start"]["slug"]


def _replay(body):
    """Rebuild the engine plan from the JSON result and check it against a fresh problem."""
    request = PlanRequest.from_json(body["request"])
    context = problem_for_request(request)
    index = {slug: i for i, slug in enumerate(context.slugs) if i >= 2}
    days = []
    for d, day in enumerate(body["result"]["days"]):
        end = 1 if d == len(body["result"]["days"]) - 1 else context.slugs.index(day["lodging"]["slug"], 2)
        begin = 0 if d == 0 else days[-1].end
        days.append(schedule_day(context.problem, d, begin, end, [index[s["slug"]] for s in day["stops"]]))
    score = sum(context.problem.nodes[v.node].score for day in days for v in day.visits)
    return check(context.problem, Plan(tuple(days), score, sum(day.drive for day in days)))


def test_result_is_feasible_when_replayed_through_the_checker(api, submit):
    body = api.get(submit(api).json()["url"]).json()
    assert _replay(body) == []


def test_temple_lovers_and_cyclists_get_different_trips(api, submit):
    temples = api.get(submit(api, interests=["temples"]).json()["url"]).json()["result"]
    cycling = api.get(submit(api, start="jincheng", interests=["cycling"], days=2).json()["url"]).json()["result"]
    temple_stops = {s["slug"] for d in temples["days"] for s in d["stops"]}
    cycling_stops = {s["slug"] for d in cycling["days"] for s in d["stops"]}
    assert {"shuanglin-temple", "zhenguo-temple"} <= temple_stops
    assert "henghe-cycling-town" in cycling_stops


def test_must_see_is_in_the_plan(api, submit):
    body = api.get(submit(api, must=["xiangyu-castle"], days=3).json()["url"]).json()
    assert "xiangyu-castle" in {s["slug"] for d in body["result"]["days"] for s in d["stops"]}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"days": 0}, "days"),
        ({"days": 15}, "days"),
        ({"days": "three"}, "days"),
        ({"start": "atlantis"}, "start"),
        ({"date": "2020-01-01"}, "date"),
        ({"date": "03/05/2027"}, "date"),
        ({"interests": ["shopping"]}, "interests"),
        ({"mode": "plane"}, "mode"),
        ({"pace": "sprint"}, "pace"),
        ({"must": ["atlantis"]}, "must"),
        ({"must": ["stay-jincheng-city"]}, "must"),
        ({"must": ["yingxian-wooden-pagoda"], "mode": "bicycle", "days": 1}, "must"),
        ({"must": ["guoyu-castle"], "avoid": ["guoyu-castle"]}, "avoid"),
        ({"seed": -1}, "seed"),
        ({"rest_days": [1]}, "rest_days"),
        ({"rest_days": [3], "days": 3}, "rest_days"),
        ({"rest_days": ["two"]}, "rest_days"),
        ({"start": "jincheng", "end": "taiyuan", "mode": "bicycle", "days": 1}, "end"),
    ],
)
def test_bad_input_is_400_naming_the_field_and_stores_nothing(api, submit, overrides, field):
    response = submit(api, **overrides)
    assert response.status_code == 400, response.content
    named = [e for e in response.json()["errors"] if e["field"].split("[")[0] == field]  # a list item: field[i]
    assert named, response.json()
    assert all(e["message"] and e["code"] for e in named), named
    assert Itinerary.objects.count() == 0


def test_missing_fields_and_non_json_bodies_are_400(api):
    response = api.post("/api/v1/itineraries/", {}, format="json")
    assert response.status_code == 400
    assert {"start", "days"} <= {e["field"] for e in response.json()["errors"]}
    response = api.post("/api/v1/itineraries/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()
    response = api.post("/api/v1/itineraries/", "[1, 2]", content_type="application/json")
    assert response.status_code == 400


def test_a_body_over_the_parsers_limit_is_413_as_documented(api):
    huge = '{"start": "pingyao-ancient-city", "days": 2, "avoid": ["' + "x" * 400_000 + '"]}'
    response = api.post("/api/v1/itineraries/", huge, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"


def test_unknown_or_malformed_ids_are_404(api):
    assert api.get("/api/v1/itineraries/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert api.get("/api/v1/itineraries/not-a-uuid/").status_code == 404
    assert api.get("/api/v1/itineraries/00000000-0000-0000-0000-000000000000/gpx").status_code == 404


def test_gpx_export_parses_and_matches_the_plan(api, submit):
    url = submit(api).json()["url"]
    result = api.get(url).json()["result"]
    gpx = gpxpy.parse(api.get(url + "gpx").content.decode())
    assert len(gpx.tracks) == 3
    stops = [s for d in result["days"] for s in d["stops"]]
    named = [w for w in gpx.waypoints if not w.name.startswith("Night")]
    assert [w.name for w in named] == [f"{s['name_en']} {s['name_zh']}" for s in stops]
    assert all(abs(w.latitude - s["lat"]) < 1e-6 for w, s in zip(named, stops, strict=True))
    first_track = gpx.tracks[0].segments[0].points
    assert len(first_track) > len(result["days"][0]["stops"]) + 1  # follows road geometry, not straight lines


def test_ics_export_parses_and_matches_the_plan(api, submit):
    url = submit(api).json()["url"]
    result = api.get(url).json()["result"]
    cal = Calendar.from_ical(api.get(url + "ics").content)
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    stops = [s for d in result["days"] for s in d["stops"]]
    assert len(events) == len(stops)
    for event, stop in zip(events, stops, strict=True):
        assert stop["name_zh"] in str(event["summary"])
        assert event.decoded("dtstart") == dt.datetime.fromisoformat(stop["start"])
        assert event.decoded("dtstart").utcoffset() == dt.timedelta(hours=8)
        assert str(event.decoded("dtstart").tzinfo) == "Asia/Shanghai"
    assert any(c.name == "VTIMEZONE" for c in cal.walk())


def test_geojson_export(api, submit):
    url = submit(api).json()["url"]
    result = api.get(url).json()["result"]
    body = api.get(url + "geojson").json()
    assert body["type"] == "FeatureCollection"
    lines = [f for f in body["features"] if f["geometry"]["type"] == "LineString"]
    points = [f for f in body["features"] if f["geometry"]["type"] == "Point"]
    moving = [
        (leg["from"], leg["to"])
        for day in result["days"]
        for leg in day["legs"]
        if leg["from"] != leg["to"] and leg["km"]
    ]
    assert [(f["properties"]["from"], f["properties"]["to"]) for f in lines] == moving
    assert all(len({tuple(p) for p in f["geometry"]["coordinates"]}) >= 2 for f in lines)  # nothing zero-length
    assert [f["properties"]["slug"] for f in points] == [s["slug"] for day in result["days"] for s in day["stops"]]


def test_exports_of_an_unfinished_plan_are_409(api):
    itinerary = Itinerary.objects.new_trip(request={"start": "x"})
    assert api.get(f"/api/v1/itineraries/{itinerary.pk}/gpx").status_code == 409


def test_replan_pins_and_drops(api, submit, replan):
    first = api.get(submit(api).json()["url"]).json()
    planned = [s["slug"] for d in first["result"]["days"] for s in d["stops"]]
    dropped = planned[0]
    response = replan(api, first["id"], {"pins": ["xiangyu-castle"], "drops": [dropped]})
    assert response.status_code == 202
    second = api.get(response.json()["url"]).json()
    stops = {s["slug"] for d in second["result"]["days"] for s in d["stops"]}
    assert "xiangyu-castle" in stops, (
        second["result"]["missing_must"],
        [[s["slug"] for s in d["stops"]] for d in second["result"]["days"]],
    )
    assert dropped not in stops
    bad = replan(api, first["id"], {"pins": ["atlantis"]})
    assert bad.status_code == 400
    assert "pins" in {e["field"] for e in bad.json()["errors"]}


def test_token_auth_for_api_clients(api, submit):
    from rest_framework.authtoken.models import Token

    user = User.objects.create_user("carol", password="pw")
    token = Token.objects.create(user=user)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    itinerary_id = submit(api).json()["id"]
    assert Itinerary.objects.get(pk=itinerary_id).trip.owner == user


def test_schema_docs_and_health(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/v1/itineraries/" in schema.json()["paths"]
    assert api.get("/api/docs/").status_code == 200
    health = api.get("/healthz")
    assert health.status_code == 200
    assert health.json()["database"] == "ok"
