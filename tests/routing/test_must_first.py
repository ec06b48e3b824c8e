"""Must-sees first: one is left out only where it could not take the optional stops' place on any day."""

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itineraries.routing import MaxIterations, check, schedule_day, solve
from itineraries.routing.plan import day_fits
from tests.routing.factories import problems


@st.composite
def with_must(draw):
    problem = draw(problems(lodgings=True))
    places = [c for c in problem.candidates if c not in problem.lodgings]
    musts = draw(st.sets(st.sampled_from(places), min_size=1, max_size=2)) if places else set()
    return replace(problem, must=frozenset(musts))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(with_must(), st.integers(0, 1000))
def test_a_must_see_is_never_left_out_where_it_could_replace_optional_stops(problem, seed):
    plan = solve(problem, MaxIterations(300), seed=seed)
    assert check(problem, plan) == []
    for must in plan.missing_must:
        for d, day in enumerate(plan.days):
            kept = [v.node for v in day.visits if v.node in problem.must]
            for k in range(len(kept) + 1):
                trial = schedule_day(problem, d, day.begin, day.end, [*kept[:k], must, *kept[k:]])
                assert not day_fits(problem, d, trial), (problem.keys[must], d)
