"""Refilled days: room left after lunch goes to places the trip does not visit, and nothing else moves."""

import numpy as np
from hypothesis import given, settings

from itineraries.routing import DaySpec, Lunch, Node, Plan, Problem, check
from itineraries.routing.refill import refilled
from tests.routing.factories import plan_of, problems

# 0 start, 1 inn; 2 a long visit beside the inn; 3, 4 short visits 30 and 60 minutes out; 5 one 300 minutes out.


def inn_problem(*, must: frozenset[int] = frozenset(), road_cost: float = 0.0, score_far: float = 5.0) -> Problem:
    where = np.array([0.0, 60.0, 60.0, 90.0, 120.0, 360.0])
    travel = np.abs(where[:, None] - where[None, :])
    nodes = (
        Node("start"),
        Node("inn"),
        Node("long", 4.0, 240.0),
        Node("a", 6.0, 60.0),
        Node("b", 2.0, 60.0),
        Node("far", score_far, 60.0),
    )
    return Problem(
        nodes,
        travel,
        tuple(DaySpec(480.0, 1080.0, 240.0) for _ in range(3)),
        start=0,
        end=0,
        lodgings=(1,),
        must=must,
        road_cost=road_cost,
        lunch=Lunch(),
    )


def test_an_empty_day_takes_the_places_within_its_cap_and_nothing_moves():
    problem = inn_problem()
    plan = plan_of(problem, [[], [], []], [1, 1, 0])
    after = refilled(problem, plan)
    assert check(problem, after) == []
    assert sorted(after.visited) == [2, 3, 4]  # the far place is 600 minutes there and back, over any cap
    assert after.score == 12.0


def test_a_place_that_does_not_pay_for_its_road_is_left_out():
    problem = inn_problem(road_cost=0.05)  # b adds 60 minutes on the road or more (3 points) for 2
    after = refilled(problem, plan_of(problem, [[], [], []], [1, 1, 0]))
    assert 4 not in after.visited
    assert 3 in after.visited


def test_a_full_plan_is_returned_as_it_was():
    problem = inn_problem()
    plan = plan_of(problem, [[2], [3, 4], []], [1, 1, 0])
    assert refilled(problem, plan) is plan


def test_a_missing_must_see_that_now_fits_is_no_longer_missing():
    problem = inn_problem(must=frozenset({3}))
    plan = plan_of(problem, [[2], [], []], [1, 1, 0])
    plan = Plan(plan.days, plan.score, plan.drive, missing_must=(3,))
    after = refilled(problem, plan)
    assert 3 in after.visited
    assert after.missing_must == ()


@settings(max_examples=60, deadline=None)
@given(problems(lodgings=True, max_days=3))
def test_refilling_empty_days_never_breaks_a_rule(problem):
    nights = [problem.night_options(d)[0] for d in range(problem.n_days)]
    plan = plan_of(problem, [[] for _ in nights], nights)
    after = refilled(problem, plan)
    assert check(problem, after) == []
    assert len(set(after.visited)) == len(after.visited)
