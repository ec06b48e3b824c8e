"""Published itineraries (``benchmarks/data/guides.json``) and how a planned trip measures against one.

Pure functions over the guide data, the public result dict (``itineraries/trips/results.py``) and the
catalogue facts of ``benchmarks/red_flags.py``: no database, no clock, so tests feed them small examples.

    guides = guides_load(GUIDES_PATH)
    km = km_along(guide_path(guides[0]), facts.road_km)
    measured = guide_compare(guides[0], request, result, facts)
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.red_flags import Facts, area_split, long_wait
from itineraries.trips.request import PlanRequest

GUIDES_PATH = Path(__file__).parent / "data" / "guides.json"


@dataclass(frozen=True)
class GuideDay:
    places: tuple[str, ...]  # catalogue slugs in the guide's order
    lacks: tuple[str, ...] = ()  # what the guide visits that the catalogue lacks
    night: str | None = None  # the lodging the guide names for the night after this day
    evening: str | None = None  # where the evening is spent when no bed is named

    @property
    def base(self) -> str | None:
        """Where the guide's day ends: its bed, or else its evening's place."""
        return self.night or self.evening


@dataclass(frozen=True)
class Guide:
    id: str
    title: str
    url: str
    read: str
    start: str
    end: str | None
    mode: str
    interests: tuple[str, ...]
    days: tuple[GuideDay, ...]
    note: str = ""

    @property
    def must(self) -> tuple[str, ...]:
        """The guide's places in catalogue, each once, in the guide's order."""
        return tuple(dict.fromkeys(slug for day in self.days for slug in day.places))

    @property
    def finish(self) -> str:
        """Where the trip ends (the start when the guide does not say, as the app does)."""
        return self.end or self.start


def guide_from(data: Mapping) -> Guide:
    days = tuple(
        GuideDay(
            places=tuple(day["places"]),
            lacks=tuple(day.get("lacks", ())),
            night=day.get("night"),
            evening=day.get("evening"),
        )
        for day in data["days"]
    )
    return Guide(
        id=data["id"],
        title=data["title"],
        url=data["url"],
        read=data["read"],
        start=data["start"],
        end=data.get("end"),
        mode=data.get("mode", "car"),
        interests=tuple(data.get("interests", ("heritage",))),
        days=days,
        note=data.get("note", ""),
    )


def guides_load(path: Path = GUIDES_PATH) -> list[Guide]:
    return [guide_from(item) for item in json.loads(path.read_text())["guides"]]


def guide_path(guide: Guide) -> list[str]:
    """The guide's way on the app's map: start, each day's places, each night's base, the end."""
    path = [guide.start]
    for number, day in enumerate(guide.days, start=1):
        path += day.places
        if number < len(guide.days) and day.base:
            path.append(day.base)
    path.append(guide.finish)
    return [slug for k, slug in enumerate(path) if k == 0 or slug != path[k - 1]]


def km_along(path: Sequence[str], road_km: Mapping[tuple[str, str], float]) -> float:
    """Road km along ``path``, leg by leg (``math.inf`` where a leg has no road)."""
    return sum(road_km.get(leg, math.inf) for leg in itertools.pairwise(path))


@dataclass
class Measured:
    """One guide beside the app's trip for it."""

    nights_named: int = 0
    nights_matched: int = 0
    night_misses: list[str] = field(default_factory=list)
    area_days: dict[str, list[int]] = field(default_factory=dict)
    area_splits: list[str] = field(default_factory=list)
    driven_inside: list[str] = field(default_factory=list)
    short_visits: list[str] = field(default_factory=list)
    short_must: list[str] = field(default_factory=list)
    idle_waits: list[str] = field(default_factory=list)
    after_sunset: list[str] = field(default_factory=list)
    missing_must: list[str] = field(default_factory=list)
    app_km: float = 0.0
    guide_km: float = 0.0

    @property
    def km_ratio(self) -> float | None:
        if not self.guide_km or not math.isfinite(self.guide_km):
            return None
        return self.app_km / self.guide_km


def _clock(moment: str) -> dt.datetime:
    return dt.datetime.fromisoformat(moment)


def _minutes_between(begin: str, end: str) -> float:
    return (_clock(end) - _clock(begin)).total_seconds() / 60


def nights_at_base(guide: Guide, result: dict) -> tuple[int, int, list[str]]:
    """(nights the guide names, of those the app spends there, each miss as text)."""
    named = matched = 0
    misses = []
    for number, (day, planned) in enumerate(zip(guide.days[:-1], result["days"], strict=False), start=1):
        if not day.night:
            continue
        named += 1
        slept = (planned.get("lodging") or {}).get("slug")
        if slept == day.night:
            matched += 1
        else:
            misses.append(f"night {number}: guide {day.night}, app {slept}")
    return named, matched, misses


def area_days(result: dict, areas: Mapping[str, str]) -> dict[str, list[int]]:
    """The days (1-based) with a stop in each area."""
    found: dict[str, list[int]] = {}
    for number, day in enumerate(result["days"], start=1):
        for stop in day["stops"]:
            area = areas.get(stop["slug"])
            if area and number not in found.setdefault(area, []):
                found[area].append(number)
    return found


def driven_inside(result: dict, areas: Mapping[str, str]) -> list[str]:
    """Legs between two places of one area that the plan drives instead of walking."""
    legs = []
    for number, day in enumerate(result["days"], start=1):
        for leg in day["legs"]:
            a, b = areas.get(leg["from"]), areas.get(leg["to"])
            if a and a == b and leg["from"] != leg["to"] and not leg.get("on_foot"):
                legs.append(f"day {number} {leg['from']} -> {leg['to']} {leg['km']:.1f} km by road")
    return legs


def short_visits(result: dict) -> list[tuple[str, str]]:
    """Stops given less time than the place's typical visit: (slug, text)."""
    short = []
    for number, day in enumerate(result["days"], start=1):
        for stop in day["stops"]:
            spent = _minutes_between(stop["start"], stop["depart"])
            if spent + 0.5 < stop["visit_minutes"]:
                text = f"day {number} {stop['slug']} {spent:.0f} of {stop['visit_minutes']} min"
                short.append((stop["slug"], text))
    return short


def after_sunset(result: dict) -> list[str]:
    """Days whose last arrival is after the day's sunset at the night's place."""
    late = []
    for number, day in enumerate(result["days"], start=1):
        if day.get("sunset") and _clock(day["day_end"]) > _clock(day["sunset"]):
            late.append(f"day {number} ends {day['day_end'][11:16]}, sunset {day['sunset'][11:16]}")
    return late


def guide_compare(guide: Guide, request: PlanRequest, result: dict, facts: Facts) -> Measured:
    """Every measure of the app's ``result`` for ``guide`` (asked as ``request``)."""
    named, matched, misses = nights_at_base(guide, result)
    short = short_visits(result)
    return Measured(
        nights_named=named,
        nights_matched=matched,
        night_misses=misses,
        area_days=area_days(result, facts.areas),
        area_splits=[flag.detail for flag in area_split(request, result, facts)],
        driven_inside=driven_inside(result, facts.areas),
        short_visits=[text for _slug, text in short],
        short_must=[text for slug, text in short if slug in request.must],
        idle_waits=[flag.detail for flag in long_wait(request, result, facts)],
        after_sunset=after_sunset(result),
        missing_must=[f"{m['slug']} ({m.get('reason', '')})" for m in result.get("missing_must", [])],
        app_km=float(result["total_km"]),
        guide_km=km_along(guide_path(guide), facts.road_km),
    )
