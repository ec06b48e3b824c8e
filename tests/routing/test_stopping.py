"""Stopping criteria: each alone, combined with ``|``, and as the solver obeys them."""

import pytest

from itineraries.routing import FirstOf, MaxIterations, MaxRuntime, NoImprovement, solve
from itineraries.routing.stopping import Status
from tests.routing.factories import circle, grid_problem


def test_each_criterion_stops_at_its_own_limit():
    assert not MaxRuntime(1.0).done(Status(0.5, 10, 10))
    assert MaxRuntime(1.0).done(Status(1.0, 0, 0))
    assert not MaxIterations(5).done(Status(99.0, 4, 0))
    assert MaxIterations(5).done(Status(0.0, 5, 0))
    assert not NoImprovement(3).done(Status(0.0, 50, 2))
    assert NoImprovement(3).done(Status(0.0, 50, 3))


def test_combined_criteria_stop_at_the_first_limit_and_flatten():
    stop = MaxRuntime(2.0) | MaxIterations(100) | NoImprovement(10)
    assert isinstance(stop, FirstOf)
    assert len(stop.criteria) == 3
    assert stop.done(Status(0.1, 5, 10))
    assert not stop.done(Status(0.1, 5, 9))
    assert stop.iterations_left(Status(0.1, 95, 2)) == 5
    assert stop.iterations_left(Status(0.1, 5, 2)) == 8
    assert stop.seconds_left(Status(0.5, 0, 0)) == pytest.approx(1.5)
    assert stop.fraction(Status(1.0, 75, 0)) == pytest.approx(0.75)


@pytest.mark.parametrize("criterion", [MaxRuntime, MaxIterations, NoImprovement])
def test_negative_limits_are_refused(criterion):
    with pytest.raises(ValueError, match="must be >= 0"):
        criterion(-1)


def test_the_solver_runs_exactly_the_iterations_it_is_allowed():
    problem = grid_problem(circle(6), scores=[1] * 6, services=[5] * 6, windows=[()] * 6, days=2)
    assert solve(problem, MaxIterations(37), seed=0).iterations == 37
    stalled = solve(problem, NoImprovement(25) | MaxIterations(10_000), seed=0)
    assert 25 <= stalled.iterations < 10_000


def test_a_deadline_counts_from_its_making_so_later_solves_get_what_is_left():
    from itineraries.routing import Deadline

    fresh = Deadline(60.0)
    spent = Deadline(1.0, started=fresh.started - 2.0)  # made two seconds ago: its second is gone
    assert not fresh.done(Status(0.0, 0, 0))
    assert fresh.seconds_left(Status(0.0, 0, 0)) > 59.0
    assert spent.done(Status(0.0, 0, 0))  # a new search's own clock does not matter
    assert spent.seconds_left(Status(0.0, 0, 0)) == 0.0
    assert spent.fraction(Status(0.0, 0, 0)) == 1.0
    with pytest.raises(ValueError, match="seconds"):
        Deadline(-1.0)


def test_a_search_after_its_deadline_stops_at_once_with_a_plan():
    from itineraries.routing import Deadline

    problem = grid_problem(circle(12), scores=[1] * 12, services=[5] * 12, windows=[()] * 12, days=2)
    spent = Deadline(1.0, started=Deadline(0.0).started - 2.0)
    plan = solve(problem, spent | MaxIterations(10**9), seed=0)
    assert plan.iterations == 0
    assert plan.days
