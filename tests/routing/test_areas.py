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


def test_a_day_that_starts_or_ends_at_an_inn_inside_the_walls_sees_the_town_at_that_end():
    problem = replace(_town(days=1), areas=((1, 2, 3, 0),))  # the depot is an inn inside the town
    inside = [(0, 0)]
    assert violations(problem, [[1, 4]], inside) == []  # the town first, then out
    assert violations(problem, [[4, 1]], inside) == []  # out, then the town on the way back to the inn
    assert violations(problem, [[4, 1, 4]], inside) == ["day 1 leaves the p1 area and comes back"]
    assert not allows(problem, [[1, 2]], 0, 1, 4, inside)  # the temple between two town sights
    assert allows(problem, [[1, 2]], 0, 2, 4, inside)


def test_with_a_value_the_town_goes_to_the_day_that_makes_the_trip_worth_most():
    problem = _town()
    late = plan_of(problem, [[4], [], [1, 2, 3]], [0, 0, 0])

    def worth(plan):  # a trip that sees the town first is worth more
        return -min(d for d, day in enumerate(plan.days) if any(v.node == 1 for v in day.visits))

    early = gathered(problem, late, worth)
    assert {v.node for v in early.days[0].visits} >= {1, 2, 3}
    assert sorted(early.visited) == [1, 2, 3, 4]
    assert check(problem, early) == []
