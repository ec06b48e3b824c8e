"""A trip arranged by hand: each day timed as the tourist ordered it, checked by the engine's checker, and every
broken rule named (a place reached after closing, a day over the driving cap) instead of refused or hidden."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np

from itineraries.routing import DayPlan, Plan, check
from itineraries.routing.plan import schedule_day
from itineraries.trips import selectors
from itineraries.trips.errors import InvalidRequest
from itineraries.trips.request import AFTER_SUNSET, PACE_WINDOWS, PlanRequest
from itineraries.trips.results import plan_changes, plan_to_result
from itineraries.trips.trip_result import Day, DayProblem, Problem, TripResult


def _hhmm(minutes: float) -> str:
    return "{:02d}:{:02d}".format(*divmod(round(minutes), 60))


def _hours(minutes: float) -> str:
    h, m = divmod(round(minutes), 60)
    return f"{h} h {m:02d} min" if h else f"{m} min"


def _hours_zh(minutes: float) -> str:
    h, m = divmod(round(minutes), 60)
    return f"{h} 小时 {m} 分钟" if h else f"{m} 分钟"


def plan_as_given(*, request: PlanRequest, before: list[list[str]] | None = None) -> TripResult:
    """The result of the days exactly as ``request.previous`` orders them, nights as before."""
    context = selectors.problem_for_request(request)
    problem = context.problem
    node = {slug: i for i, slug in enumerate(context.slugs) if i >= 2 + len(problem.lodgings)}
    unknown = [slug for day in request.previous for slug in day if slug not in node]
    if unknown:
        raise InvalidRequest({"days": [f"unknown place {unknown[0]!r}"]})
    if context.previous_nights is None:
        raise InvalidRequest({"days": ["the trip's nights are not known: re-plan it first"]})
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
    """The day with what it breaks, each in English and Chinese; a stop that breaks its hours also carries it."""
    problem = context.problem
    found: list[DayProblem] = []
    stops = []
    for visit, stop in zip(day.visits, out.stops, strict=True):
        window = context.windows[visit.node][d]
        issue = None
        if window is None:
            issue = Problem(
                en=f"{stop.name_en} is closed on {date:%a %d %b}.",
                zh=f"{stop.name_zh}在{date.month}月{date.day}日不开放。",
            )
        elif visit.start > problem.closes[d, visit.node] + 1e-6:
            close, begins, minutes = _hhmm(window[1]), _hhmm(visit.start), stop.visit_minutes
            issue = Problem(
                en=f"{stop.name_en}: the visit would start at {begins}, too late for its {minutes} min before "
                f"closing at {close}.",
                zh=f"{stop.name_zh}：{begins} 才能开始游览，{close} 关门前不够 {minutes} 分钟。",
            )
        stops.append(replace(stop, problem=issue))
        if issue:
            found.append(DayProblem(en=issue.en, zh=issue.zh, slug=stop.slug))
    spec = problem.days[d]
    if day.drive > spec.max_drive + 1e-6:
        found.append(
            DayProblem(
                slug=None,
                en=f"{_hours(day.drive)} at the wheel, over this trip's limit of {_hours(spec.max_drive)}.",
                zh=f"驾驶 {_hours_zh(day.drive)}，超过本次行程每天 {_hours_zh(spec.max_drive)} 的上限。",
            )
        )
    if day.end_arrive > spec.end + 1e-6:
        late = _late_end(context.request, day.end_arrive, spec.end)
        found.append(DayProblem(slug=None, en=late.en, zh=late.zh))
    if day.lunch_missing:
        found.append(DayProblem(slug=None, en="No room for a lunch hour.", zh="没有留出午餐时间。"))
    return replace(out, stops=tuple(stops), problems=tuple(found))


PACE_NAMES = {"relaxed": ("relaxed", "轻松"), "normal": ("normal", "适中"), "packed": ("packed", "紧凑")}


def _late_end(request: PlanRequest, ends: float, limit: float) -> Problem:
    """Why a day should end by ``limit``: the pace's last hour, or sunset (plus a little dusk by car)."""
    end, by = _hhmm(ends), _hhmm(limit)
    pace_en, pace_zh = PACE_NAMES.get(request.pace, (request.pace, request.pace))
    if limit >= PACE_WINDOWS[request.pace][1]:
        return Problem(
            en=f"The day ends at {end}, after {by}, when a {pace_en} day should be over.",
            zh=f"当天 {end} 才结束，晚于{pace_zh}节奏每天的结束时间 {by}。",
        )
    dusk = AFTER_SUNSET.get(request.mode, 0)
    sunset = _hhmm(limit - dusk)
    if not dusk:
        return Problem(
            en=f"The day ends at {end}, after sunset ({sunset}): riders should reach their bed by then.",
            zh=f"当天 {end} 才结束，晚于日落时间 {sunset}，骑行应在日落前到达住处。",
        )
    return Problem(
        en=f"The day ends at {end}, after dark: sunset is at {sunset}, and the drive should be over by {by}.",
        zh=f"当天 {end} 才结束，天已黑：日落时间 {sunset}，应在 {by} 前结束驾驶。",
    )
