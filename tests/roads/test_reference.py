"""The network against road distances that public sources state (seeds/road_distances.json)."""

import pytest

from itineraries.roads.seeded import network_from_seeds, reference_comparisons
from tests.conftest import SEEDS

# The cities of issue 40 as the catalogue places them (Wutai is Taihuai, the town among its temples).
CITIES = {
    "taiyuan",
    "jinzhong-yuci",
    "pingyao",
    "jiexiu",
    "qixian",
    "changzhi",
    "jincheng",
    "yangcheng",
    "taihuai",
    "datong",
}


@pytest.fixture(scope="module")
def comparisons():
    network, _ = network_from_seeds(SEEDS)
    return reference_comparisons(SEEDS, network)


def test_checked_distances_are_within_the_tolerance(comparisons):
    tolerance, rows = comparisons
    checked = [c for c in rows if c.checked]
    assert len(checked) >= 24
    off = [f"{c.origin}-{c.target}: {c.network_km:.0f} km, stated {c.stated_km:.0f}" for c in checked
           if abs(c.error) > tolerance]  # fmt: skip
    assert not off


def test_the_county_seat_corridors_are_in_the_table(comparisons):
    _, rows = comparisons
    pairs = {(c.origin, c.target) for c in rows if c.checked}
    assert {("taiyuan", "pingyao"), ("taiyuan", "jinzhong-yuci"), ("jinzhong-yuci", "pingyao")} <= pairs


def test_every_row_names_its_source(comparisons):
    _, rows = comparisons
    assert all(c.source.strip() for c in rows)
    assert all(c.stated_km > 0 for c in rows)


def test_the_corridors_fixed_for_issue_40_are_checked(comparisons):
    """Jinci, Mianshan (moved 19 km south-east of Jiexiu) and the Qiao compound against their sources."""
    tolerance, rows = comparisons
    by_pair = {(c.origin, c.target): c for c in rows if c.checked}  # a pair may also have unchecked rows
    pairs = (("taiyuan", "jinci-temple"), ("taiyuan", "mianshan"), ("pingyao-ancient-city", "qiao-family-compound"))
    for pair in pairs:
        assert pair in by_pair, pair
        assert abs(by_pair[pair].error) <= tolerance, pair


def test_the_table_covers_forty_pairs_and_ten_between_cities(comparisons):
    _, rows = comparisons
    pairs = {frozenset((c.origin, c.target)) for c in rows}
    between_cities = {pair for pair in pairs if pair <= CITIES}
    assert len(pairs) >= 40
    assert len(between_cities) >= 10
    checked_between_cities = {frozenset((c.origin, c.target)) for c in rows if c.checked} & between_cities
    assert len(checked_between_cities) >= 8


def test_the_northern_corridors_added_for_issue_40_are_checked(comparisons):
    """Taiyuan and Datong to Taihuai (Wutai), Datong to the Yingxian pagoda, Ji county to Hukou."""
    tolerance, rows = comparisons
    by_pair = {(c.origin, c.target): c for c in rows if c.checked}
    pairs = (
        ("taiyuan", "taihuai"),
        ("datong", "taihuai"),
        ("datong", "yingxian-wooden-pagoda"),
        ("stay-jixian", "hukou-waterfall"),
    )
    for pair in pairs:
        assert pair in by_pair, pair
        assert abs(by_pair[pair].error) <= tolerance, pair
