"""The routing engine: pure Python, no Django. Public API re-exported here."""

from itineraries.routing.plan import DayPlan, Plan, Visit, check, schedule_day
from itineraries.routing.problem import DaySpec, Node, Problem
from itineraries.routing.solver import solve

__all__ = [
    "DayPlan",
    "DaySpec",
    "Node",
    "Plan",
    "Problem",
    "Visit",
    "check",
    "schedule_day",
    "solve",
]
