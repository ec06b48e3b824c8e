from dataclasses import replace

from itineraries.routing import Node, check, schedule_day
from itineraries.routing.plan import Plan
from tests.routing.factories import grid_problem


def _plan(problem, routes):
    days = tuple(schedule_day(problem, d, 0, 0, r) for d, r in enumerate(routes))
    score = sum(problem.nodes[v].score for r in routes for v in r)
    return Plan(days, score, sum(d.drive for d in days))


def test_feasible_plan_has_no_violations():
    p = grid_problem([(0, 0), (10, 0), (10, 10)], scores=[5, 7], services=[5, 5], windows=[(), ()], days=1)
    assert check(p, _plan(p, [[1, 2]])) == []


def test_start_after_latest_start_is_reported():
    p = grid_problem([(0, 0), (10, 0), (10, 10)], scores=[5, 7], services=[5, 5], windows=[(), ((0.0, 12.0),)], days=1)
    errors = check(p, _plan(p, [[1, 2]]))
    assert any("p2 starts at" in e for e in errors)


def test_visit_on_a_closed_day_is_reported():
    p = grid_problem([(0, 0), (10, 0)], scores=[5], services=[5], windows=[((0, 100), None)], days=2)
    assert check(p, _plan(p, [[], [1]]))
    assert check(p, _plan(p, [[1], []])) == []


def test_duplicate_visit_late_return_and_wrong_score_are_reported():
    p = grid_problem([(0, 0), (10, 0), (200, 0)], scores=[5, 7], services=[5, 5], windows=[(), ()], days=2, day_end=300)
    errors = check(p, _plan(p, [[1], [1, 2]]))
    assert any("visited twice" in e for e in errors)
    assert any("ends at" in e for e in errors)
    good = _plan(p, [[1], []])
    assert any("reported score" in e for e in check(p, replace(good, score=99)))


def test_tampered_times_are_caught():
    p = grid_problem([(0, 0), (10, 0)], scores=[5], services=[5], windows=[()], days=1)
    plan = _plan(p, [[1]])
    visit = replace(plan.days[0].visits[0], arrive=1.0)
    day = replace(plan.days[0], visits=(visit,))
    assert any("reported arrive" in e for e in check(p, replace(plan, days=(day,))))


def test_must_see_missing_without_report_is_a_violation():
    p = grid_problem([(0, 0), (10, 0)], scores=[5], services=[5], windows=[()], days=1)
    p = replace(p, must=frozenset({1}), nodes=(p.nodes[0], Node("p1", 5, 5)))
    assert any("must-see" in e for e in check(p, _plan(p, [[]])))
