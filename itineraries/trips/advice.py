"""Why a plan is empty or thin, and what would help: another mode, a higher cap, more days, another start."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from itineraries.catalogue import selectors as catalogue
from itineraries.catalogue.models import Destination
from itineraries.routing import Plan
from itineraries.trips.trip_result import Advice, Param

if TYPE_CHECKING:
    from itineraries.trips.selectors import PlanContext

SAME_TOWN_KM = 3.0  # a town and its hotels are one place to a tourist


def _nearest_round_trip(
    context: PlanContext, d: int, begin: int, end: int, travel: np.ndarray, visited: set[int]
) -> float:
    """Fewest minutes on the road for day d to visit any place open that day and not yet in the plan."""
    problem = context.problem
    best = np.inf
    for node in problem.candidates:
        if node in visited:
            continue
        if problem.opens[d, node] > problem.closes[d, node]:
            continue  # closed that day
        best = min(best, travel[begin, node] + travel[node, end])
    return float(best)


def _by_other_mode(context: PlanContext, slug_from: str, slug_to: str, mode: str) -> float:
    matrix = catalogue.matrix_current(mode=mode, scenic=False)
    i, k = matrix.index(slug_from), matrix.index(slug_to)
    best = np.inf
    for node in context.problem.candidates:
        j = matrix.index(context.slugs[node])
        best = min(best, float(matrix.minutes[i, j] + matrix.minutes[j, k]))
    return best


def _matches(context: PlanContext, slug: str) -> bool:
    return bool(set(context.request.interests) & set(context.places[slug].categories))


def _names(key: str, place: Destination) -> dict[str, str]:
    """A place's two names as parameters ``<key>_en`` and ``<key>_zh``: the edge picks the page's language."""
    return {f"{key}_en": place.name_en, f"{key}_zh": place.name_zh}


def _interests_short(plan: Plan, context: PlanContext) -> Advice | None:
    """When the tourist's interests cannot fill two places a day, say so, and where the nearest matching
    place left out lies."""
    request = context.request
    if not request.interests:
        return None
    planned = {context.slugs[node] for node in plan.visited}
    matched = sum(_matches(context, slug) for slug in planned)
    if matched >= 2 * request.days:
        return None
    params: dict[str, Param] = {"interests": ", ".join(request.interests), "matched": matched}
    start = context.matrix.index(request.start)
    left = [
        (float(context.matrix.km[start, context.matrix.index(slug)]), slug)
        for slug, place in context.places.items()
        if place.kind == Destination.Kind.SIGHT
        and slug not in planned
        and slug in context.matrix.keys
        and _matches(context, slug)
    ]
    if left:
        km, slug = min(left)
        params |= {**_names("nearest", context.places[slug]), "km": round(km)}
    return Advice(code="interests_short", day=None, params=params)


def plan_advice(plan: Plan, context: PlanContext) -> list[Advice]:
    """Advice for each empty day the tourist did not ask to rest, and for a trip with fewer stops than days:
    codes with what their sentences need (trips/wording.py words them)."""
    request, problem = context.request, context.problem
    cap = request.drive_cap
    advice: list[Advice] = []
    empty = [d for d, day in enumerate(plan.days) if not day.visits and d + 1 not in request.rest_days]
    visited = set(plan.visited)
    for d in empty:
        day = plan.days[d]
        needed = _nearest_round_trip(context, d, day.begin, day.end, problem.travel, visited)
        begin = context.places[context.slugs[day.begin]]
        if np.isfinite(needed) and needed <= cap:
            advice.append(Advice(code="free_day", day=d + 1, params=_names("place", begin)))
            continue
        if not np.isfinite(needed):
            advice.append(Advice(code="nothing_open", day=d + 1, params={"date": request.dates[d].isoformat()}))
            continue
        helps = []
        if request.mode != "car":
            by_car = _by_other_mode(context, context.slugs[day.begin], context.slugs[day.end], "car")
            if by_car <= request.drive_cap:
                helps.append("car")
        if request.max_drive_hours is not None:
            helps.append("cap")
        if request.days == 1:
            helps.append("day")
        helps.append("start")
        params: dict[str, Param] = {
            "mode": request.mode,
            "needed": round(needed, 1),
            "cap": round(cap, 1),
            "helps": ",".join(helps),
            **_names("from", begin),
        }
        if problem.distance is not None and problem.distance[day.begin, day.end] >= SAME_TOWN_KM:
            # a day that rides or drives on to the next base: the stop must fit on the way
            params |= _names("to", context.places[context.slugs[day.end]])
        advice.append(Advice(code="out_of_reach", day=d + 1, params=params))
    stops = sum(len(day.visits) for day in plan.days)
    if not empty and stops < request.days:
        params = {"stops": stops, "days": request.days, "mode": request.mode, "cap": round(cap, 1)}
        advice.append(Advice(code="thin", day=None, params=params))
    short = _interests_short(plan, context)
    if short is not None:
        advice.append(short)
    return advice
