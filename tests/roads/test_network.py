"""The seeded road network (the repo's seeds/, part of every clone)."""

import numpy as np
import pytest
from geopy.distance import geodesic

from itineraries.roads.network import road_km
from itineraries.roads.seeded import network_from_seeds
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def seeded():
    network, records = network_from_seeds(SEEDS)
    return network, {r.key: r for r in network.roads}, records


def test_stated_highway_lengths_match_geometry_and_winding_factor(seeded):
    _, roads, _ = seeded
    assert road_km(roads["taihang-no1-jincheng-main"]) == pytest.approx(582, rel=0.10)
    assert road_km(roads["qinhe-castle-ring"]) == pytest.approx(150, rel=0.10)


def test_every_place_reachable_from_every_start_by_car(seeded):
    network, _, records = seeded
    keys = list(records)
    m = network.matrix(keys, mode="car")
    starts = [k for k, r in records.items() if "lodging_kind" not in r and "categories" not in r]
    assert len(starts) >= 10
    for s in starts:
        assert np.isfinite(m.km[keys.index(s)]).all(), s


def test_road_distance_is_never_below_the_geodesic(seeded):
    network, _, records = seeded
    keys = list(records)
    m = network.matrix(keys, mode="car")
    for i, a in enumerate(keys):
        for j, b in enumerate(keys):
            straight = geodesic((records[a]["lat"], records[a]["lon"]), (records[b]["lat"], records[b]["lon"])).km
            assert m.km[i, j] >= straight - 1e-6, (a, b)


def test_taiyuan_to_pingyao_by_car_is_about_a_hundred_km(seeded):
    network, _, _ = seeded
    m = network.matrix(["taiyuan", "pingyao-ancient-city"], mode="car")
    assert 90 <= m.km[0, 1] <= 110
    assert 50 <= m.minutes[0, 1] <= 100


def test_bicycles_and_ebikes_never_ride_an_expressway(seeded):
    network, _, _records = seeded
    keys = ["pingyao-ancient-city", "shuanglin-temple", "taiyuan", "jincheng", "henghe-cycling-town", "zhenguo-temple"]
    for mode in ("bicycle", "ebike"):
        m = network.matrix(keys, mode=mode)
        for i in range(len(keys)):
            for j in range(len(keys)):
                if i != j:
                    edges = network.path_edges(m, i, j)
                    assert edges, (mode, keys[i], keys[j])
                    assert all(e.kind != "expressway" for e in edges), (mode, keys[i], keys[j])


def test_scenic_option_takes_taihang_no1_from_dayang_to_henghe(seeded):
    network, _, _ = seeded
    keys = ["dayang-ancient-town", "henghe-cycling-town"]

    def tourist_share(scenic):
        m = network.matrix(keys, mode="car", scenic=scenic)
        edges = network.path_edges(m, 0, 1)
        assert sum(e.km for e in edges) == pytest.approx(m.km[0, 1])
        on_taihang = sum(e.km for e in edges if e.road.startswith("taihang-no1"))
        return on_taihang / m.km[0, 1], m.minutes[0, 1]

    fast_share, fast_minutes = tourist_share(False)
    scenic_share, scenic_minutes = tourist_share(True)
    assert scenic_share > 0.6
    assert scenic_share > fast_share + 0.1
    assert scenic_minutes >= fast_minutes


def test_leg_geometry_starts_and_ends_at_the_places(seeded):
    network, _, records = seeded
    m = network.matrix(["taiyuan", "jincheng"], mode="car")
    path = network.path(m, 0, 1)
    assert path[0] == (records["taiyuan"]["lat"], records["taiyuan"]["lon"])
    assert path[-1] == (records["jincheng"]["lat"], records["jincheng"]["lon"])
    assert len(path) > 5


def test_scenic_option_never_lowers_the_tourist_highway_share_and_sometimes_raises_it(seeded):
    network, _, records = seeded
    keys = [k for k, r in records.items() if "categories" in r and r["city"] == "Jincheng"]
    fast = network.matrix(keys, mode="car")
    scenic = network.matrix(keys, mode="car", scenic=True)

    def tourist_km(m, i, j):
        return sum(e.km for e in network.path_edges(m, i, j) if e.kind in ("tourist_highway", "branch", "ring"))

    raised = 0
    for i in range(len(keys)):
        for j in range(len(keys)):
            if i != j:
                assert tourist_km(scenic, i, j) >= tourist_km(fast, i, j) - 1e-6
                assert scenic.minutes[i, j] >= fast.minutes[i, j] - 1e-6
                raised += tourist_km(scenic, i, j) > tourist_km(fast, i, j) + 1
    assert raised > 0


def test_every_sight_has_a_place_to_sleep_within_an_hours_drive(seeded):
    network, _, records = seeded
    keys = list(records)
    m = network.matrix(keys, mode="car")
    lodgings = [keys.index(k) for k, r in records.items() if "lodging_kind" in r]
    for k, r in records.items():
        if "categories" in r:
            nearest = min(m.minutes[keys.index(k), j] for j in lodgings)
            assert nearest <= 60, (k, round(nearest))
