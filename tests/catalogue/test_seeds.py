import io
import json
import shutil

import pytest
from django.core.management import CommandError, call_command
from geopy.distance import geodesic

from itineraries.catalogue.validation import inside_shanxi
from itineraries.models import Destination, Road
from tests.conftest import SEEDS

ARTICLE_PLACES = [
    "pingyao-ancient-city",
    "shuanglin-temple",
    "zhenguo-temple",
    "henghe-cycling-town",
    "wangmangling",
    "fengcheng-health-care-zone",
    "baimasi-mountain-forest-park",
    "dayang-ancient-town",
    "zuoquan-painting-base-zecheng",
    "zuoquan-painting-base-tongyu",
    "zuoquan-painting-base-laojing",
    "dazhai-village",
    "huangcheng-xiangfu",
    "guoyu-castle",
    "xiangyu-castle",
    "douzhuang-castle",
    "manghe-scenic-area",
]


def load(directory=SEEDS):
    call_command("loadseeds", dir=str(directory), stdout=io.StringIO())


@pytest.mark.django_db
def test_loadseeds_twice_gives_the_same_rows():
    load()
    first = list(Destination.objects.order_by("slug").values())
    roads = list(Road.objects.order_by("slug").values())
    load()
    assert list(Destination.objects.order_by("slug").values()) == first
    assert list(Road.objects.order_by("slug").values()) == roads


@pytest.mark.django_db
def test_catalogue_size_and_kinds():
    load()
    assert Destination.objects.filter(kind="sight").count() >= 40
    assert Destination.objects.filter(lodging=True).count() >= 12
    assert Destination.objects.filter(kind="town").count() >= 10


@pytest.mark.django_db
def test_every_article_place_is_present_with_both_names_and_a_source():
    load()
    for slug in ARTICLE_PLACES:
        d = Destination.objects.get(slug=slug)
        assert d.name_en, slug
        assert any("\u4e00" <= ch <= "\u9fff" for ch in d.name_zh), slug
        assert "article:" in d.source, slug
        assert not d.added, slug


@pytest.mark.django_db
def test_wukong_sites_beyond_the_articles_are_marked_added():
    load()
    wukong = Destination.objects.filter(slug__in=["xiaoxitian", "foguang-temple", "yingxian-wooden-pagoda"])
    assert wukong.count() == 3
    assert all(d.added and d.source.startswith("added") for d in wukong)


@pytest.mark.django_db
def test_shuanglin_is_about_six_km_south_west_of_the_old_town():
    load()
    town = Destination.objects.get(slug="pingyao-ancient-city")
    temple = Destination.objects.get(slug="shuanglin-temple")
    km = geodesic((town.lat, town.lon), (temple.lat, temple.lon)).km
    assert 5 <= km <= 7.5
    assert temple.lat < town.lat
    assert temple.lon < town.lon


@pytest.mark.django_db
def test_all_points_are_inside_shanxi_with_four_decimals():
    load()
    for d in Destination.objects.all():
        assert inside_shanxi(d.lat, d.lon), d.slug
        assert round(d.lat, 4) == d.lat
        assert round(d.lon, 4) == d.lon
    for r in Road.objects.all():
        assert all(inside_shanxi(lat, lon) for lat, lon in r.points), r.slug


def _broken_copy(tmp_path, mutate):
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    data = json.loads((target / "destinations.json").read_text())
    mutate(data)
    (target / "destinations.json").write_text(json.dumps(data, ensure_ascii=False))
    return target


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("lat", 31.2, "outside Shanxi"),
        ("categories", ["shopping"], "categories"),
        (
            "hours",
            [{"from": "01-01", "to": "12-31", "open": "18:00", "close": "08:00"}],
            "close 08:00 must be after open 18:00",
        ),
        ("name_zh", "", "name_zh is required"),
    ],
)
def test_a_broken_record_names_file_record_and_field_and_writes_nothing(tmp_path, field, value, words):
    def mutate(data):
        data[5][field] = value

    directory = _broken_copy(tmp_path, mutate)
    with pytest.raises(CommandError) as err:
        load(directory)
    message = str(err.value)
    assert "destinations.json" in message
    assert words in message
    assert json.loads((SEEDS / "destinations.json").read_text())[5]["slug"] in message
    assert Destination.objects.count() == 0
    assert Road.objects.count() == 0


@pytest.mark.django_db
def test_overlapping_seasons_are_refused(tmp_path):
    def mutate(data):
        data[0]["hours"] = [
            {"from": "04-01", "to": "10-31", "open": "08:00", "close": "18:00"},
            {"from": "10-01", "to": "03-31", "open": "09:00", "close": "17:00"},
        ]

    with pytest.raises(CommandError, match="overlaps"):
        load(_broken_copy(tmp_path, mutate))


@pytest.mark.django_db
def test_invalid_json_is_reported_with_the_file_name(tmp_path):
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    (target / "lodging.json").write_text("[{")
    with pytest.raises(CommandError, match=r"lodging\.json"):
        load(target)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("drop", "words"),
    [(("hours_source", "hours_estimated"), "hours_source"), (("ticket_source", "ticket_estimated"), "ticket_source")],
)
def test_a_fact_without_a_source_or_an_estimated_flag_is_refused(tmp_path, drop, words):
    def mutate(data):
        shuanglin = next(r for r in data if r["slug"] == "shuanglin-temple")
        for key in drop:
            shuanglin.pop(key, None)

    with pytest.raises(CommandError, match=words) as err:
        load(_broken_copy(tmp_path, mutate))
    assert "shuanglin-temple" in str(err.value)


GUIDES_PLAN_AROUND = [
    "xiantong-temple",
    "tayuan-temple",
    "pusading-temple",
    "huayan-monastery",
    "shanhua-temple",
    "datong-nine-dragon-wall",
    "datong-city-wall",
    "yingxian-wooden-pagoda",
    "hukou-waterfall",
    "guangsheng-temple",
    "yuhuang-temple-fucheng",
]


def test_the_places_guides_plan_around_have_a_point_a_ticket_and_hours():
    records = {r["slug"]: r for r in json.loads((SEEDS / "destinations.json").read_text(encoding="utf-8"))}
    assert len(records) >= 70
    for slug in GUIDES_PLAN_AROUND:
        record = records[slug]
        assert record["confidence"] in {"HIGH", "MED", "LOW"}, slug
        assert record["source"].strip(), slug
        assert record.get("ticket_pass") or "ticket_cny" in record, slug
        assert record["hours"], slug
        assert record.get("hours_source") or record.get("hours_estimated"), slug


def test_the_temples_of_taihuai_and_of_datong_s_walls_are_a_walk_apart():
    records = {r["slug"]: r for r in json.loads((SEEDS / "destinations.json").read_text(encoding="utf-8"))}
    for group in (
        ("xiantong-temple", "tayuan-temple", "pusading-temple"),
        ("huayan-monastery", "shanhua-temple", "datong-nine-dragon-wall", "datong-city-wall"),
    ):
        points = [(records[s]["lat"], records[s]["lon"]) for s in group]
        assert all(0.05 < geodesic(a, b).km < 1.5 for i, a in enumerate(points) for b in points[i + 1 :]), group
