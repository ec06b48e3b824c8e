"""Turns an engine Plan into a TripResult (its wire shape: docs/design.md and the OpenAPI schema)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from itineraries.catalogue.hours import format_window
from itineraries.routing import DayPlan, Plan, Problem
from itineraries.routing.must_first import reachable
from itineraries.trips.advice import plan_advice
from itineraries.trips.promises import broken_promises, promise_advice
from itineraries.trips.request import sun_times
from itineraries.trips.trip_result import (
    Changes,
    Day,
    Leg,
    Lunch,
    MissingMust,
    Place,
    SeasonNote,
    Solver,
    Stop,
    TripResult,
    moment,
)

if TYPE_CHECKING:
    from itineraries.trips.selectors import PlanContext


def _place(context: PlanContext, slug: str) -> Place:
    d = context.places[slug]
    return Place(slug=slug, name_en=d.name_en, name_zh=d.name_zh, lat=d.lat, lon=d.lon)


def _missing(context: PlanContext, node: int) -> MissingMust:
    """Why a must-see is left out, as a code (trips/wording.py words it)."""
    slug, windows = context.slugs[node], context.windows[node]
    if all(w is None for w in windows):
        return MissingMust(slug=slug, code="closed")
    if all(w is None or w[1] - w[0] < context.problem.nodes[node].service for w in windows):
        return MissingMust(slug=slug, code="hours_too_short")
    if not reachable(context.problem, node):
        return MissingMust(slug=slug, code="out_of_reach", params={"mode": context.request.mode})
    return MissingMust(slug=slug, code="no_room")


def plan_to_result(plan: Plan, context: PlanContext) -> TripResult:
    problem, slugs, matrix = context.problem, context.slugs, context.matrix
    row = {slug: i for i, slug in enumerate(matrix.keys)}
    days = []
    total_km = 0.0
    for d, (day, date) in enumerate(zip(plan.days, context.request.dates, strict=True)):
        stops = []
        for k, visit in enumerate(day.visits):
            eaten = problem.lunch.minutes if day.lunch_on_arrival and k == day.lunch_after and problem.lunch else 0
            slug = slugs[visit.node]
            place = context.places[slug]
            stops.append(
                Stop(
                    **vars(_place(context, slug)),
                    arrive=moment(date, visit.arrive),
                    start=moment(date, visit.start),
                    depart=moment(date, visit.depart),
                    wait_minutes=round(visit.start - visit.arrive - eaten),
                    visit_minutes=place.visit_minutes,
                    opening=format_window(context.windows[visit.node][d]),
                    hours_estimated=place.hours_estimated,
                    categories=tuple(place.categories),
                    ticket_cny=place.ticket_cny,
                    ticket_estimated=place.ticket_estimated,
                    score=problem.nodes[visit.node].score,
                )
            )
        sequence = [day.begin, *[v.node for v in day.visits], day.end]
        legs = []
        for a, b in itertools.pairwise(sequence):
            i, j = row[slugs[a]], row[slugs[b]]
            km = float(matrix.km[i, j])
            total_km += km
            path = context.network.path(matrix, i, j) if i != j else []
            legs.append(
                Leg(
                    from_=slugs[a],
                    to=slugs[b],
                    km=round(km, 1),
                    minutes=round(float(matrix.minutes[i, j])),
                    path=tuple((round(lat, 5), round(lon, 5)) for lat, lon in path),
                    on_foot=bool(matrix.walk is not None and matrix.walk[i, j]),
                )
            )
        last = d == len(plan.days) - 1
        here = context.places[slugs[day.visits[0].node] if day.visits else slugs[day.begin]]
        note = next((n for n in context.season_notes if n.city == here.city and date.month in n.months), None)
        night = context.places[slugs[day.end]]
        days.append(
            Day(
                date=date,
                start=_place(context, slugs[day.begin]),
                stops=tuple(stops),
                legs=tuple(legs),
                lodging=None if last else _place(context, slugs[day.end]),
                end=_place(context, slugs[day.end]),
                drive_km=round(sum(leg.km for leg in legs), 1),
                drive_minutes=round(day.drive),
                drive_cap_minutes=round(context.request.drive_cap),
                lunch=_lunch(day, date, slugs, problem),
                day_start=moment(date, day.leave),
                day_end=moment(date, day.end_arrive),
                sunset=moment(date, sun_times(date, night.lat, night.lon)[1]),
                season_note=None if note is None else SeasonNote(en=note.note_en, zh=note.note_zh),
                rest=d + 1 in context.request.rest_days,
            )
        )
    result = TripResult(
        days=tuple(days),
        score=round(plan.score, 3),
        total_km=round(total_km, 1),
        total_drive_minutes=round(plan.drive),
        mode=context.request.mode,
        missing_must=(
            *(_missing(context, n) for n in plan.missing_must),
            # A must-see unpublished since the request was made is not planned anew, and says so.
            *(MissingMust(slug=s, code="no_longer_offered") for s in context.request.must if s not in slugs),
        ),
        solver=Solver(iterations=plan.iterations, seconds=round(plan.seconds, 3)),
        drive_cap_minutes=round(context.request.drive_cap),
        advice=tuple(plan_advice(plan, context)),
        changes=plan_changes(context.request.previous, days),
    )
    promises = context.promises
    if promises is not None and context.route_days is not None:
        broken = broken_promises(result, promises, route_days=context.route_days, mode=context.request.mode)
        kept = promise_advice(broken, context.places, promises.riding_minutes)
        result = replace(result, advice=(*result.advice, *kept))
    return result


def _lunch(day: DayPlan, date: dt.date, slugs: tuple[str, ...], problem: Problem) -> Lunch | None:
    """The lunch hour: when, after (or inside) which visit, and before which one when it is taken on
    arrival there, after the drive."""
    if day.lunch is None or problem.lunch is None:
        return None
    return Lunch(
        start=moment(date, day.lunch),
        end=moment(date, day.lunch + problem.lunch.minutes),
        after=slugs[day.visits[day.lunch_after - 1].node],
        inside=day.lunch_inside,
        before=slugs[day.visits[day.lunch_after].node] if day.lunch_on_arrival else None,
    )


def plan_changes(previous: Sequence[Sequence[str]], days: Sequence[Day]) -> Changes | None:
    """How a re-plan differs from the plan it came from: places kept on their day, moved, added, removed."""
    if not previous:
        return None
    before = {slug: d for d, day in enumerate(previous) for slug in day}
    after = {stop.slug: d for d, day in enumerate(days) for stop in day.stops}
    return Changes(
        kept=tuple(sorted(s for s in after if before.get(s) == after[s])),
        moved=tuple(sorted(s for s in after if s in before and before[s] != after[s])),
        added=tuple(sorted(s for s in after if s not in before)),
        removed=tuple(sorted(s for s in before if s not in after)),
    )
