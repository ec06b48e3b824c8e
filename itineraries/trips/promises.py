"""A finished plan checked against its themed route's promises (``catalogue/promises.py``).

The planner keeps the promises where it can (nights at the promised bases, the first day's places, the
longer trip's added must-sees, the route's reach); a date can still break one (a place closed on day 1, a
ride too short). Each broken promise becomes a code with its parameters, and advice tells the tourist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from itineraries.catalogue.models import Destination
from itineraries.catalogue.promises import Promises
from itineraries.trips.trip_result import Day, TripResult

RIDING = "cycling"  # a place of this category is ridden, not walked: its time counts as riding


@dataclass(frozen=True)
class Broken:
    code: str  # "night", "day_one", "added", "riding"
    day: int | None  # 1-based
    slug: str | None = None  # the promised place or lodging
    minutes: int | None = None  # riding that day, for "riding"


def riding_minutes(day: Day) -> float:
    """Minutes on the bike that day: on the road, and at the places that are rides."""
    return day.drive_minutes + sum(s.visit_minutes for s in day.stops if RIDING in s.categories)


def broken_promises(result: TripResult, promises: Promises, *, route_days: int, mode: str) -> list[Broken]:
    """Every promise ``result`` does not keep."""
    days = result.days
    broken: list[Broken] = []
    for k, slug in enumerate(promises.nights_for(len(days), route_days)):
        lodging = days[k].lodging
        if slug and (lodging is None or lodging.slug != slug):
            broken.append(Broken("night", k + 1, slug))
    first = {s.slug for s in days[0].stops} if days else set()
    broken += [Broken("day_one", 1, slug) for slug in promises.day_one if slug not in first]
    visited = {s.slug for s in result.stops}
    broken += [Broken("added", None, s) for s in promises.added_for(len(days), route_days) if s not in visited]
    if promises.riding_minutes is not None and mode != "car":
        for n, day in enumerate(days, start=1):
            ridden = riding_minutes(day)
            if not day.rest and ridden < promises.riding_minutes:
                broken.append(Broken("riding", n, minutes=round(ridden)))
    return broken


def promise_advice(
    broken: list[Broken], places: dict[str, Destination], least_riding: float | None
) -> list[dict[str, Any]]:
    """Advice in English and Chinese for each broken promise."""
    advice = []
    for b in broken:
        place = places.get(b.slug or "")
        name_en, name_zh = (place.name_en, place.name_zh) if place else (b.slug, b.slug)
        if b.code == "night":
            en = f"The route sleeps at {name_en} on night {b.day}; this plan could not, on these dates."
            zh = f"本路线第{b.day}晚住{name_zh}。按所选日期，本行程未能安排。"
        elif b.code == "day_one":
            en = f"The route sees {name_en} on day 1; on this date it does not fit that day."
            zh = f"本路线第1天游览{name_zh}。所选日期当天无法安排。"
        elif b.code == "added":
            en = f"A trip this long adds {name_en} to the route; it did not fit."
            zh = f"这个天数的行程本应加入{name_zh}，但未能安排。"
        else:
            en = f"Day {b.day} rides {b.minutes} minutes, less than the route's {least_riding:.0f}."
            zh = f"第{b.day}天骑行{b.minutes}分钟，少于本路线承诺的{least_riding:.0f}分钟。"
        advice.append({"code": "route_promise", "day": b.day, "en": en, "zh": zh})
    return advice
