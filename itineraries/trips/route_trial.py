"""A themed route planned as a tourist would get it by default: what editors see before a route or a road is
saved. Nothing is stored."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from itineraries.trips.compute import plan_make
from itineraries.trips.errors import FieldError, InvalidRequest
from itineraries.trips.trip_result import MissingMust
from itineraries.trips.validation import PlanInput, plan_request_build

# Enough for the route's few named places; the same on both sides of a comparison, so a difference is the edit's.
TRIAL_SOLVER_SECONDS = 1.0


@dataclass(frozen=True)
class RouteTrial:
    errors: dict[str, list[FieldError | str]]  # the request's own problems, by field: nothing was planned
    km: float | None = None
    days_km: tuple[float, ...] = ()
    missing: tuple[MissingMust, ...] = ()  # must-sees left out, and why


def route_trial(*, record: dict[str, Any]) -> RouteTrial:
    """Plan a route's defaults (start, days, pace, mode, must-sees, interests) from tomorrow."""
    given = PlanInput(
        start=record.get("start") or None,
        days=record.get("days"),
        pace=record.get("pace") or None,
        mode=record.get("mode") or None,
        must=tuple(record.get("must") or ()),
        interests=tuple(record.get("interests") or ()),
        scenic=bool(record.get("scenic")),
    )
    try:
        request = plan_request_build(given=given)
    except InvalidRequest as exc:
        return RouteTrial(errors=exc.errors)
    result = plan_make(request=request, solver_seconds=TRIAL_SOLVER_SECONDS)
    return RouteTrial(
        errors={},
        km=round(float(result.total_km), 1),
        days_km=tuple(round(float(day.drive_km), 1) for day in result.days),
        missing=result.missing_must,
    )
