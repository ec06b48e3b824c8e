import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.fixture
def api():
    return APIClient()


def slugs(response):
    return {d["slug"] for d in response.json()["results"]}


def test_list_is_paginated_and_complete(api):
    body = api.get("/api/v1/destinations/").json()
    assert body["count"] >= 70
    assert len(body["results"]) == 50
    assert body["next"]


def test_detail_by_slug(api):
    body = api.get("/api/v1/destinations/shuanglin-temple/").json()
    assert body["name_zh"] == "双林寺"
    assert "wukong" in body["categories"]
    assert api.get("/api/v1/destinations/no-such-place/").status_code == 404


def test_filter_by_category_and_city(api):
    temples = slugs(api.get("/api/v1/destinations/", {"category": "temples", "city": "Jinzhong"}))
    assert {"shuanglin-temple", "zhenguo-temple"} <= temples
    assert "pingyao-ancient-city" not in temples


def test_search_in_both_languages_and_pinyin(api):
    assert "shuanglin-temple" in slugs(api.get("/api/v1/destinations/", {"q": "双林"}))
    assert "shuanglin-temple" in slugs(api.get("/api/v1/destinations/", {"q": "shuanglin"}))
    assert "huangcheng-xiangfu" in slugs(api.get("/api/v1/destinations/", {"q": "Chancellor"}))


def test_near_with_radius(api):
    near = slugs(api.get("/api/v1/destinations/", {"near": "37.2025,112.1781", "radius_km": 8}))
    assert {"pingyao-ancient-city", "shuanglin-temple"} <= near
    assert "zhenguo-temple" not in near
    assert "huangcheng-xiangfu" not in near


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"category": "shopping"}, "category"),
        ({"near": "abc"}, "near"),
        ({"near": "37.2"}, "near"),
        ({"near": "37.2,112.1", "radius_km": "-3"}, "radius_km"),
        ({"near": "37.2,112.1", "radius_km": "far"}, "radius_km"),
        ({"kind": "castle"}, "kind"),
    ],
)
def test_bad_filter_values_are_400_naming_the_field(api, params, field):
    response = api.get("/api/v1/destinations/", params)
    assert response.status_code == 400
    assert field in {e["field"] for e in response.json()["errors"]}


def test_highways_are_geojson_with_lengths(api):
    body = api.get("/api/v1/highways/").json()
    assert body["type"] == "FeatureCollection"
    main = next(f for f in body["features"] if f["properties"]["slug"] == "taihang-no1-jincheng-main")
    assert main["geometry"]["type"] == "LineString"
    lon, lat = main["geometry"]["coordinates"][0]
    assert 110 < lon < 115
    assert 34 < lat < 41
    assert main["properties"]["stated_km"] == 582
    assert abs(main["properties"]["length_km"] - 582) / 582 < 0.1
    assert main["properties"]["name_zh"].startswith("太行一号")
