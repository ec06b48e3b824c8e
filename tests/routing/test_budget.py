"""A short trip's distance budget: optional visits go, cheapest first, until the trip is within it."""

from dataclasses import replace

from itineraries.routing import check
from itineraries.routing.budget import trip_km, within_budget
from itineraries.routing.refill import refilled
from tests.routing.factories import grid_problem, plan_of

# A place near the inn and two far ones; distances in km equal the travel minutes.
POINTS = [(0.0, 0.0), (5.0, 0.0), (60.0, 0.0), (0.0, 70.0)]


def _problem(**changes):
    problem = grid_problem(POINTS, scores=[5, 8, 9], services=[30, 30, 30], windows=[(), (), ()], days=1)
    return replace(problem, distance=problem.travel, **changes)


def test_a_trip_over_its_budget_gives_up_least_score_per_km_saved():
    problem = _problem(max_km=150.0)
    plan = plan_of(problem, [[1, 2, 3]], [0])
    assert trip_km(problem, plan.days) > 150
    kept = within_budget(problem, plan)
    assert trip_km(problem, kept.days) <= 150
    assert 1 in kept.visited  # the near place costs almost nothing to keep
    assert len(kept.visited) == 2
    assert check(problem, kept) == []


def test_a_must_see_stays_whatever_the_budget():
    problem = _problem(max_km=10.0, must=frozenset({3}))
    kept = within_budget(problem, plan_of(problem, [[1, 3]], [0]))
    assert 3 in kept.visited


def test_refill_keeps_within_the_budget_and_no_budget_changes_nothing():
    problem = _problem(max_km=20.0)
    filled = refilled(problem, plan_of(problem, [[]], [0]))
    assert filled.visited == (1,)
    free = _problem()
    plan = plan_of(free, [[1, 2, 3]], [0])
    assert within_budget(free, plan) is plan
