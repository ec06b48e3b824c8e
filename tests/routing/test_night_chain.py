"""A one-way trip's nights: a chain that reaches the end within each day's drive, the search's starting
point and its fallback, so the engine hands the checker a feasible plan whenever one exists."""

import numpy as np

from itineraries.routing import DaySpec, MaxIterations, Node, Problem, check, night_chain, solve


def line_problem(days: int, cap: float = 100.0) -> Problem:
    """Start at 0 km, inns every 80 km along a line, the end at 400 km, a sight beside the start."""
    xs = [0.0, 400.0, 80.0, 160.0, 240.0, 320.0, 5.0]
    nodes = [Node("start"), Node("end"), *(Node(f"inn{k}") for k in range(1, 5)), Node("sight", 10.0, 60.0)]
    travel = np.abs(np.subtract.outer(xs, xs))
    spec = tuple(DaySpec(480.0, 1140.0, cap) for _ in range(days))
    return Problem(tuple(nodes), travel, spec, start=0, end=1, lodgings=(2, 3, 4, 5))


def test_the_chain_stays_near_the_start_as_long_as_the_end_stays_in_reach():
    assert night_chain(line_problem(5)) == [2, 3, 4, 5, 1]
    assert night_chain(line_problem(7)) == [2, 2, 2, 3, 4, 5, 1]


def test_no_chain_when_the_end_is_out_of_reach():
    assert night_chain(line_problem(4)) is None  # 400 km in 4 days of 100 km
    assert night_chain(line_problem(8, cap=60.0)) is None  # no inn within 60 km


def test_the_solver_reaches_a_far_end_that_its_nearest_beds_would_miss():
    problem = line_problem(6)
    plan = solve(problem, MaxIterations(300), seed=1)
    assert check(problem, plan) == []
    assert plan.days[-1].end == 1
