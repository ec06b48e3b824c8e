import pytest
from django.test import Client

from itineraries.models import Itinerary
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")
DATE = upcoming(5, 4).isoformat()


@pytest.fixture
def client():
    return Client()


def test_home_lists_themes_and_places(client):
    body = client.get("/").content.decode()
    assert "Follow Wukong" in body
    assert "Shuanglin Temple · 双林寺" in body
    assert "/static/leaflet/leaflet.js" in body


def test_home_in_chinese_shows_chinese_first(client):
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    body = client.get("/").content.decode()
    assert "双林寺 · Shuanglin Temple" in body
    assert "规划行程" in body


def test_plan_form_posts_and_redirects_to_the_trip(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/plan/",
            {
                "start": "pingyao-ancient-city",
                "date": DATE,
                "days": 2,
                "interests": ["heritage"],
                "pace": "normal",
                "mode": "car",
            },
        )
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    body = page.content.decode()
    assert "Day 1" in body
    assert "Day 2" in body
    assert "trip.gpx" in body


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"days": 0}, "days"),
        ({"date": "2001-01-01"}, "date"),
        ({"start": "atlantis"}, "start"),
        ({"mode": "plane"}, "mode"),
        ({"rest_days": "two"}, "rest_days"),
        ({"rest_days": "2"}, "rest_days"),  # a 2-day trip has no day between setting off and coming back
    ],
)
def test_plan_form_errors_are_next_to_the_field(client, data, field):
    post = {"start": "pingyao-ancient-city", "date": DATE, "days": 2, "pace": "normal", "mode": "car", **data}
    response = client.post("/plan/", post)
    assert response.status_code == 400
    assert f'id="{field}-errors"' in response.content.decode()
    assert Itinerary.objects.count() == 0


def test_progress_and_failure_pages(client):
    queued = Itinerary.objects.new_trip(request={"days": 2, "date": DATE, "start": "jincheng"}, progress=40)
    body = client.get(f"/trips/{queued.pk}/").content.decode()
    assert '<progress id="progress"' in body
    assert 'value="40"' in body
    failed = Itinerary.objects.new_trip(
        request={"days": 2, "date": DATE, "start": "jincheng"}, status="failed", error="Planning took too long"
    )
    assert "Planning took too long" in client.get(f"/trips/{failed.pk}/").content.decode()
    assert client.get("/trips/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_drop_from_the_page_replans_without_the_place(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/plan/", {"start": "jincheng", "date": DATE, "days": 2, "pace": "normal", "mode": "car"})
    trip = Itinerary.objects.get()
    dropped = trip.result["days"][0]["stops"][0]["slug"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(first["Location"] + "replan", {"drop": dropped})
    new = Itinerary.objects.exclude(pk=trip.pk).get()
    assert response["Location"].endswith(f"/trips/{trip.pk}/")  # the trip keeps its link; the re-plan is version 2
    assert (new.trip_id, new.version) == (trip.pk, 2)
    assert dropped not in {s["slug"] for d in new.result["days"] for s in d["stops"]}


def test_a_refused_replan_says_why_on_the_trip_page(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/plan/", {"start": "jincheng", "date": DATE, "days": 2, "pace": "normal", "mode": "car"})
    response = client.post(first["Location"] + "replan", {"pin": "no-such-place"}, follow=True)
    assert Itinerary.objects.count() == 1  # nothing planned
    assert response.redirect_chain[-1][0].endswith(first["Location"])
    assert "no-such-place" in response.content.decode()  # the refusal names what it refused


def test_forms_carry_csrf_protection():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/plan/", {"start": "jincheng", "date": DATE, "days": 1})
    assert response.status_code == 403


def test_home_offers_the_themed_routes(client):
    body = client.get("/").content.decode()
    assert 'href="/plan/?route=follow-wukong"' in body
    assert "Qinhe castle ring" in body


def test_a_route_prefills_the_form(client):
    body = client.get("/plan/?route=follow-wukong").content.decode()
    assert 'value="follow-wukong"' in body
    assert 'value="shuanglin-temple" checked' in body
    assert 'value="wukong"' in body
    assert 'value="wukong" checked' in body.replace(' id="id_interests_2"', "")


def test_compare_car_with_ebike(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/plan/", {"start": "jincheng", "date": DATE, "days": 2, "pace": "normal", "mode": "car"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(first["Location"] + "compare", {"variant": "ebike"})
    assert "/compare/" in response["Location"]
    body = client.get(response["Location"]).content.decode()
    assert body.count('class="km"') == 2
    assert "2 days by car" in body
    assert "2 days by e-bike" in body


def test_chinese_lists_sort_by_pinyin(client):
    import re

    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    body = client.get("/plan/").content.decode()
    must = body[body.index('id="id_must"') :]
    slugs = re.findall(r'name="must" value="([a-z0-9-]+)"', must)
    from itineraries.catalogue.models import Destination

    pinyin = {d.slug: (d.name_pinyin or d.name_en).lower() for d in Destination.objects.all()}
    keys = [pinyin[s] for s in slugs]
    assert keys == sorted(keys)
    assert len(slugs) > 40


def test_a_plan_waiting_for_the_optimiser_says_why(client, monkeypatch):
    from itineraries.routing import warming

    monkeypatch.setattr(warming, "_thread", object())  # a warm-up started in this process and not finished
    monkeypatch.setattr(warming, "_ready", __import__("threading").Event())
    queued = Itinerary.objects.new_trip(request={"days": 2, "date": DATE, "start": "jincheng"})
    body = client.get(f"/trips/{queued.pk}/").content.decode()
    assert 'id="warming"' in body
    assert "once after installing" in body


def test_a_place_page_and_its_hours(client):
    body = client.get("/places/shuanglin-temple/").content.decode()
    assert "Shuanglin Temple" in body
    assert '<td class="nowrap">08:30\u201317:30</td>' in body
    assert "/plan/?must=shuanglin-temple" in body
    assert client.get("/places/stay-pingyao-old-town/").status_code == 404  # lodging has no place page
    assert client.get("/places/no-such-place/").status_code == 404


def test_a_rest_day_asked_for_in_the_form_shows_on_the_trip(client, django_capture_on_commit_callbacks):
    post = {"start": "jincheng", "date": DATE, "days": 3, "pace": "normal", "mode": "car", "rest_days": "2"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/plan/", post)
    assert response.status_code == 302
    body = client.get(response["Location"]).content.decode()
    assert body.count("rest day") == 1
    assert "sunset" in body
