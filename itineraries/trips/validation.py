"""Where a trip request is validated: front ends parse their input into a PlanInput, and plan_request_build
applies the domain's rules (themed-route defaults, known places, dates, reachability) to make a PlanRequest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from django.utils import timezone

from itineraries.catalogue import selectors as catalogue
from itineraries.catalogue.choices import INTERESTS, MAX_DAYS, MODES, PACES
from itineraries.catalogue.models import Destination, ThemedRoute
from itineraries.catalogue.promises import Promises
from itineraries.routing import night_chain
from itineraries.trips import selectors
from itineraries.trips.errors import FieldError, InvalidRequest
from itineraries.trips.request import MAX_DRIVE_HOURS, PlanRequest

MAX_MUST = 30
MAX_AVOID = 100


@dataclass(frozen=True)
class PlanInput:
    """What a front end parsed from its form, body or arguments; None means "not given"."""

    start: str | None = None
    days: int | None = None
    date: dt.date | None = None
    interests: tuple[str, ...] | None = None
    pace: str | None = None
    mode: str | None = None
    must: tuple[str, ...] | None = None
    avoid: tuple[str, ...] | None = None
    end: str | None = None
    scenic: bool | None = None
    seed: int | None = None
    route: str | None = None
    max_drive_hours: float | None = None
    rest_days: tuple[int, ...] | None = None


def plan_input_from(request: PlanRequest) -> PlanInput:
    """An accepted request as input again (to validate a variant of it), without its route or previous plan."""
    return PlanInput(
        start=request.start,
        days=request.days,
        date=request.date,
        interests=request.interests,
        pace=request.pace,
        mode=request.mode,
        must=request.must,
        avoid=request.avoid,
        end=request.end,
        scenic=request.scenic,
        seed=request.seed,
        max_drive_hours=request.max_drive_hours,
        rest_days=request.rest_days,
    )


Param = str | int | float | tuple[str, ...]  # a tuple: a list of names, which the edge joins


def _name(place: Destination | ThemedRoute | None, slug: str = "", key: str = "name") -> dict[str, Param]:
    """A place (or route) as parameters: both its names, for the edge to say in the page's language; an unknown
    slug as given."""
    if place is None:
        return {key: f"'{slug}'"}
    return {f"{key}_en": place.name_en, f"{key}_zh": place.name_zh}


class _Errors(dict[str, list[FieldError | str]]):
    def add(self, field: str, reason: str, code: str = "invalid", **params: Param) -> None:
        self.setdefault(field, []).append(FieldError(code, reason, params))


def _with_route(given: PlanInput, errors: _Errors) -> PlanInput:
    """A themed route fills what the request leaves out."""
    if not given.route:
        return given
    route = ThemedRoute.objects.filter(slug=given.route).first()
    if route is None:
        errors.add("route", "unknown_route", "unknown_route", route=given.route)
        return given
    if not route.published:
        errors.add("route", "route_not_offered", "route_not_offered", **_name(route, key="route"))
        return given
    hidden = catalogue.places_retired(catalogue.route_places(route))
    missing = catalogue.route_places(route) - set(hidden) - set(catalogue.network_current()[1])
    if hidden or missing:
        gone = [f"'{slug}'" for slug in sorted(missing)]
        places = {
            f"places_{lang}": tuple(sorted([getattr(p, f"name_{lang}") for p in hidden.values()] + gone))
            for lang in ("en", "zh")
        }
        errors.add("route", "route_places_gone", "route_not_offered", **_name(route, key="route"), **places)
        return given
    filled: dict[str, Any] = {}
    for name, default in route.defaults().items():
        if getattr(given, name) in (None, "", ()):
            filled[name] = tuple(default) if isinstance(default, list) else default
    follows = given.start in (None, "", route.start) and given.mode in (None, "", route.mode)
    if "must" in filled and isinstance(given.days, int) and follows:  # a longer trip adds what the route promises
        added = Promises.from_json(route.promises).added_for(given.days, route.days)
        filled["must"] = tuple(dict.fromkeys([*filled["must"], *added]))
    return replace(given, **filled)


def _places(
    slugs: tuple[str, ...], field: str, errors: _Errors, places: dict[str, Destination], *, sights_only: bool
) -> tuple[str, ...]:
    for slug in slugs:
        place = places.get(slug)
        if place is None:
            gone = catalogue.places_retired({slug}).get(slug)
            if gone:
                errors.add(field, "retired_place", "retired_place", **_name(gone))
            else:
                errors.add(field, "unknown_place", "unknown_place", slug=slug)
        elif sights_only and place.kind != Destination.Kind.SIGHT:
            errors.add(field, "not_a_sight", "not_a_sight", **_name(place))
    return tuple(dict.fromkeys(slugs))


def _date(value: dt.date | None, errors: _Errors) -> dt.date:
    today = timezone.localdate()
    if value is None:
        return today + dt.timedelta(days=1)
    if value < today:
        errors.add("date", "past_date", "past_date")
    elif value > today + dt.timedelta(days=3 * 366):
        errors.add("date", "too_far_ahead", "too_far_ahead")
    return value


def _reachable(request: PlanRequest, errors: _Errors, places: dict[str, Destination]) -> None:
    matrix = catalogue.matrix_current(mode=request.mode, scenic=False)
    origin = matrix.index(request.start)
    budget = request.days * request.drive_cap
    for slug in request.must:
        minutes = float(matrix.minutes[origin, matrix.index(slug)])
        if not np.isfinite(minutes) or minutes > budget:
            errors.add("must", "unreachable", "unreachable", **_reach(request, places.get(slug), slug, places))


def _reach(
    request: PlanRequest, place: Destination | None, slug: str, places: dict[str, Destination]
) -> dict[str, Param]:
    """What "cannot be reached" says: the place, the mode, the start and the days."""
    return {
        **_name(place, slug),
        "mode": request.mode,
        **_name(places[request.start], key="start"),
        "days": request.days,
    }


def _rest_days(days: tuple[int, ...], length: int, errors: _Errors) -> tuple[int, ...]:
    """Days spent at the night's base: between the first and the last (a trip sets off and comes back)."""
    for day in days:
        if not 2 <= day <= length - 1:
            if length >= 3:
                errors.add("rest_days", "rest_day_range", "out_of_range", day=day, last=max(length - 1, 1))
            else:
                errors.add("rest_days", "rest_day_short_trip", "out_of_range", day=day)
    return tuple(sorted(set(days)))


def _nights_reach_end(request: PlanRequest) -> bool:
    """The engine's own answer, on the problem it will solve (its roads, leg limit, day lengths, rest days and
    lunch hour): is there a chain of nights that reaches the end? If so the engine's plan reaches it too."""
    return night_chain(selectors.problem_for_request(request).problem) is not None


def _end_reachable(request: PlanRequest, errors: _Errors, places: dict[str, Destination]) -> None:
    """A one-way trip's end must be reachable night by night, each day's road within its cap."""
    if not request.end or request.end == request.start:
        return
    matrix = catalogue.matrix_current(mode=request.mode, scenic=False)
    minutes, cap = matrix.minutes, request.drive_cap
    beds = [matrix.index(slug) for slug, place in places.items() if place.lodging]
    here = {matrix.index(request.start)}
    for _day in range(request.days - 1):
        here |= {b for b in beds if any(minutes[a, b] <= cap for a in here)}
    if not any(minutes[a, matrix.index(request.end)] <= cap for a in here) or not _nights_reach_end(request):
        errors.add("end", "unreachable", "unreachable", **_reach(request, places[request.end], request.end, places))


def plan_request_build(*, given: PlanInput) -> PlanRequest:
    """The PlanRequest for a tourist's input, or InvalidRequest listing every field that is wrong."""
    errors = _Errors()
    given = _with_route(given, errors)
    if not given.start and "route" not in errors:
        errors.add("start", "start_required", "required")
    if given.days is None:
        if "route" not in errors:
            errors.add("days", "days_required", "required")
    elif not 1 <= given.days <= MAX_DAYS:
        errors.add("days", "days_range", "out_of_range", max=MAX_DAYS)
    pace, mode = given.pace or "normal", given.mode or "car"
    if pace not in PACES:
        errors.add("pace", "pace_choice", choices=", ".join(PACES))
    if mode not in MODES:
        errors.add("mode", "mode_choice", choices=", ".join(MODES))
    if given.max_drive_hours is not None and not 0.5 <= given.max_drive_hours <= MAX_DRIVE_HOURS:
        errors.add("max_drive_hours", "drive_hours_range", max=MAX_DRIVE_HOURS)
    interests = tuple(dict.fromkeys(given.interests or ()))
    for interest in interests:
        if interest not in INTERESTS:
            errors.add("interests", "unknown_interest", interest=interest)
    must, avoid = given.must or (), given.avoid or ()
    if len(must) > MAX_MUST:
        errors.add("must", "too_many_must", max=MAX_MUST)
    if len(avoid) > MAX_AVOID:
        errors.add("avoid", "too_many_avoid", max=MAX_AVOID)
    places = catalogue.network_current()[1]
    if given.start:
        _places((given.start,), "start", errors, places, sights_only=False)
    if given.end:
        _places((given.end,), "end", errors, places, sights_only=False)
    must = _places(must, "must", errors, places, sights_only=True)
    avoid = _places(avoid, "avoid", errors, places, sights_only=True)
    for slug in sorted(set(must) & set(avoid)):
        errors.add("avoid", "also_must", "conflict", **_name(places.get(slug), slug))
    date = _date(given.date, errors)
    rest_days = _rest_days(given.rest_days or (), int(given.days or 0), errors)
    if errors:
        raise InvalidRequest(dict(errors))
    request = PlanRequest(
        start=given.start or "",
        days=int(given.days or 0),
        date=date,
        interests=interests,
        pace=pace,
        mode=mode,
        must=must,
        avoid=avoid,
        end=given.end or None,
        scenic=bool(given.scenic),
        seed=int(given.seed or 0),
        route=given.route or None,
        max_drive_hours=given.max_drive_hours,
        rest_days=rest_days,
    )
    _reachable(request, errors, places)
    _end_reachable(request, errors, places)
    if errors:
        raise InvalidRequest(dict(errors))
    return request


def replan_places_check(
    *, pins: list[str], drops: list[str], keep_days: list[int] | None = None, days: int | None = None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Pinned and dropped places of a re-plan: known sights, each listed once; locked days within the trip."""
    errors = _Errors()
    for day in keep_days or ():
        if days is not None and not 1 <= day <= days:
            errors.add("keep_days", "keep_day_range", "out_of_range", day=day, days=days)
    places = catalogue.network_current()[1]
    pinned = _places(tuple(pins), "pins", errors, places, sights_only=True)
    dropped = _places(tuple(drops), "drops", errors, places, sights_only=True)
    for slug in sorted(set(pinned) & set(dropped)):
        errors.add("drops", "also_pinned", "conflict", **_name(places.get(slug), slug))
    if errors:
        raise InvalidRequest(dict(errors))
    return pinned, dropped
