"""Where a trip request is validated: front ends parse their input into a PlanInput, and plan_request_build
applies the domain's rules (themed-route defaults, known places, dates, reachability) to make a PlanRequest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from django.utils import timezone
from django.utils.translation import gettext as _

from itineraries.catalogue import selectors as catalogue
from itineraries.catalogue.choices import INTERESTS, MAX_DAYS, MODES, PACES
from itineraries.catalogue.display import chinese
from itineraries.catalogue.models import Destination, ThemedRoute
from itineraries.catalogue.promises import Promises
from itineraries.routing import night_chain
from itineraries.trips import selectors
from itineraries.trips.advice import MODE_NAMES
from itineraries.trips.errors import FieldMessage, InvalidRequest
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


def mode_name(mode: str) -> str:
    """A travel mode as a tourist says it, in the page's language."""
    return MODE_NAMES.get(mode, (mode, mode))[1 if chinese() else 0]


def _name(place: Destination | None, slug: str = "") -> str:
    """A place as a tourist knows it, in the page's language; an unknown slug as given."""
    if place is None:
        return f"'{slug}'"
    return place.name_zh if chinese() else place.name_en


class _Errors(dict[str, list[str]]):
    def add(self, field: str, message: str, code: str = "invalid") -> None:
        self.setdefault(field, []).append(FieldMessage(message, code))


def _with_route(given: PlanInput, errors: _Errors) -> PlanInput:
    """A themed route fills what the request leaves out."""
    if not given.route:
        return given
    route = ThemedRoute.objects.filter(slug=given.route).first()
    if route is None:
        errors.add("route", _("Unknown themed route '%(route)s'.") % {"route": given.route}, "unknown_route")
        return given
    if not route.published:
        errors.add(
            "route",
            _("The themed route %(route)s is not offered at the moment.")
            % {"route": route.name_zh if chinese() else route.name_en},
            "route_not_offered",
        )
        return given
    hidden = catalogue.places_retired(catalogue.route_places(route))
    missing = catalogue.route_places(route) - set(hidden) - set(catalogue.network_current()[1])
    if hidden or missing:
        names = [_name(place) for place in hidden.values()] + [f"'{slug}'" for slug in sorted(missing)]
        errors.add(
            "route",
            _("The themed route %(route)s is not offered at the moment: %(places)s no longer offered.")
            % {"route": route.name_zh if chinese() else route.name_en, "places": ", ".join(sorted(names))},
            "route_not_offered",
        )
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
                errors.add(field, _("%(name)s is no longer offered.") % {"name": _name(gone)}, "retired_place")
            else:
                errors.add(field, _("Unknown place '%(slug)s'.") % {"slug": slug}, "unknown_place")
        elif sights_only and place.kind != Destination.Kind.SIGHT:
            errors.add(
                field,
                _("%(name)s is a town or a lodging, not a place to visit.") % {"name": _name(place)},
                "not_a_sight",
            )
    return tuple(dict.fromkeys(slugs))


def _date(value: dt.date | None, errors: _Errors) -> dt.date:
    today = timezone.localdate()
    if value is None:
        return today + dt.timedelta(days=1)
    if value < today:
        errors.add("date", _("The trip cannot start in the past."), "past_date")
    elif value > today + dt.timedelta(days=3 * 366):
        errors.add("date", _("The trip must start within three years."), "too_far_ahead")
    return value


def _reachable(request: PlanRequest, errors: _Errors, places: dict[str, Destination]) -> None:
    matrix = catalogue.matrix_current(mode=request.mode, scenic=False)
    origin = matrix.index(request.start)
    budget = request.days * request.drive_cap
    for slug in request.must:
        minutes = float(matrix.minutes[origin, matrix.index(slug)])
        if not np.isfinite(minutes) or minutes > budget:
            errors.add(
                "must",
                _("%(name)s cannot be reached by %(mode)s from %(start)s within %(days)d day(s).")
                % {
                    "name": _name(places.get(slug), slug),
                    "mode": mode_name(request.mode),
                    "start": _name(places[request.start]),
                    "days": request.days,
                },
                "unreachable",
            )


def _rest_days(days: tuple[int, ...], length: int, errors: _Errors) -> tuple[int, ...]:
    """Days spent at the night's base: between the first and the last (a trip sets off and comes back)."""
    for day in days:
        if not 2 <= day <= length - 1:
            errors.add(
                "rest_days",
                _("Day %(day)d cannot be a rest day: choose one from day 2 to day %(last)d.")
                % {"day": day, "last": max(length - 1, 1)}
                if length >= 3
                else _("A rest day needs a trip of at least 3 days."),
                "out_of_range",
            )
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
        errors.add(
            "end",
            _("%(name)s cannot be reached by %(mode)s from %(start)s within %(days)d day(s).")
            % {
                "name": _name(places[request.end]),
                "mode": mode_name(request.mode),
                "start": _name(places[request.start]),
                "days": request.days,
            },
            "unreachable",
        )


def plan_request_build(*, given: PlanInput) -> PlanRequest:
    """The PlanRequest for a tourist's input, or InvalidRequest listing every field that is wrong."""
    errors = _Errors()
    given = _with_route(given, errors)
    if not given.start and "route" not in errors:
        errors.add("start", _("Choose where the trip starts."), "required")
    if given.days is None:
        if "route" not in errors:
            errors.add("days", _("Say how many days the trip lasts."), "required")
    elif not 1 <= given.days <= MAX_DAYS:
        errors.add("days", _("A trip lasts 1 to %(max)d days.") % {"max": MAX_DAYS}, "out_of_range")
    pace, mode = given.pace or "normal", given.mode or "car"
    if pace not in PACES:
        errors.add("pace", _("Pace must be one of %(choices)s.") % {"choices": ", ".join(PACES)})
    if mode not in MODES:
        errors.add("mode", _("Travel mode must be one of %(choices)s.") % {"choices": ", ".join(MODES)})
    if given.max_drive_hours is not None and not 0.5 <= given.max_drive_hours <= MAX_DRIVE_HOURS:
        errors.add(
            "max_drive_hours",
            _("Hours at the wheel per day must be between 0.5 and %(max)g.") % {"max": MAX_DRIVE_HOURS},
        )
    interests = tuple(dict.fromkeys(given.interests or ()))
    for interest in interests:
        if interest not in INTERESTS:
            errors.add("interests", _("Unknown interest '%(interest)s'.") % {"interest": interest})
    must, avoid = given.must or (), given.avoid or ()
    if len(must) > MAX_MUST:
        errors.add("must", _("At most %(max)d must-see places.") % {"max": MAX_MUST})
    if len(avoid) > MAX_AVOID:
        errors.add("avoid", _("At most %(max)d places to avoid.") % {"max": MAX_AVOID})
    places = catalogue.network_current()[1]
    if given.start:
        _places((given.start,), "start", errors, places, sights_only=False)
    if given.end:
        _places((given.end,), "end", errors, places, sights_only=False)
    must = _places(must, "must", errors, places, sights_only=True)
    avoid = _places(avoid, "avoid", errors, places, sights_only=True)
    for slug in sorted(set(must) & set(avoid)):
        errors.add("avoid", _("%(name)s is also a must-see.") % {"name": _name(places.get(slug), slug)}, "conflict")
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
            errors.add(
                "keep_days",
                _("Day %(day)d is not a day of this %(days)d-day trip.") % {"day": day, "days": days},
                "out_of_range",
            )
    places = catalogue.network_current()[1]
    pinned = _places(tuple(pins), "pins", errors, places, sights_only=True)
    dropped = _places(tuple(drops), "drops", errors, places, sights_only=True)
    for slug in sorted(set(pinned) & set(dropped)):
        errors.add("drops", _("%(name)s is also pinned.") % {"name": _name(places.get(slug), slug)}, "conflict")
    if errors:
        raise InvalidRequest(dict(errors))
    return pinned, dropped
