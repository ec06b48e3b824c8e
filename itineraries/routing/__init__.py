"""The routing engine: pure Python, no Django. Public API re-exported here."""

from itineraries.routing.chain import night_chain
from itineraries.routing.check import check
from itineraries.routing.keeping import solve_keeping
from itineraries.routing.plan import DayPlan, Plan, Visit, schedule_day
from itineraries.routing.problem import DaySpec, Lunch, Node, Problem
from itineraries.routing.solver import solve
from itineraries.routing.stopping import Deadline, FirstOf, MaxIterations, MaxRuntime, NoImprovement, StoppingCriterion

__all__ = [
    "DayPlan",
    "DaySpec",
    "Deadline",
    "FirstOf",
    "Lunch",
    "MaxIterations",
    "MaxRuntime",
    "NoImprovement",
    "Node",
    "Plan",
    "Problem",
    "StoppingCriterion",
    "Visit",
    "check",
    "night_chain",
    "schedule_day",
    "solve",
    "solve_keeping",
]
