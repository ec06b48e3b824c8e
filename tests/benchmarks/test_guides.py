"""The guide benchmark's data (benchmarks/data/guides.json) names only places the seeds know and cites each
itinerary; its measures count km along the guide's order on a travel matrix, nights at the guide's base and
legs driven inside an area. Nothing is planned and no database is read."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest

from benchmarks.guide_measures import (
    GUIDES_PATH,
    after_sunset,
    driven_inside,
    guide_from,
    guide_path,
    guides_load,
    km_along,
    nights_at_base,
    short_visits,
)
from benchmarks.red_flags import facts_from_matrix

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
RAW = json.loads(GUIDES_PATH.read_text())["guides"]


def _slugs(name: str) -> set[str]:
    return {item["slug"] for item in json.loads((SEEDS / name).read_text())}


SIGHTS, LODGINGS, TOWNS = _slugs("destinations.json"), _slugs("lodging.json"), _slugs("towns.json")


def test_at_least_twelve_cited_itineraries_with_unique_ids() -> None:
    assert len(RAW) >= 12
    assert len({item["id"] for item in RAW}) == len(RAW)


@pytest.mark.parametrize("item", RAW, ids=[item["id"] for item in RAW])
def test_each_itinerary_is_cited_with_days_and_nights(item: dict) -> None:
    assert item["url"].startswith(("http://", "https://"))
    assert item["title"]
    assert dt.date.fromisoformat(item["read"]) == dt.date(2026, 12, 5)
    assert item["days"]
    for day in item["days"]:
        assert "night" in day  # null where the guide names no bed
        assert day["places"] or day.get("lacks")
    assert item["days"][-1]["night"] is None  # the trip ends on its last day


@pytest.mark.parametrize("item", RAW, ids=[item["id"] for item in RAW])
def test_each_slug_is_in_the_seeds(item: dict) -> None:
    assert item["start"] in TOWNS | SIGHTS | LODGINGS
    assert item.get("end") in {None} | TOWNS | SIGHTS | LODGINGS
    for day in item["days"]:
        assert set(day["places"]) <= SIGHTS, set(day["places"]) - SIGHTS
        assert day.get("night") in {None} | LODGINGS
        assert day.get("evening") in {None} | LODGINGS


def test_guides_load_keeps_the_order_and_the_must_sees_once() -> None:
    guides = {g.id: g for g in guides_load()}
    family = guides["beijingkids-pingyao-family"]
    assert family.days[1].places[:2] == ("shuanglin-temple", "zhenguo-temple")
    assert family.must.count("pingyao-ancient-city") == 1
    assert family.finish == "taiyuan"


def _two_stop(night: str | None = None, days: int = 1) -> dict:
    first = {"places": ["a", "b"], "night": night}
    rest = [{"places": ["c"], "night": None}] if days == 2 else []
    return {"id": "t", "title": "t", "url": "https://x", "read": "2026-12-05", "start": "s", "days": [first, *rest]}


KEYS = ["s", "a", "b", "c", "inn"]
KM = [
    [0, 10, 14, 30, 12],
    [10, 0, 5, 25, 3],
    [14, 5, 0, 20, 4],
    [30, 25, 20, 0, 18],
    [12, 3, 4, 18, 0],
]


def test_km_along_the_guide_order_is_the_matrix_sum_on_two_stops() -> None:
    facts = facts_from_matrix(KEYS, KM, {}, ["inn"])
    guide = guide_from(_two_stop())
    assert guide_path(guide) == ["s", "a", "b", "s"]
    assert km_along(guide_path(guide), facts.road_km) == 10 + 5 + 14


def test_km_along_passes_through_each_nights_base_and_ends_at_the_start() -> None:
    facts = facts_from_matrix(KEYS, KM, {}, ["inn"])
    guide = guide_from(_two_stop(night="inn", days=2))
    assert guide_path(guide) == ["s", "a", "b", "inn", "c", "s"]
    assert km_along(guide_path(guide), facts.road_km) == 10 + 5 + 4 + 18 + 30
    assert math.isinf(km_along(["s", "nowhere"], facts.road_km))


def _result(nights: list[str | None], legs: list[dict] | None = None) -> dict:
    days = [{"stops": [], "legs": legs or [], "lodging": {"slug": n} if n else None} for n in nights]
    return {"days": days}


def test_nights_at_base_count_only_the_nights_the_guide_names() -> None:
    guide = guide_from(
        {
            **_two_stop(night="inn", days=2),
            "days": [
                {"places": ["a"], "night": "inn"},
                {"places": ["b"], "night": None},
                {"places": ["c"], "night": None},
            ],
        }
    )
    named, matched, misses = nights_at_base(guide, _result(["other", "inn", None]))
    assert (named, matched) == (1, 0)
    assert misses == ["night 1: guide inn, app other"]


def test_legs_inside_an_area_count_as_driven_unless_on_foot() -> None:
    areas = {"wall": "walled", "bank": "walled", "inn": "walled"}
    legs = [
        {"from": "wall", "to": "bank", "km": 4.6, "on_foot": False},
        {"from": "bank", "to": "inn", "km": 0.4, "on_foot": True},
        {"from": "inn", "to": "s", "km": 9.0, "on_foot": False},
    ]
    assert driven_inside(_result([None], legs), areas) == ["day 1 wall -> bank 4.6 km by road"]


def test_a_visit_shorter_than_the_places_typical_time_is_counted() -> None:
    stops = [
        {
            "slug": "wall",
            "start": "2027-05-05T09:00:00+08:00",
            "depart": "2027-05-05T10:30:00+08:00",
            "visit_minutes": 90,
        },
        {
            "slug": "town",
            "start": "2027-05-05T11:00:00+08:00",
            "depart": "2027-05-05T13:00:00+08:00",
            "visit_minutes": 240,
        },
    ]
    assert short_visits({"days": [{"stops": stops}]}) == [("town", "day 1 town 120 of 240 min")]


def test_a_day_ending_after_its_sunset_is_counted() -> None:
    days = [
        {"day_end": "2027-05-05T19:10:00+08:00", "sunset": "2027-05-05T19:23:00+08:00"},
        {"day_end": "2027-05-06T19:40:00+08:00", "sunset": "2027-05-06T19:24:00+08:00"},
    ]
    assert after_sunset({"days": days}) == ["day 2 ends 19:40, sunset 19:24"]
