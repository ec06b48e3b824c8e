"""What each day can reach: nights and places no chain of days can get to are kept from the search."""

import numpy as np
from hypothesis import assume, given, settings

from itineraries.routing import DaySpec, Node, Problem, check, solve
from itineraries.routing.reach import reach_of
from itineraries.routing.solver import problem_arrays
from itineraries.routing.stopping import MaxIterations
from tests.routing.factories import problems

CAP = 150.0


def _line(positions: list[float], *, days: int, end: int | None, lodgings: tuple[int, ...]) -> Problem:
    """Places on a straight road (minutes from the start); node 0 is the start."""
    xs = np.array(positions)
    travel = np.abs(xs[:, None] - xs[None, :])
    nodes = [Node("start"), *(Node(f"n{i}", score=10.0, service=30.0) for i in range(1, len(xs)))]
    day = DaySpec(8 * 60.0, 20 * 60.0, CAP)
    return Problem(tuple(nodes), travel, (day,) * days, start=0, end=end, lodgings=lodgings)


def test_a_bed_two_days_away_is_no_option_for_the_first_night_but_is_for_the_second():
    # start 0, inns at 0, 100 and 200 minutes, 150 minutes a day at most, the last night anywhere
    problem = _line([0, 0, 100, 200], days=2, end=None, lodgings=(1, 2, 3))
    assert reach_of(problem).nights == ((1, 2), (1, 2, 3))
    data = problem_arrays(problem)
    assert list(data.nights[0, : data.n_nights[0]]) == [1, 2]


def test_a_bed_from_which_the_trip_s_end_is_out_of_reach_is_no_option():
    # a round trip of two days: the night must be within a day of home
    problem = _line([0, 0, 100, 200], days=2, end=0, lodgings=(1, 2, 3))
    assert reach_of(problem).nights[0] == (1, 2)


def test_a_place_is_closed_on_the_days_that_cannot_reach_it_and_open_on_those_that_can():
    # a sight 150 minutes out: day 1 cannot go there and back to a bed; from the inn at 100 it is 50 minutes
    problem = _line([0, 0, 100, 150], days=2, end=None, lodgings=(1, 2))
    visits = reach_of(problem).visits
    assert not visits[0, 3]
    assert visits[1, 3]
    data = problem_arrays(problem)
    j = list(data.cand).index(3)
    assert data.cand_opens[0, j] == np.inf
    assert data.cand_closes[0, j] == -np.inf
    assert data.cand_opens[1, j] == problem.opens[1, 3]


def test_reach_follows_the_shortest_road_even_where_the_direct_leg_is_longer():
    # the direct leg to the far sight is barred (as a leg over 200 km is in the app), but the way through the
    # near sight is open: the far sight stays in reach
    problem = _line([0, 0, 30, 60], days=1, end=0, lodgings=())
    travel = problem.travel.copy()
    travel[0, 3] = travel[3, 0] = 100_000.0
    barred = Problem(problem.nodes, travel, problem.days, start=0, end=0)
    assert reach_of(barred).visits[0, 3]


@settings(max_examples=40, deadline=None)
@given(problems(max_nodes=8, max_days=3, lodgings=True))
def test_every_feasible_plan_stays_within_reach(problem):
    capped = Problem(
        problem.nodes,
        problem.travel,
        tuple(DaySpec(day.start, day.end, 120.0) for day in problem.days),
        start=problem.start,
        end=problem.end,
        lodgings=problem.lodgings,
    )
    plan = solve(capped, MaxIterations(60), seed=1)
    assume(check(capped, plan) == [])  # some drawn trips have no feasible plan at all
    reach = reach_of(capped)
    for d, day in enumerate(plan.days):
        assert all(reach.visits[d, visit.node] for visit in day.visits)
        if d < capped.n_days - 1:
            assert day.end in reach.nights[d]
