"""What a request asks the planner to do, as one small command: plan afresh, re-order one day, or change the
places of a saved plan (new must-sees pinned in, places dropped) while the days the tourist locked stay.
The request stores flags (its public shape); the command is read from them once, here.
"""

from __future__ import annotations

from dataclasses import dataclass

from itineraries.trips.selectors import PlanContext


@dataclass(frozen=True)
class FreshPlan:
    """The whole trip planned (warm-started from a saved plan when there is one)."""


@dataclass(frozen=True)
class ReorderDay:
    day: int  # 0-based; the other days and every night stay


@dataclass(frozen=True)
class PinPlaces:
    """New must-sees go into the saved plan, into the one day where they fit best."""

    locked: frozenset[int]  # 0-based days that never change


@dataclass(frozen=True)
class DropPlaces:
    """Places taken out of the saved plan; the days that held them are planned again, the others stay."""

    locked: frozenset[int]


Command = FreshPlan | ReorderDay | PinPlaces | DropPlaces


def command_for(context: PlanContext, *, reorder: bool = True) -> Command:
    """The command a request carries (hand-arranged days, ``as_given``, are timed elsewhere, not planned)."""
    request, problem = context.request, context.problem
    if reorder and request.reorder_day:
        return ReorderDay(request.reorder_day - 1)
    if context.warm_start is None or context.previous_nights is None:
        return FreshPlan()
    locked = frozenset(d - 1 for d in request.keep_days if 1 <= d <= request.days)
    pinned = set(problem.must) - {v for day in context.warm_start for v in day}
    return PinPlaces(locked) if pinned else DropPlaces(locked)
