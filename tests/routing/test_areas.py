"""Areas kept whole: one block a day, on days that follow each other, whatever the search proposed."""

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itineraries.routing import MaxIterations, check, solve
from itineraries.routing.areas import allows, gathered, violations
from itineraries.routing.refill import refilled
from tests.routing.factories import grid_problem, plan_of, problems

# A walled town (p1-p3, a few minutes apart) beside a temple 20 minutes out (p4); the depot is the inn.
TOWN = [(0.0, 0.0), (5.0, 0.0), (7.0, 0.0), (9.0, 0.0), (25.0, 0.0)]


def _town(days: int = 3, **changes):
    problem = grid_problem(
        TOWN, scores=[10, 6, 6, 8], services=[120, 60, 60, 90], windows=[(), (), (), ()], days=days, day_end=480
    )
    return replace(problem, areas=((1, 2, 3),), **changes)


def test_leaving_the_town_and_coming_back_or_skipping_a_day_are_named():
    problem = _town()
    assert violations(problem, [[1, 4, 2], [], [3]]) == [
        "day 1 leaves the p1 area and comes back",
        "the p1 area is visited on days [1, 3], not one after another",
    ]
    assert violations(problem, [[1, 2], [3, 4], []]) == []


def test_a_split_town_is_gathered_into_one_block_on_following_days():
    problem = _town()
    split = plan_of(problem, [[1, 4, 2], [], [3]], [0, 0, 0])
    whole = gathered(problem, split)
    assert violations(problem, whole.tours()) == []
    assert check(problem, whole) == []
    assert sorted(whole.visited) == [1, 2, 3, 4]  # everything fitted: nothing was dropped


def test_refill_adds_a_town_sight_only_beside_the_town_block():
    problem = _town()
    tours = [[1, 4], [], []]
    assert allows(problem, tours, 0, 1, 2)  # right after p1
    assert not allows(problem, tours, 0, 2, 2)  # after the temple: the town would be left and re-entered
    assert allows(problem, tours, 1, 0, 2)  # the next day
    assert not allows(problem, tours, 2, 0, 2)  # two days later
    refill = refilled(problem, plan_of(problem, [[1, 4], [], []], [0, 0, 0]))
    assert violations(problem, refill.tours()) == []
    assert {2, 3} <= set(refill.visited)


def test_a_must_see_is_never_dropped_to_keep_a_town_whole():
    problem = _town(days=2, must=frozenset({3}))
    split = plan_of(problem, [[1], [3]], [0, 0])
    assert 3 in gathered(problem, split).visited


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(max_nodes=8), st.data())
def test_solved_plans_keep_every_area_whole(problem, data):
    places = list(problem.candidates)
    area = data.draw(st.lists(st.sampled_from(places), min_size=2, max_size=4, unique=True)) if places else []
    if len(area) < 2:
        return
    problem = replace(problem, areas=(tuple(area),))
    plan = solve(problem, MaxIterations(300), seed=1)
    assert check(problem, plan) == []
    assert violations(problem, plan.tours()) == []
