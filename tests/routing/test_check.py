from dataclasses import replace

import numpy as np
import pytest

from itineraries.routing import DayPlan, DaySpec, Lunch, Node, Problem, Visit, check, schedule_day
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
    assert any("p1 reached at 1.0" in e for e in check(p, replace(plan, days=(day,))))


def test_must_see_missing_without_report_is_a_violation():
    p = grid_problem([(0, 0), (10, 0)], scores=[5], services=[5], windows=[()], days=1)
    p = replace(p, must=frozenset({1}), nodes=(p.nodes[0], Node("p1", 5, 5)))
    assert any("must-see" in e for e in check(p, _plan(p, [[]])))


# A tourist's day with every rule in play: 08:00-18:00, a 150-minute cap, lunch, waits of 30 minutes at most.
# The depot (0) and two places on a line, 30 minutes apart; p1 holds three hours, p2 one.
def _day_problem(**changes) -> Problem:
    xy = np.array([(0.0, 0.0), (30.0, 0.0), (60.0, 0.0)])
    travel = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2))
    fields = dict(
        nodes=(Node("depot"), Node("p1", 5, 180, ((480.0, 900.0),)), Node("p2", 7, 60, ((600.0, 1000.0),))),
        travel=travel,
        days=(DaySpec(480.0, 1080.0, 150.0),),
        start=0,
        end=0,
        lodgings=(0,),
        lunch=Lunch(),
        max_wait=30.0,
    )
    return Problem(**{**fields, **changes})


# Leave 08:00, p1 08:30-11:30, lunch 11:30-12:30 between the visits, p2 13:00-14:00, home 15:00.
GOOD = DayPlan(
    begin=0,
    end=0,
    visits=(Visit(1, 510.0, 510.0, 690.0), Visit(2, 780.0, 780.0, 840.0)),
    end_arrive=900.0,
    drive=120.0,
    lunch=690.0,
    lunch_after=1,
    leave=480.0,
)


def _with(day: DayPlan, problem: Problem | None = None) -> list[str]:
    problem = problem or _day_problem()
    score = sum(problem.nodes[v.node].score for v in day.visits)
    return check(problem, Plan((day,), score, day.drive))


def _visit(k: int, **times) -> tuple[Visit, ...]:
    visits = list(GOOD.visits)
    visits[k] = replace(visits[k], **times)
    return tuple(visits)


def test_the_hand_made_day_keeps_every_rule_and_matches_the_scheduler():
    assert _with(GOOD) == []
    assert _with(schedule_day(_day_problem(), 0, 0, 0, [1, 2])) == []


@pytest.mark.parametrize(
    ("broken", "caught"),
    [
        (replace(GOOD, leave=420.0, visits=_visit(0, arrive=450.0)), "before its start"),
        (replace(GOOD, visits=_visit(0, arrive=500.0)), "p1 reached at 500.0"),
        (replace(GOOD, visits=_visit(1, start=770.0, depart=830.0)), "before the tourist is there"),
        (replace(GOOD, visits=_visit(0, arrive=470.0, start=470.0, depart=650.0), leave=440.0), "before it opens"),
        (replace(GOOD, visits=_visit(0, depart=660.0)), "not its visit time"),
        (replace(GOOD, end_arrive=880.0), "sooner than"),
        (replace(GOOD, drive=100.0), "legs add up to 120.00"),
        (replace(GOOD, lunch=None, lunch_after=-1), "no room for a lunch hour"),
        (replace(GOOD, lunch=840.0, lunch_after=2), "outside 690-810"),
        (replace(GOOD, lunch=600.0), "lunch overlaps the visit to p1"),
        (replace(GOOD, lunch=780.0, lunch_after=1, lunch_on_arrival=True, visits=_visit(1, arrive=750.0)), "overlaps"),
        (replace(GOOD, visits=_visit(1, arrive=780.0, start=815.0, depart=875.0), end_arrive=935.0), "waits 35.0"),
        (replace(GOOD, lunch=700.0, lunch_after=1, lunch_inside=True), "lunch inside a visit runs outside it"),
        (replace(GOOD, end=2), "not an allowed lodging"),
        (replace(GOOD, begin=1), "expected 0"),
    ],
)
def test_a_broken_day_is_caught(broken, caught):
    errors = _with(broken)
    assert any(caught in e for e in errors), errors


def test_a_day_over_its_cap_or_past_its_end_is_caught():
    assert any("drives 120.0 min, limit 100" in e for e in _with(GOOD, _day_problem(days=(DaySpec(480, 1080, 100),))))
    assert any("after 880" in e for e in _with(GOOD, _day_problem(days=(DaySpec(480, 880, 150),))))


def test_lunch_inside_a_visit_too_short_to_hold_it_is_caught():
    short = _day_problem(nodes=(Node("depot"), Node("p1", 5, 180), Node("p2", 7, 60)), lunch=Lunch(inside=240))
    errors = _with(replace(GOOD, lunch=600.0, lunch_inside=True), short)
    assert any("too short to hold it" in e for e in errors), errors


def test_a_place_that_may_not_be_visited_is_caught():
    errors = _with(GOOD, _day_problem(avoid=frozenset({2})))
    assert any("p2 may not be visited" in e for e in errors), errors
