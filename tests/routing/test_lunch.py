"""The lunch hour: days with visits before and after midday stop for an hour starting 11:30-13:30."""

from dataclasses import replace

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from itineraries.routing import DaySpec, Lunch, MaxIterations, Node, Plan, Problem, check, schedule_day, solve
from itineraries.routing.lunch import day_with_lunch

RULE = Lunch()


def line_problem(services, windows, *, day=(8 * 60, 19 * 60), gap=10.0, scores=None) -> Problem:
    """A depot and places in a row, ``gap`` minutes apart."""
    n = len(services) + 1
    travel = np.abs(np.arange(n)[:, None] - np.arange(n)[None, :]) * gap
    nodes = [Node("depot")] + [
        Node(f"p{i}", score=(scores or [10] * n)[i - 1], service=services[i - 1], windows=(windows[i - 1],))
        for i in range(1, n)
    ]
    return Problem(tuple(nodes), travel, (DaySpec(*day),), start=0, end=0, lodgings=(0,), lunch=RULE)


def lunch_ok(problem: Problem, day) -> bool:
    """The day has a lunch hour in the allowed times whenever it has visits on both sides of midday."""
    if not day.visits:
        return day.lunch is None
    both_sides = day.visits[0].start < RULE.midday < day.visits[-1].depart
    if not both_sides:
        return True
    if day.lunch is None or not RULE.earliest <= day.lunch <= RULE.latest:
        return False
    before = day.visits[day.lunch_after - 1]
    if day.lunch_inside:
        return before.start <= day.lunch and day.lunch + RULE.minutes <= before.depart
    after = day.visits[day.lunch_after] if day.lunch_after < len(day.visits) else None
    return before.depart <= day.lunch and (after is None or day.lunch + RULE.minutes <= after.arrive + 1e-9)


def test_lunch_falls_between_a_morning_and_an_afternoon_visit():
    problem = line_problem([120, 90], [(9 * 60, 12 * 60), (13 * 60, 16 * 60)])
    day = schedule_day(problem, 0, 0, 0, [1, 2])
    assert day.lunch == RULE.earliest  # the morning visit ends 11:00; lunch waits for 11:30
    assert not day.lunch_inside
    assert day.lunch_after == 1
    assert day.visits[1].start >= day.lunch + RULE.minutes
    assert lunch_ok(problem, day)


def test_lunch_pushes_the_afternoon_back_by_an_hour():
    problem = line_problem([180, 60], [(9 * 60, 13 * 60), (9 * 60, 16 * 60)])
    without = schedule_day(replace(problem, lunch=None), 0, 0, 0, [1, 2])
    day = schedule_day(problem, 0, 0, 0, [1, 2])
    assert without.visits[0].depart == 12 * 60  # the first visit opens at 9:00
    assert day.lunch == 12 * 60
    assert day.visits[1].start == without.visits[1].start + 60


def test_a_long_visit_over_midday_holds_lunch():
    problem = line_problem([300, 60], [(9 * 60, 12 * 60), (9 * 60, 17 * 60)])
    day = schedule_day(problem, 0, 0, 0, [1, 2])
    assert day.lunch_inside
    assert day.lunch_after == 1
    assert lunch_ok(problem, day)
    assert day.visits[1].start == day.visits[0].depart + 10  # no extra hour after it


def test_a_morning_only_day_has_no_lunch():
    problem = line_problem([60, 60], [(9 * 60, 12 * 60), (9 * 60, 12 * 60)])
    day = schedule_day(problem, 0, 0, 0, [1, 2])
    assert day.visits[-1].depart < RULE.midday
    assert day.lunch is None


def test_the_checker_reports_a_day_with_no_room_for_lunch():
    # 11:00-13:40 is too short to eat inside (under three hours) and leaves no gap before 13:30.
    problem = line_problem([160, 60], [(11 * 60, 11 * 60 + 40), (9 * 60, 17 * 60)])
    day = schedule_day(problem, 0, 0, 0, [1, 2])
    assert day.lunch_missing
    planned = schedule_day(replace(problem, lunch=None), 0, 0, 0, [1, 2])
    plan = Plan((planned,), score=20.0, drive=planned.drive)
    assert check(replace(problem, lunch=None), plan) == []
    assert any("lunch" in error for error in check(problem, plan))


def test_a_day_that_cannot_take_lunch_loses_the_stop_worth_least():
    # The day ends at 13:30; three visits fill the morning, and an hour for lunch does not fit with all three.
    problem = line_problem(
        [100, 60, 60],
        [(8 * 60, 12 * 60), (8 * 60, 13 * 60), (8 * 60, 13 * 60)],
        day=(8 * 60, 13 * 60 + 30),
        scores=[10, 3, 8],
    )
    full = schedule_day(problem, 0, 0, 0, [1, 2, 3])
    assert full.end_arrive > 13 * 60 + 30
    day = day_with_lunch(problem, 0, 0, 0, [1, 2, 3])
    assert [v.node for v in day.visits] == [1, 3]
    assert lunch_ok(problem, day)


@st.composite
def day_problems(draw):
    n = draw(st.integers(2, 7))
    services = draw(st.lists(st.integers(20, 240), min_size=n, max_size=n))
    windows = []
    for _ in range(n):
        opens = draw(st.integers(8 * 60, 15 * 60))
        windows.append((float(opens), float(min(opens + draw(st.integers(0, 360)), 18 * 60))))
    scores = draw(st.lists(st.integers(1, 20), min_size=n, max_size=n))
    gap = float(draw(st.integers(5, 60)))
    return line_problem(services, windows, gap=gap, scores=scores)


@settings(max_examples=60, deadline=None)
@given(day_problems(), st.integers(0, 3))
def test_every_solved_day_keeps_the_lunch_rule(problem, seed):
    plan = solve(problem, MaxIterations(200), seed=seed)
    assert check(problem, plan) == []
    assert all(lunch_ok(problem, day) for day in plan.days)
