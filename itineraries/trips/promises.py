"""A finished plan checked against its themed route's promises (``catalogue/promises.py``).

The planner keeps the promises where it can (nights at the promised bases, the first day's places, the
longer trip's added must-sees, the route's reach); a date can still break one (a place closed on day 1, a
ride too short). Each broken promise becomes a code with its parameters, and advice tells the tourist.
"""

from __future__ import annotations

from dataclasses import dataclass

from itineraries.catalogue.models import Destination
from itineraries.catalogue.promises import Promises
from itineraries.trips.trip_result import Advice, Day, Param, TripResult

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


def promise_advice(broken: list[Broken], places: dict[str, Destination], least_riding: float | None) -> list[Advice]:
    """Advice for each broken promise: which promise (``night``, ``day_one``, ``added``, ``riding``) and what its
    sentence needs."""
    advice = []
    for b in broken:
        place = places.get(b.slug or "")
        params: dict[str, Param] = {"promise": b.code}
        if b.code == "riding":
            params |= {"minutes": b.minutes or 0, "least": round(least_riding or 0)}
        else:
            params |= {"place_en": place.name_en, "place_zh": place.name_zh} if place else {"place": b.slug or ""}
        advice.append(Advice(code="route_promise", day=b.day, params=params))
    return advice
