"""Post-passes on a solved plan: thin or empty days share a busy day's visits; beds move onto the way."""

from dataclasses import replace

import numpy as np

from itineraries.routing import DaySpec, Node, Problem, check
from itineraries.routing.balance import balanced
from itineraries.routing.beds import beds_on_the_way
from tests.routing.factories import plan_of

# A line of places 10 km (and minutes) apart: 0 start, 1-5 sights, 6 an inn beside them, 7 another inn.


def line_problem(days: int = 2, far: float = 200.0) -> Problem:
    x = np.array([0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 30.0, far])
    travel = np.abs(x[:, None] - x[None, :])
    nodes = (Node("start"), *(Node(f"p{i}", 10.0, 60.0) for i in range(1, 6)), Node("inn-near"), Node("inn-far"))
    return Problem(
        nodes,
        travel,
        tuple(DaySpec(0.0, 600.0, 500.0) for _ in range(days)),
        start=0,
        end=0,
        lodgings=(6, 7),
        distance=travel,  # km, as the detour rule reads it
    )


def test_an_empty_day_takes_half_of_the_busy_day_beside_it():
    problem = line_problem()
    plan = plan_of(problem, [[], [1, 2, 3, 4, 5]], [6, 0])
    after = balanced(problem, plan)
    assert check(problem, after) == []
    assert sorted(len(day.visits) for day in after.days) == [2, 3]
    assert sorted(after.visited) == [1, 2, 3, 4, 5]


def test_a_thin_day_beside_a_busy_one_is_split_again():
    problem = line_problem()
    plan = plan_of(problem, [[1], [2, 3, 4, 5]], [6, 0])
    after = balanced(problem, plan)
    assert check(problem, after) == []
    assert max(len(day.visits) for day in after.days) == 3


def test_an_empty_day_before_a_one_visit_day_moves_on_to_share_the_busy_day_after():
    problem = line_problem(days=3)
    plan = plan_of(problem, [[], [1], [2, 3, 4, 5]], [6, 6, 0])
    after = balanced(problem, plan)
    assert check(problem, after) == []
    assert all(day.visits for day in after.days)
    assert sorted(after.visited) == [1, 2, 3, 4, 5]


def test_a_rider_may_ride_further_than_a_driver_to_share_a_day():
    """Sights 100-140 minutes out, the only inn 30 minutes from the start: any split adds 140 minutes or more
    on the road, too much at the wheel, fine in the saddle (an hour there costs a fiftieth as much)."""
    x = np.array([0.0, 100.0, 110.0, 120.0, 130.0, 140.0, 30.0])
    nodes = (Node("start"), *(Node(f"p{i}", 10.0, 60.0) for i in range(1, 6)), Node("inn"))
    travel = np.abs(x[:, None] - x[None, :])
    days = (DaySpec(0.0, 600.0, 500.0), DaySpec(0.0, 600.0, 500.0))
    driving = Problem(nodes, travel, days, start=0, end=0, lodgings=(6,), road_cost=8.0 / 60)
    plan = plan_of(driving, [[], [1, 2, 3, 4, 5]], [6, 0])
    assert balanced(driving, plan) is plan
    riding = replace(driving, road_cost=8.0 / 60 * 0.02)
    after = balanced(riding, plan_of(riding, [[], [1, 2, 3, 4, 5]], [6, 0]))
    assert check(riding, after) == []
    assert all(day.visits for day in after.days)


def test_days_already_even_are_left_alone():
    problem = line_problem()
    plan = plan_of(problem, [[1, 2], [3, 4, 5]], [6, 0])
    assert balanced(problem, plan) is plan


def test_a_night_far_off_the_way_moves_to_the_bed_beside_it():
    problem = line_problem()
    plan = plan_of(problem, [[1, 2], [3, 4, 5]], [7, 0])
    after = beds_on_the_way(problem, plan)
    assert check(problem, after) == []
    assert after.days[0].end == 6
    assert after.tours() == plan.tours()
    assert after.drive < plan.drive


def test_a_bed_less_than_60_km_off_the_way_stays():
    problem = line_problem(far=50.0)  # from p2 to the inn and on to p3: 30 + 20 - 10 = 40 km of detour
    plan = plan_of(problem, [[1, 2], [3, 4, 5]], [7, 0])
    assert beds_on_the_way(problem, plan) is plan


def test_an_empty_day_apart_from_a_full_one_takes_a_run_of_its_visits():
    from itineraries.routing.balance import _lent
    from tests.routing.factories import grid_problem

    points = [(0.0, 0.0), (10.0, 0.0), (12.0, 0.0), (14.0, 0.0), (16.0, 0.0), (40.0, 0.0)]
    problem = grid_problem(points, scores=[5] * 5, services=[60] * 5, windows=[()] * 5, days=3)
    plan = plan_of(problem, [[], [5], [1, 2, 3, 4]], [0, 0, 0])
    first, third = _lent(problem, list(plan.days), 0, 2)
    assert first.visits
    assert len(first.visits) + len(third.visits) == 4
    assert max(len(first.visits), len(third.visits)) == 2  # the busier of the two as little busy as can be
    days = (first, plan.days[1], third)
    assert check(problem, replace(plan, days=days, drive=sum(day.drive for day in days))) == []
    assert all(day.visits for day in balanced(problem, plan).days)
