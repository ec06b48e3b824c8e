"""Reads of the catalogue: search, roads as GeoJSON, and caches that follow edits."""

import pytest

from itineraries.catalogue import selectors
from itineraries.catalogue.models import Destination

pytestmark = pytest.mark.usefixtures("catalogue")


@pytest.mark.parametrize("text", ["Shuanglin", "双林", "shuanglin si", "shuanglin-temple"])
def test_search_finds_a_place_by_any_of_its_names(text):
    found = selectors.destination_search(selectors.destination_list(), text)
    assert "shuanglin-temple" in {d.slug for d in found}


def test_unpublished_places_are_left_out_unless_asked_for():
    Destination.objects.filter(slug="xiangyu-castle").update(published=False)
    assert not selectors.destination_list().filter(slug="xiangyu-castle").exists()
    assert selectors.destination_list(published_only=False).filter(slug="xiangyu-castle").exists()


def test_roads_are_geojson_lines_in_lon_lat_order_with_both_lengths():
    collection = selectors.road_feature_collection()
    assert collection["type"] == "FeatureCollection"
    ring = next(f for f in collection["features"] if f["properties"]["stated_km"] == 150)
    lon, lat = ring["geometry"]["coordinates"][0]
    assert 110 < lon < 115
    assert 34 < lat < 41
    assert ring["properties"]["length_km"] == pytest.approx(150, rel=0.15)


def test_an_edit_is_seen_by_the_next_network():
    _, before = selectors.network_current()
    place = Destination.objects.get(slug="wangmangling")
    place.lat += 0.01
    place.save()
    _, after = selectors.network_current()
    assert after["wangmangling"].lat == pytest.approx(before["wangmangling"].lat + 0.01)


def test_a_memo_with_a_limit_keeps_only_the_newest_values_of_its_kind():
    from itineraries.catalogue.cache import memoised

    for day in range(5):
        memoised(("test-kind", "v1", day), lambda day=day: day, keep=2)
    built = []
    assert memoised(("test-kind", "v1", 4), lambda: built.append(4) or 4, keep=2) == 4
    assert memoised(("test-kind", "v1", 0), lambda: built.append(0) or 0, keep=2) == 0
    assert built == [0]  # the newest stayed, the oldest had gone and was built again
