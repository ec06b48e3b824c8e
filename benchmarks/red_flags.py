"""Red flags in a planned trip: things a tourist would frown at, each found by a small pure function.

Every flag function takes the request, the public result dict (``itineraries/trips/results.py``) and the
catalogue facts it needs (``Facts``), and returns a list of ``Flag`` (empty when the plan looks fine):

    from benchmarks.red_flags import Facts, flags_for
    facts = Facts(coords={...}, lodgings=(...), road_km={(a, b): km, ...})
    for flag in flags_for(request, result, facts):
        print(flag.name, flag.detail)

They read nothing else (no database, no clock), so tests can feed them hand-built result dicts.
``benchmarks/trip_sanity.py`` runs them over a grid of planned requests. The flags, in ``FLAGS`` order:

- must_dropped: a must-see is missing while optional stops were planned, and its reason is not its hours.
- after_dark: a day's last leg (20 min or more) arrives over 15 min after sunset at the night's place.
- town_detour: a leg between places under 1.5 km apart (straight line) that drives more than 3 km.
- empty_beside_full: an empty day with a day of 3 or more stops later in the trip (unless rest days); a
  day on the road for three quarters of its cap is a travel day, not an empty one.
- bed_detour: a night costing a detour of 60 km or more where another lodging would cost less and keep
  both days within their caps.
- marathon: a car trip of 3 days or less with a leg over 200 km or over 250 km a day on average, unless
  a must-see or the end is itself over 150 km (straight line) from the start.
- long_wait: a wait over 30 min at a stop, or an idle gap over 30 min in the day (lunch hour excluded).
- area_split: an area (a walled town, a castle village) left and re-entered on a day, or visited on days
  that do not follow each other.
- short_ride: a ride (ebike, bicycle) with fewer stops than twice its days, one of whose days before the
  last ends before 13:30, or that is back at its start before the last day (see ``short_ride``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from zoneinfo import ZoneInfo

from astral import Observer
from astral.sun import sunset
from geopy.distance import geodesic

from itineraries.trips.request import PlanRequest

SHANGHAI = ZoneInfo("Asia/Shanghai")

# Why a missing must-see is excused: its missing_must reason says it is closed, its hours do not allow it, or no
# day can reach it within its hours and cap (the engine proves that, routing/must_first.reachable).
HOURS_REASONS = ("closed", "opening hours", "out of reach")
DARK_LAST_LEG_MINUTES = 20
DARK_GRACE_MINUTES = 15
DETOUR_STRAIGHT_KM = 1.5
DETOUR_ROAD_KM = 3.0
FULL_DAY_STOPS = 3
MARATHON_MAX_DAYS = 3
MARATHON_LEG_KM = 200.0
MARATHON_DAY_KM = 250.0
MARATHON_FAR_KM = 150.0
LONG_WAIT_MINUTES = 30
BED_DETOUR_KM = 60.0
BED_TOLERANCE_KM = 0.5  # another lodging must save more than this to count as smaller
RIDE_MODES = ("ebike", "bicycle")
RIDE_EARLY_END = 13 * 60 + 30
RIDE_HOME_KM = 10.0
TRAVEL_DAY_SHARE = 0.75


@dataclass(frozen=True)
class Flag:
    name: str
    detail: str


@dataclass(frozen=True)
class Facts:
    """What the flags need of the catalogue, for the trip's travel mode (and scenic choice)."""

    coords: Mapping[str, tuple[float, float]]  # every place: (lat, lon)
    lodgings: tuple[str, ...]  # places a night may be spent at
    road_km: Mapping[tuple[str, str], float]  # road km from one place to another by the trip's mode
    # Minutes by the trip's mode and the sights, where known: a ride day is only short if a sight it did
    # not visit was within a there-and-back ride under the day's cap.
    road_minutes: Mapping[tuple[str, str], float] | None = None
    sights: tuple[str, ...] = ()
    areas: Mapping[str, str] = dataclass_field(default_factory=dict)  # sight -> its area, for those in one


def facts_from_matrix(
    keys: Sequence[str],
    km: Sequence[Sequence[float]],
    coords: Mapping[str, tuple[float, float]],
    lodgings: Iterable[str],
    minutes: Sequence[Sequence[float]] | None = None,
    sights: Iterable[str] = (),
    areas: Mapping[str, str] | None = None,
) -> Facts:
    """Facts from a travel matrix's keys and km (and minutes) tables (a TravelMatrix's fields)."""

    def pairs(table: Sequence[Sequence[float]]) -> dict[tuple[str, str], float]:
        rows = [list(map(float, row)) for row in table]
        return {(a, b): rows[i][j] for i, a in enumerate(keys) for j, b in enumerate(keys)}

    return Facts(
        coords=dict(coords),
        lodgings=tuple(lodgings),
        road_km=pairs(km),
        road_minutes=None if minutes is None else pairs(minutes),
        sights=tuple(sights),
        areas=dict(areas or {}),
    )


# Helpers over the result dict


def _date(day: dict) -> dt.date:
    return dt.date.fromisoformat(day["date"])


def _since_midnight(moment: dt.datetime, date: dt.date) -> float:
    midnight = dt.datetime.combine(date, dt.time(0), tzinfo=SHANGHAI)
    return (moment - midnight).total_seconds() / 60


def _minutes(moment: str, date: dt.date) -> float:
    """Minutes after midnight (Shanghai time) of ``date``, for an ISO time of the result."""
    return _since_midnight(dt.datetime.fromisoformat(moment), date)


def _hhmm(minutes: float) -> str:
    whole = round(minutes)
    return f"{whole // 60:02d}:{whole % 60:02d}"


def _stops(day: dict) -> list[str]:
    return [stop["slug"] for stop in day["stops"]]


def _night(day: dict) -> dict:
    """Where the day ends: its lodging, or the trip's end on the last day."""
    return day.get("lodging") or day["end"]


def _coords(result: dict, facts: Facts) -> dict[str, tuple[float, float]]:
    """Coordinates of every place: the catalogue's, overridden by the ones the result shows."""
    found = dict(facts.coords)
    for day in result["days"]:
        for place in [day["start"], *day["stops"], day["end"], day.get("lodging") or day["end"]]:
            found[place["slug"]] = (place["lat"], place["lon"])
    return found


def _straight_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(geodesic(a, b).km)


def sunset_minutes(date: dt.date, lat: float, lon: float) -> float:
    """Sunset at a place, in minutes after midnight of Beijing time (astral's solar model)."""
    moment = sunset(Observer(latitude=lat, longitude=lon), date=date, tzinfo=SHANGHAI)
    return _since_midnight(moment, date)


# The flags


def must_dropped(request: PlanRequest, result: dict, facts: Facts) -> list[Flag]:
    """A requested must-see absent from a plan that holds optional stops, unless its reason is its hours."""
    planned = {slug for day in result["days"] for slug in _stops(day)}
    optional = planned - set(request.must)
    if not optional:
        return []
    reasons = {item["slug"]: item.get("reason", "") for item in result.get("missing_must", [])}
    flags = []
    for slug in request.must:
        reason = reasons.get(slug, "")
        if slug in planned or any(word in reason for word in HOURS_REASONS):
            continue
        why = reason or "not reported missing"
        flags.append(Flag("must_dropped", f"{slug} not planned ({why}) beside {len(optional)} optional stop(s)"))
    return flags


def after_dark(request: PlanRequest, result: dict, facts: Facts) -> list[Flag]:
    """A last leg of 20 min or more reaching the night's place over 15 min after sunset there."""
    flags = []
    for number, day in enumerate(result["days"], start=1):
        if not day["legs"] or day["legs"][-1]["minutes"] < DARK_LAST_LEG_MINUTES:
            continue
        place, date = _night(day), _date(day)
        arrive = _minutes(day["day_end"], date)
        dusk = sunset_minutes(date, place["lat"], place["lon"])
        if arrive > dusk + DARK_GRACE_MINUTES:
            leg = day["legs"][-1]["minutes"]
            detail = f"day {number} arrives {place['slug']} {_hhmm(arrive)}, sunset {_hhmm(dusk)}, last leg {leg} min"
            flags.append(Flag("after_dark", detail))
    return flags


def town_detour(request: PlanRequest, result: dict, facts: Facts) -> list[Flag]:
    """A leg between places under 1.5 km apart in a straight line that drives more than 3 km."""
    coords = _coords(result, facts)
    flags = []
    for number, day in enumerate(result["days"], start=1):
        for leg in day["legs"]:
            a, b = leg["from"], leg["to"]
            if a == b or a not in coords or b not in coords:
                continue
            straight = _straight_km(coords[a], coords[b])
            if straight < DETOUR_STRAIGHT_KM and leg["km"] > DETOUR_ROAD_KM:
                detail = f"day {number} {a} -> {b} {leg['km']:.1f} km by road, {straight:.1f} km apart"
                flags.append(Flag("town_detour", detail))
    return flags


def area_split(request: PlanRequest, result: dict, facts: Facts) -> list[Flag]:
    """An area left and re-entered on a day, or visited on days that do not follow each other."""
    flags = []
    for area in sorted(set(facts.areas.values())):
        days = []
        for number, day in enumerate(result["days"], start=1):
            at = [k for k, slug in enumerate(_stops(day)) if facts.areas.get(slug) == area]
            if not at:
                continue
            days.append(number)
            if at[-1] - at[0] + 1 != len(at):
                flags.append(Flag("area_split", f"day {number} leaves {area} and comes back"))
        if days and days[-1] - days[0] + 1 != len(days):
            flags.append(Flag("area_split", f"{area} on days {days}"))
    return flags


def _rest_allowed(request: PlanRequest, empty_days: list[int]) -> set[int]:
    """Empty days the request asked for: ``rest_days`` (not a field yet) as True (any), a count (the first
    that many empty days) or a collection of 1-based day numbers."""
    rest = getattr(request, "rest_days", None)
    if not rest:
        return set()
    if rest is True:
        return set(empty_days)
    if isinstance(rest, int):
        return set(empty_days[:rest])
    return {int(day) for day in rest}


def empty_beside_full(request: PlanRequest, result: dict, facts: Facts) -> list[Flag]:
    """An empty day followed, later in the trip, by a day of 3 or more stops (rest days asked for excepted).
    A day on the road for three quarters of its cap or more is a travel day (by car to a far place, or in
    the saddle on a ride), not an empty one."""
    days = result["days"]
    counts = [len(day["stops"]) for day in days]
    empty = [n for n, count in enumerate(counts, start=1) if count == 0 and not _travel_day(days[n - 1])]
    allowed = _rest_allowed(request, empty)
    flags = []
    for number in empty:
        full = next((later for later in range(number + 1, len(counts) + 1) if counts[later - 1] >= FULL_DAY_STOPS), 0)
        if full and number not in allowed:
            detail = f"day {number} has no stop, day {full} has {counts[full - 1]}"
            flags.append(Flag("empty_beside_full", detail))
    return flags


def _travel_day(day: dict) -> bool:
    cap = day.get("drive_cap_minutes")
    return bool(cap) and day.get("drive_minutes", 0) >= TRAVEL_DAY_SHARE * cap


def marathon(request: PlanRequest, result: dict, facts: Facts) -> list[Flag]:
    """A car trip of 3 days or less with a leg over 200 km or over 250 km a day on average, unless a must-see
    or the trip's end is over 150 km (straight line) from the start."""
    if request.mode != "car" or request.days > MARATHON_MAX_DAYS:
        return []
    coords = _coords(result, facts)
    origin = coords.get(request.start)
    targets = [slug for slug in (*request.must, request.end) if slug and slug in coords]
    if origin is None or any(_straight_km(origin, coords[slug]) > MARATHON_FAR_KM for slug in targets):
        return []
    flags = []
    for number, day in enumerate(result["days"], start=1):
        for leg in day["legs"]:
            if leg["km"] > MARATHON_LEG_KM:
                detail = f"day {number} {leg['from']} -> {leg['to']} {leg['km']:.0f} km, {leg['minutes']} min"
                flags.append(Flag("marathon", detail))
    total = sum(day["drive_km"] for day in result["days"])
    days = len(result["days"])
    if days and total / days > MARATHON_DAY_KM:
        flags.append(Flag("marathon", f"{total / days:.0f} km a day on average ({total:.0f} km in {days} day(s))"))
    return flags


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return max(0.0, min(a[1], b[1]) - max(a[0], b[0]))


def _lunch_hour(day: dict, date: dt.date) -> tuple[float, float]:
    lunch = day.get("lunch")
    if not lunch:
        return (0.0, 0.0)
    return (_minutes(lunch["start"], date), _minutes(lunch["end"], date))


def long_wait(request: PlanRequest, result: dict, facts: Facts) -> list[Flag]:
    """A wait over 30 min at a stop, or over 30 idle minutes between leaving a place (plus the leg's drive)
    and arriving at the next, the lunch hour not counted."""
    flags = []
    for number, day in enumerate(result["days"], start=1):
        date = _date(day)
        lunch = _lunch_hour(day, date)
        for stop in day["stops"]:
            if stop["wait_minutes"] > LONG_WAIT_MINUTES:
                arrive = _hhmm(_minutes(stop["arrive"], date))
                detail = f"day {number} waits {stop['wait_minutes']} min at {stop['slug']} (arrives {arrive})"
                flags.append(Flag("long_wait", detail))
        left, place = _minutes(day["day_start"], date), day["start"]["slug"]
        arrivals = [(stop["slug"], stop["arrive"], stop["depart"]) for stop in day["stops"]]
        arrivals.append((day["end"]["slug"], day["day_end"], day["day_end"]))
        for leg, (slug, arrive, depart) in zip(day["legs"], arrivals, strict=False):
            there = _minutes(arrive, date)
            idle = there - left - leg["minutes"] - _overlap((left, there), lunch)
            if idle > LONG_WAIT_MINUTES:
                detail = (
                    f"day {number} idle {idle:.0f} min between {place} (leaves {_hhmm(left)}) "
                    f"and {slug} (arrives {_hhmm(there)}, {leg['minutes']} min away)"
                )
                flags.append(Flag("long_wait", detail))
            left, place = _minutes(depart, date), slug
    return flags


def _detour(facts: Facts, before: str, lodging: str, after: str) -> float | None:
    legs = [(before, lodging), (lodging, after), (before, after)]
    km = [facts.road_km.get(pair) for pair in legs]
    if any(value is None for value in km):
        return None
    there, onward, direct = (float(value) for value in km if value is not None)
    detour = there + onward - direct
    return detour if math.isfinite(detour) else None  # a place out of reach by this mode


def bed_detour(request: PlanRequest, result: dict, facts: Facts) -> list[Flag]:
    """A night whose lodging costs 60 km or more of detour between the day's last stop and the next day's
    first (road km by the trip's mode), when another lodging of the catalogue would cost less and keep both
    days within their caps (where the facts know the minutes)."""
    flags = []
    for number, (today, tomorrow) in enumerate(itertools.pairwise(result["days"]), start=1):
        lodging = _night(today)["slug"]
        before = (_stops(today) or [today["start"]["slug"]])[-1]
        after = (_stops(tomorrow) or [tomorrow["end"]["slug"]])[0]
        detour = _detour(facts, before, lodging, after)
        if detour is None or detour < BED_DETOUR_KM:
            continue
        options = [
            (_detour(facts, before, other, after), other)
            for other in facts.lodgings
            if _bed_fits(facts, (today, tomorrow), (before, lodging, after), other)
        ]
        best = min(((km, slug) for km, slug in options if km is not None), default=None)
        if best is not None and best[0] < detour - BED_TOLERANCE_KM:
            detail = (
                f"night {number} at {lodging} between {before} and {after}: detour {detour:.0f} km, "
                f"{best[1]} would cost {best[0]:.0f} km"
            )
            flags.append(Flag("bed_detour", detail))
    return flags


def _bed_fits(facts: Facts, days: tuple[dict, dict], way: tuple[str, str, str], other: str) -> bool:
    """Whether sleeping at ``other`` instead of the way's lodging keeps both days' minutes within their caps."""
    minutes = facts.road_minutes
    if minutes is None:
        return True
    (today, tomorrow), (before, lodging, after) = days, way
    for day, old, new in ((today, (before, lodging), (before, other)), (tomorrow, (lodging, after), (other, after))):
        cap, ridden = day.get("drive_cap_minutes"), day.get("drive_minutes")
        if cap is None or ridden is None:
            continue
        if ridden - minutes.get(old, 0.0) + minutes.get(new, math.inf) > cap:
            return False
    return True


def short_ride(request: PlanRequest, result: dict, facts: Facts) -> list[Flag]:
    """On an ebike or bicycle trip with fewer stops than twice its days, one flag for the trip when either:

    - a day other than the last ends (day_end) before 13:30, or
    - the trip is back at its start before the last day: a night before the last within 10 km (straight
      line) of the start, after which no day has a stop;

    and in either case the day could have ridden to a sight the trip leaves out, besides its own stops, and
    on to its night within its cap (where the facts know the minutes): a rider with nothing in reach is not
    short-changed.
    """
    days = result["days"]
    stops = sum(len(day["stops"]) for day in days)
    if request.mode not in RIDE_MODES or stops >= 2 * len(days):
        return []
    reasons = []
    early = [(number, _minutes(day["day_end"], _date(day))) for number, day in enumerate(days[:-1], start=1)]
    early = [
        (number, ends) for number, ends in early if ends < RIDE_EARLY_END and _sight_in_reach(result, number, facts)
    ]
    if early:
        reasons.append("ends before 13:30 on " + ", ".join(f"day {n} ({_hhmm(ends)})" for n, ends in early))
    home = _home_before_last(request, result, facts)
    if home:
        reasons.append(f"back at {request.start} ({_night(days[home - 1])['slug']}) after day {home}, no stop after")
    if not reasons:
        return []
    return [Flag("short_ride", f"{stops} stop(s) in {len(days)} days; " + "; ".join(reasons))]


def _home_before_last(request: PlanRequest, result: dict, facts: Facts) -> int:
    """The first day before the last whose night is within 10 km of the start with no stop after it; 0 if none."""
    days = result["days"]
    origin = _coords(result, facts).get(request.start)
    if origin is None:
        return 0
    for number, day in enumerate(days[:-1], start=1):
        night = _night(day)
        near = _straight_km(origin, (night["lat"], night["lon"])) <= RIDE_HOME_KM
        if near and not any(later["stops"] for later in days[number:]) and _sight_in_reach(result, number + 1, facts):
            return number
    return 0


def _sight_in_reach(result: dict, number: int, facts: Facts) -> bool:
    """Whether day ``number`` (1-based) could have ridden to a sight the trip does not visit as well as to
    its own stops, and on to its night, within its cap; True when the facts do not say (no minutes known).
    A sight of an area the trip sees on other days counts only where the area's days would still follow
    each other."""
    if facts.road_minutes is None or not facts.sights:
        return True
    area_days: dict[str, set[int]] = {}
    for n, each in enumerate(result["days"], start=1):
        for slug in _stops(each):
            if slug in facts.areas:
                area_days.setdefault(facts.areas[slug], set()).add(n)

    def keeps_area(slug: str) -> bool:
        days = area_days.get(facts.areas.get(slug, ""), set()) | {number}
        return max(days) - min(days) + 1 == len(days)

    day = result["days"][number - 1]
    path = [day["start"]["slug"], *(stop["slug"] for stop in day["stops"]), _night(day)["slug"]]
    visited = {stop["slug"] for d in result["days"] for stop in d["stops"]}
    minutes, cap = facts.road_minutes, day["drive_cap_minutes"]
    legs = list(itertools.pairwise(path))
    ridden = sum(minutes.get(leg, math.inf) for leg in legs)
    return any(
        ridden - minutes.get((a, b), math.inf) + minutes.get((a, s), math.inf) + minutes.get((s, b), math.inf) <= cap
        for s in facts.sights
        if s not in visited and keeps_area(s)
        for a, b in legs
    )


FlagFunction = Callable[[PlanRequest, dict, Facts], list[Flag]]
FLAGS: dict[str, FlagFunction] = {
    "must_dropped": must_dropped,
    "after_dark": after_dark,
    "town_detour": town_detour,
    "empty_beside_full": empty_beside_full,
    "marathon": marathon,
    "long_wait": long_wait,
    "bed_detour": bed_detour,
    "short_ride": short_ride,
    "area_split": area_split,
}


def flags_for(request: PlanRequest, result: dict, facts: Facts) -> list[Flag]:
    """Every red flag of one planned trip, in ``FLAGS`` order."""
    return [flag for function in FLAGS.values() for flag in function(request, result, facts)]
