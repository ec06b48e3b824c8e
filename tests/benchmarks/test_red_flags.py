"""The red flags of benchmarks/red_flags.py on small hand-built results: each fires where it should and
stays quiet where it should not. Nothing is planned, no database is read, and no date depends on today."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

import pytest

from benchmarks.red_flags import (
    FLAGS,
    Facts,
    after_dark,
    area_split,
    bed_detour,
    empty_beside_full,
    facts_from_matrix,
    flags_for,
    long_wait,
    marathon,
    must_dropped,
    short_ride,
    town_detour,
)
from itineraries.trips.request import PlanRequest

FIRST = dt.date(2027, 1, 12)  # sunset at home about 17:35
COORDS = {
    "home": (35.500, 112.850),
    "a": (35.5045, 112.850),  # 0.5 km from home
    "b": (35.509, 112.850),  # 0.5 km from a
    "c": (35.600, 112.850),  # 11 km from home
    "d": (35.700, 112.850),
    "far": (37.870, 112.550),  # 264 km from home
    "stay-home": (35.501, 112.851),
    "stay-near": (35.550, 112.850),
    "stay-far": (35.800, 113.200),
}
ROADS = {
    ("home", "a"): 1.0,
    ("a", "b"): 1.0,
    ("home", "b"): 2.0,
    ("a", "stay-far"): 40.0,
    ("stay-far", "b"): 45.0,
    ("a", "stay-near"): 6.0,
    ("stay-near", "b"): 6.0,
    ("a", "stay-home"): 1.0,
    ("stay-home", "b"): 1.5,
}
TIMES = ("arrive", "start", "depart")


def facts(lodgings: tuple[str, ...] = ("stay-home", "stay-near", "stay-far")) -> Facts:
    road = {(x, x): 0.0 for x in COORDS}
    road |= ROADS | {(y, x): km for (x, y), km in ROADS.items()}
    return Facts(coords=COORDS, lodgings=lodgings, road_km=road)


def place(slug: str) -> dict:
    lat, lon = COORDS[slug]
    return {"slug": slug, "lat": lat, "lon": lon}


def later(hhmm: str, minutes: int) -> str:
    total = int(hhmm[:2]) * 60 + int(hhmm[3:]) + minutes
    return f"{total // 60:02d}:{total % 60:02d}"


def stop(slug: str, arrive: str, depart: str, wait: int = 0) -> dict:
    """A stop, times as HH:MM; its visit starts ``wait`` minutes after it arrives."""
    return {**place(slug), "arrive": arrive, "start": later(arrive, wait), "depart": depart, "wait_minutes": wait}


def leg(a: str, b: str, km: float | None = None, minutes: int = 15) -> dict:
    """A leg; its km by default from ROADS (10 km between places it does not list)."""
    if km is None:
        km = ROADS.get((a, b), ROADS.get((b, a), 10.0))
    return {"from": a, "to": b, "km": km, "minutes": minutes}


def day(
    start: str,
    stops: list[dict],
    end: str,
    *,
    legs: list[dict] | None = None,
    day_start: str = "08:30",
    day_end: str = "17:00",
    lunch: tuple[str, str] | None = None,
) -> dict:
    """One day of a result, times as HH:MM (``trip`` dates them)."""
    slugs = [start, *[s["slug"] for s in stops], end]
    legs = legs if legs is not None else [leg(a, b) for a, b in itertools.pairwise(slugs)]
    return {
        "start": place(start),
        "stops": stops,
        "legs": legs,
        "lodging": place(end),
        "end": place(end),
        "drive_km": sum(item["km"] for item in legs),
        "day_start": day_start,
        "day_end": day_end,
        "lunch": None if lunch is None else {"start": lunch[0], "end": lunch[1]},
    }


def trip(*days: dict, missing: list[dict] | None = None) -> dict:
    """A result from its days: dated from FIRST, times made ISO in Shanghai time, no lodging on the last."""

    def iso(date: dt.date, hhmm: str) -> str:
        return f"{date.isoformat()}T{hhmm}:00+08:00"

    out = []
    for offset, item in enumerate(days):
        date = FIRST + dt.timedelta(days=offset)
        stops = [{**s, **{k: iso(date, s[k]) for k in TIMES}} for s in item["stops"]]
        lunch = item["lunch"] and {k: iso(date, v) for k, v in item["lunch"].items()}
        dated = {**item, "date": date.isoformat(), "stops": stops, "lunch": lunch}
        dated |= {"day_start": iso(date, item["day_start"]), "day_end": iso(date, item["day_end"])}
        out.append(dated)
    out[-1]["lodging"] = None
    return {"days": out, "missing_must": missing or []}


def request(days: int = 1, mode: str = "car", **given) -> PlanRequest:
    return PlanRequest(start="home", days=days, date=FIRST, mode=mode, **given)


def an_ordinary_day(end: str = "home") -> dict:
    return day("home", [stop("a", "08:31", "10:00"), stop("b", "10:01", "11:30")], end, day_end="11:46")


# must_dropped

LATE = "it does not fit in the days together with the other places (time or distance); add a day or drop a must-see"


def test_a_must_see_left_out_beside_optional_stops_is_flagged():
    result = trip(an_ordinary_day(), missing=[{"slug": "c", "reason": LATE}])
    flags = must_dropped(request(must=("c",)), result, facts())
    assert [f.name for f in flags] == ["must_dropped"]
    assert "c not planned" in flags[0].detail


@pytest.mark.parametrize(
    "reason", ["closed on every day of the trip", "the visit does not fit in its opening hours on the trip dates"]
)
def test_a_must_see_left_out_for_its_hours_is_not_flagged(reason):
    result = trip(an_ordinary_day(), missing=[{"slug": "c", "reason": reason}])
    assert must_dropped(request(must=("c",)), result, facts()) == []


def test_a_plan_of_must_sees_only_or_with_the_must_see_is_not_flagged():
    only_musts = trip(an_ordinary_day(), missing=[{"slug": "c", "reason": LATE}])
    assert must_dropped(request(must=("a", "b", "c")), only_musts, facts()) == []
    assert must_dropped(request(must=("a",)), trip(an_ordinary_day()), facts()) == []


# after_dark


def dusk_day(day_end: str, last_leg: int) -> dict:
    legs = [leg("home", "c", 14, 20), leg("c", "home", 14, last_leg)]
    return day("home", [stop("c", "08:50", "16:00")], "home", legs=legs, day_end=day_end)


def test_a_long_last_leg_well_after_sunset_is_flagged():
    flags = after_dark(request(), trip(dusk_day("18:21", 45)), facts())
    assert [f.detail for f in flags] == ["day 1 arrives home 18:21, sunset 17:35, last leg 45 min"]


@pytest.mark.parametrize(("day_end", "last_leg"), [("17:45", 45), ("18:21", 15)])
def test_arriving_in_the_dusk_or_after_a_short_last_leg_is_not_flagged(day_end, last_leg):
    assert after_dark(request(), trip(dusk_day(day_end, last_leg)), facts()) == []


# town_detour


def test_driving_round_a_town_between_close_places_is_flagged():
    legs = [leg("home", "a", 1.0, 2), leg("a", "b", 4.6, 9), leg("b", "home", 2.0, 3)]
    result = trip(day("home", [stop("a", "08:32", "10:00"), stop("b", "10:09", "11:00")], "home", legs=legs))
    flags = town_detour(request(), result, facts())
    assert len(flags) == 1
    assert flags[0].detail.startswith("day 1 a -> b 4.6 km by road, 0.5 km apart")


def test_short_roads_and_far_places_are_not_flagged():
    legs = [leg("home", "a", 1.0, 2), leg("a", "c", 12.0, 15), leg("c", "home", 14.0, 18)]
    result = trip(day("home", [stop("a", "08:32", "10:00"), stop("c", "10:15", "11:00")], "home", legs=legs))
    assert town_detour(request(), result, facts()) == []


# empty_beside_full


def three(*stops: str) -> list[dict]:
    return [stop(s, f"{9 + k:02d}:00", f"{9 + k:02d}:45") for k, s in enumerate(stops)]


def test_a_day_on_the_road_between_towns_is_a_travel_day_not_an_empty_one():
    transfer = day("home", [], "stay-far")
    result = trip(transfer, day("stay-far", three("a", "b", "c"), "home"))
    result["days"][0] |= {"drive_minutes": 160, "drive_cap_minutes": 180}
    assert empty_beside_full(request(days=2, mode="bicycle"), result, facts()) == []
    assert empty_beside_full(request(days=2, mode="car"), result, facts()) == []
    result["days"][0]["drive_minutes"] = 60
    assert len(empty_beside_full(request(days=2, mode="bicycle"), result, facts())) == 1


def test_an_empty_day_before_a_full_one_is_flagged():
    result = trip(
        day("home", three("a"), "stay-home"),
        day("stay-home", [], "stay-home"),
        day("stay-home", three("b", "c", "d"), "home"),
    )
    assert [f.detail for f in empty_beside_full(request(days=3), result, facts())] == ["day 2 has no stop, day 3 has 3"]


def test_an_empty_day_before_light_days_or_asked_for_is_not_flagged():
    light = trip(
        day("home", three("a"), "stay-home"),
        day("stay-home", [], "stay-home"),
        day("stay-home", three("b", "c"), "home"),
    )
    assert empty_beside_full(request(days=3), light, facts()) == []

    @dataclass(frozen=True)
    class Resting(PlanRequest):
        rest_days: tuple[int, ...] = ()

    full = trip(day("home", [], "stay-home"), day("stay-home", three("b", "c", "d"), "home"))
    rested = Resting(start="home", days=2, date=FIRST, rest_days=(1,))
    assert empty_beside_full(rested, full, facts()) == []
    assert len(empty_beside_full(request(days=2), full, facts())) == 1


# marathon


def long_day(km: float, end: str = "home") -> dict:
    legs = [leg("home", "c", km, 150), leg("c", end, km, 150)]
    return day("home", [stop("c", "11:00", "12:00")], end, legs=legs)


def test_a_short_car_trip_with_a_very_long_leg_is_flagged():
    flags = marathon(request(), trip(long_day(210)), facts())
    assert [f.name for f in flags] == ["marathon"] * 3  # two legs over 200 km, 420 km a day
    assert flags[-1].detail.startswith("420 km a day on average")


def test_a_short_car_trip_with_too_many_km_a_day_is_flagged():
    flags = marathon(request(days=2), trip(long_day(150, "stay-home"), long_day(140)), facts())
    assert [f.detail for f in flags] == ["290 km a day on average (580 km in 2 day(s))"]


def test_long_drives_to_a_far_must_see_longer_trips_and_rides_are_not_flagged():
    result = trip(long_day(210))
    assert marathon(request(must=("far",)), result, facts()) == []
    assert marathon(request(end="far"), result, facts()) == []
    assert marathon(request(days=4), result, facts()) == []
    assert marathon(request(mode="ebike"), result, facts()) == []
    assert marathon(request(), trip(long_day(100)), facts()) == []


# long_wait


def test_a_long_wait_for_opening_is_flagged():
    result = trip(day("home", [stop("a", "08:45", "10:30", wait=45)], "home", day_end="10:45"))
    assert [f.detail for f in long_wait(request(), result, facts())] == ["day 1 waits 45 min at a (arrives 08:45)"]


def test_an_idle_gap_before_arriving_is_flagged():
    result = trip(day("home", [stop("a", "10:00", "11:00")], "home", day_end="11:15"))
    flags = long_wait(request(), result, facts())
    assert len(flags) == 1
    assert flags[0].detail.startswith("day 1 idle 75 min between home (leaves 08:30) and a (arrives 10:00")


def test_the_lunch_hour_between_two_stops_is_not_a_gap():
    stops = [stop("a", "08:45", "11:30", wait=15), stop("b", "12:45", "14:00")]
    result = trip(day("home", stops, "home", day_end="14:15", lunch=("11:30", "12:30")))
    assert long_wait(request(), result, facts()) == []


# bed_detour


def night_out(lodging: str) -> dict:
    first = day("home", [stop("a", "08:45", "16:00")], lodging, day_end="17:00")
    second = day(lodging, [stop("b", "09:00", "12:00")], "home", day_end="12:15")
    return trip(first, second)


def test_a_far_lodging_when_a_near_one_exists_is_flagged():
    flags = bed_detour(request(days=2), night_out("stay-far"), facts())
    assert [f.detail for f in flags] == ["night 1 at stay-far between a and b: detour 84 km, stay-home would cost 2 km"]


def test_a_nearer_lodging_that_would_break_a_day_s_cap_does_not_count():
    result = night_out("stay-far")
    for item in result["days"]:
        item |= {"drive_minutes": 100, "drive_cap_minutes": 150}
    base = facts()
    timed = {("a", "stay-far"): 50.0, ("stay-far", "b"): 50.0, ("a", "stay-near"): 10.0}

    def with_minutes(to_b: float) -> Facts:
        minutes = timed | {("stay-near", "b"): to_b, ("a", "stay-home"): 200.0, ("stay-home", "b"): 200.0}
        return Facts(base.coords, base.lodgings, base.road_km, road_minutes=minutes)

    assert len(bed_detour(request(days=2), result, with_minutes(60.0))) == 1
    assert bed_detour(request(days=2), result, with_minutes(120.0)) == []


def test_a_far_lodging_that_no_lodging_beats_or_a_near_one_is_not_flagged():
    assert bed_detour(request(days=2), night_out("stay-far"), facts(lodgings=("stay-far",))) == []
    assert bed_detour(request(days=2), night_out("stay-near"), facts()) == []


# short_ride


def lazy_ride() -> dict:
    return trip(
        day("home", [stop("a", "08:45", "10:30")], "stay-home", day_end="10:46"),
        day("stay-home", [], "stay-home", day_end="08:30"),
        day("stay-home", [], "home", day_end="08:32"),
    )


def test_a_ride_that_stops_early_with_places_left_is_flagged():
    flags = short_ride(request(days=3, mode="ebike"), lazy_ride(), facts())
    assert len(flags) == 1
    assert "day 1 (10:46), day 2 (08:30)" in flags[0].detail
    assert "back at home (stay-home) after day 1" in flags[0].detail


def test_a_ride_back_home_early_is_flagged_even_with_late_ends():
    result = trip(
        day("home", three("a", "b"), "stay-home", day_end="16:00"),
        day("stay-home", [], "stay-home", day_end="14:00"),
        day("stay-home", [], "home", day_end="14:10"),
    )
    flags = short_ride(request(days=3, mode="bicycle"), result, facts())
    assert len(flags) == 1
    assert "ends before" not in flags[0].detail
    assert "back at home" in flags[0].detail


def test_a_drive_a_full_ride_or_a_long_day_ride_is_not_flagged():
    assert short_ride(request(days=3), lazy_ride(), facts()) == []
    full = trip(day("home", three("a", "b"), "stay-home", day_end="12:00"), day("stay-home", three("c", "d"), "home"))
    assert short_ride(request(days=2, mode="ebike"), full, facts()) == []
    long_days = trip(day("home", three("a"), "stay-near", day_end="16:00"), day("stay-near", three("c"), "home"))
    assert short_ride(request(days=2, mode="ebike"), long_days, facts()) == []


def test_a_short_ride_day_with_no_room_for_another_sight_besides_its_stops_is_not_flagged():
    """Day 1 rides 100 of its 120 minutes to its stop and on; an unvisited sight 15 minutes off its way fits
    the cap beside that stop, one 30 minutes off it does not."""
    result = trip(
        day("home", [stop("a", "09:00", "10:00")], "stay-home", day_end="11:00"),
        day("stay-home", three("b", "c"), "home"),
    )
    result["days"][0]["drive_cap_minutes"] = 120

    def timed(detour: float) -> Facts:
        minutes = {("home", "a"): 50.0, ("a", "stay-home"): 50.0, ("home", "d"): 40.0, ("d", "a"): 10.0 + detour}
        base = facts()
        return Facts(base.coords, base.lodgings, base.road_km, road_minutes=minutes, sights=("a", "b", "c", "d"))

    assert short_ride(request(days=2, mode="ebike"), result, timed(5.0)) != []
    assert short_ride(request(days=2, mode="ebike"), result, timed(30.0)) == []


# all of them


def test_flags_for_runs_every_flag_and_names_match_the_registry():
    result = trip(an_ordinary_day(), missing=[{"slug": "c", "reason": LATE}])
    flags = flags_for(request(must=("c",)), result, facts())
    assert [f.name for f in flags] == ["must_dropped"]
    assert set(FLAGS) == {
        "must_dropped", "after_dark", "town_detour", "empty_beside_full", "marathon", "long_wait", "bed_detour",
        "short_ride", "area_split",
    }  # fmt: skip


def test_facts_from_a_matrix_read_road_km_by_pair():
    built = facts_from_matrix(("x", "y"), [[0, 3.5], [4.0, 0]], {"x": (1.0, 2.0), "y": (1.1, 2.0)}, ["y"])
    assert built.road_km[("x", "y")] == 3.5
    assert built.road_km[("y", "x")] == 4.0
    assert built.lodgings == ("y",)


# area_split


def _town_facts() -> Facts:
    return Facts(coords=COORDS, lodgings=("stay-home",), road_km={}, areas={"a": "town", "b": "town"})


def test_leaving_a_walled_town_and_coming_back_or_skipping_a_day_is_flagged():
    back = day("home", [stop("a", "08:31", "10:00"), stop("c", "10:20", "11:00"), stop("b", "11:20", "12:00")], "home")
    assert [f.detail for f in area_split(request(), trip(back), _town_facts())] == ["day 1 leaves town and comes back"]
    first = day("home", [stop("a", "08:31", "10:00")], "stay-home")
    middle = day("stay-home", [stop("c", "08:50", "10:00")], "stay-home")
    last = day("stay-home", [stop("b", "08:31", "10:00")], "home")
    assert [f.detail for f in area_split(request(3), trip(first, middle, last), _town_facts())] == [
        "town on days [1, 3]"
    ]


def test_a_town_seen_in_one_block_or_on_days_that_follow_is_not_flagged():
    assert area_split(request(), trip(an_ordinary_day()), _town_facts()) == []
    first = day("home", [stop("c", "08:50", "10:00"), stop("a", "10:20", "12:00")], "stay-home")
    second = day("stay-home", [stop("b", "08:31", "10:00")], "home")
    assert area_split(request(2), trip(first, second), _town_facts()) == []
