"""A trip arranged by hand: each day timed as the tourist ordered it, checked by the engine's checker, and every
broken rule named (a place reached after closing, a day over the driving cap) instead of refused or hidden."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np

from itineraries.routing import DayPlan, Plan, check
from itineraries.routing.plan import schedule_day
from itineraries.trips import selectors
from itineraries.trips.errors import FieldError, InvalidRequest
from itineraries.trips.request import AFTER_SUNSET, PACE_WINDOWS, PlanRequest
from itineraries.trips.results import plan_changes, plan_to_result
from itineraries.trips.trip_result import Day, DayProblem, Param, Problem, TripResult


def _hhmm(minutes: float) -> str:
    return "{:02d}:{:02d}".format(*divmod(round(minutes), 60))


def plan_as_given(*, request: PlanRequest, before: list[list[str]] | None = None) -> TripResult:
    """The result of the days exactly as ``request.previous`` orders them, nights as before."""
    context = selectors.problem_for_request(request)
    problem = context.problem
    node = {slug: i for i, slug in enumerate(context.slugs) if i >= 2 + len(problem.lodgings)}
    unknown = [slug for day in request.previous for slug in day if slug not in node]
    if unknown:
        raise InvalidRequest({"days": [FieldError("invalid", "edit_unknown_place", {"slug": unknown[0]})]})
    if context.previous_nights is None:
        raise InvalidRequest({"days": [FieldError("invalid", "nights_unknown")]})
    # A place the tourist puts on a day it is closed is timed as if it let them in, and reported below.
    lenient = replace(
        problem,
        nodes=tuple(
            replace(n, windows=tuple(w if w is not None else (0.0, 24 * 60.0) for w in n.windows))
            for n in problem.nodes
        ),
    )
    days, begin = [], problem.start
    for d, route in enumerate(request.previous):
        end = context.previous_nights[d]
        days.append(schedule_day(lenient, d, begin, end, [node[s] for s in route]))
        begin = end
    visited = {v.node for day in days for v in day.visits}
    plan = Plan(
        days=tuple(days),
        score=sum(problem.nodes[v.node].score for day in days for v in day.visits),
        drive=sum(day.drive for day in days),
        missing_must=tuple(m for m in sorted(problem.must) if m not in visited),
    )
    result = plan_to_result(plan, context)
    with np.errstate(invalid="ignore"):  # a visit on a closed day starts at +inf in the strict problem
        violations = check(problem, plan)  # the engine's own words, for clients that check
    timed = tuple(
        _with_problems(context, d, day, out, request.dates[d])
        for d, (day, out) in enumerate(zip(plan.days, result.days, strict=True))
    )
    changes = plan_changes(before, timed) if before is not None else result.changes
    return replace(result, days=timed, edited=True, violations=tuple(violations), changes=changes)


def _with_problems(context: selectors.PlanContext, d: int, day: DayPlan, out: Day, date: dt.date) -> Day:
    """The day with what it breaks, as codes with parameters; a stop that breaks its hours also carries it."""
    problem = context.problem
    found: list[DayProblem] = []
    stops = []
    for visit, stop in zip(day.visits, out.stops, strict=True):
        window = context.windows[visit.node][d]
        names: dict[str, Param] = {"place_en": stop.name_en, "place_zh": stop.name_zh}
        issue = None
        if window is None:
            issue = Problem(code="closed", params={**names, "date": date.isoformat()})
        elif visit.start > problem.closes[d, visit.node] + 1e-6:
            begins, closes = _hhmm(visit.start), _hhmm(window[1])
            issue = Problem(
                code="too_late", params={**names, "begins": begins, "minutes": stop.visit_minutes, "closes": closes}
            )
        stops.append(replace(stop, problem=issue))
        if issue:
            found.append(DayProblem(code=issue.code, params=issue.params, slug=stop.slug))
    spec = problem.days[d]
    if day.drive > spec.max_drive + 1e-6:
        found.append(
            DayProblem(code="over_cap", params={"drive": round(day.drive), "cap": round(spec.max_drive)}, slug=None)
        )
    if day.end_arrive > spec.end + 1e-6:
        late = _late_end(context.request, day.end_arrive, spec.end)
        found.append(DayProblem(code=late.code, params=late.params, slug=None))
    if day.lunch_missing:
        found.append(DayProblem(code="no_lunch", slug=None))
    return replace(out, stops=tuple(stops), problems=tuple(found))


def _late_end(request: PlanRequest, ends: float, limit: float) -> Problem:
    """Why a day should end by ``limit``: the pace's last hour, or sunset (plus a little dusk by car)."""
    end, by = _hhmm(ends), _hhmm(limit)
    if limit >= PACE_WINDOWS[request.pace][1]:
        return Problem(code="late_for_pace", params={"ends": end, "by": by, "pace": request.pace})
    dusk = AFTER_SUNSET.get(request.mode, 0)
    sunset = _hhmm(limit - dusk)
    if not dusk:
        return Problem(code="after_sunset", params={"ends": end, "sunset": sunset})
    return Problem(code="after_dark", params={"ends": end, "sunset": sunset, "by": by})
