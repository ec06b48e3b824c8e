import itertools
import math

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itineraries.routing import DaySpec, MaxIterations, MaxRuntime, Node, Problem, check, schedule_day, solve
from tests.routing.factories import circle, grid_problem, problems


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(), st.integers(0, 10_000))
def test_every_plan_passes_the_independent_checker(problem, seed):
    plan = solve(problem, MaxRuntime(5) | MaxIterations(60), seed=seed)
    assert check(problem, plan) == []


@settings(max_examples=40, deadline=None)
@given(problems())
def test_a_place_is_never_visited_on_a_day_it_is_closed(problem):
    plan = solve(problem, MaxRuntime(5) | MaxIterations(60), seed=1)
    for d, day in enumerate(plan.days):
        for visit in day.visits:
            assert problem.nodes[visit.node].windows[d] is not None


def _brute_force_single_day(problem: Problem) -> float:
    best = 0.0
    candidates = problem.candidates
    for size in range(len(candidates), 0, -1):
        for subset in itertools.combinations(candidates, size):
            if sum(problem.nodes[v].score for v in subset) <= best:
                continue
            for order in itertools.permutations(subset):
                day = schedule_day(problem, 0, 0, 0, list(order))
                ok = day.end_arrive <= problem.days[0].end and all(
                    v.start <= problem.closes[0, v.node] for v in day.visits
                )
                if ok:
                    best = sum(problem.nodes[v].score for v in subset)
                    break
    return best


def test_single_day_optimum_is_found_on_almost_all_small_problems():
    """A heuristic, measured against brute force on 200 seeded random problems of 3-7 places.

    Degenerate cases exist where the optimum needs an order no insertion reaches (seen with hypothesis:
    zero-width windows at one spot); the rate below is what the solver reaches and must keep reaching.
    """
    rng = np.random.default_rng(2024)
    optimal, total_ratio = 0, 0.0
    runs = 200
    for _ in range(runs):
        n = int(rng.integers(3, 8))
        points = [tuple(rng.integers(0, 100, 2)) for _ in range(n + 1)]
        windows = []
        for _ in range(n):
            open_ = float(rng.integers(0, 300))
            windows.append(((open_, open_ + float(rng.integers(10, 200))),))
        problem = grid_problem(
            points,
            scores=list(rng.integers(1, 20, n)),
            services=list(rng.integers(0, 60, n)),
            windows=windows,
            days=1,
            day_end=480,
        )
        plan = solve(problem, MaxRuntime(10) | MaxIterations(150), seed=0)
        assert check(problem, plan) == []
        best = _brute_force_single_day(problem)
        optimal += plan.score == best
        total_ratio += plan.score / best if best else 1.0
    assert optimal >= 0.97 * runs
    assert total_ratio / runs >= 0.995


def test_same_seed_gives_the_same_plan():
    rng = np.random.default_rng(7)
    pts = [(0, 0)] + [tuple(rng.integers(0, 100, 2)) for _ in range(30)]
    p = grid_problem(
        pts, scores=list(rng.integers(1, 10, 30)), services=[10] * 30, windows=[()] * 30, days=2, day_end=300
    )
    a = solve(p, MaxRuntime(30) | MaxIterations(200), seed=3)
    b = solve(p, MaxRuntime(30) | MaxIterations(200), seed=3)
    assert a.tours() == b.tours()
    assert a.score == b.score


def test_must_see_is_forced_in_even_when_it_scores_little():
    pts = circle(12)
    scores = [10] * 12
    scores[5] = 1
    p = grid_problem(pts, scores=scores, services=[30] * 12, windows=[()] * 12, days=1, day_end=250)
    free = solve(p, MaxRuntime(5) | MaxIterations(100), seed=0)
    assert 6 not in free.visited  # node 6 is the weak place
    with_must = Problem(p.nodes, p.travel, p.days, 0, 0, (0,), must=frozenset({6}))
    forced = solve(with_must, MaxRuntime(5) | MaxIterations(100), seed=0)
    assert 6 in forced.visited
    assert forced.missing_must == ()
    assert check(with_must, forced) == []


def test_impossible_must_see_is_reported_not_hidden():
    p = grid_problem(
        [(0, 0), (10, 0), (500, 0)], scores=[5, 5], services=[10, 10], windows=[(), ()], days=1, day_end=200
    )
    p = Problem(p.nodes, p.travel, p.days, 0, 0, (0,), must=frozenset({2}))
    plan = solve(p, MaxRuntime(5) | MaxIterations(50), seed=0)
    assert plan.missing_must == (2,)
    assert check(p, plan) == []


def test_avoided_place_is_never_planned():
    pts = circle(8)
    p = grid_problem(pts, scores=[5] * 8, services=[5] * 8, windows=[()] * 8, days=1)
    p = Problem(p.nodes, p.travel, p.days, 0, 0, (0,), avoid=frozenset({3}))
    plan = solve(p, MaxRuntime(5) | MaxIterations(50), seed=0)
    assert 3 not in plan.visited
    assert len(plan.visited) == 7


def test_more_days_never_lowers_the_best_score():
    rng = np.random.default_rng(11)
    pts = [(0, 0)] + [tuple(rng.integers(0, 100, 2)) for _ in range(40)]
    base = dict(scores=list(rng.integers(1, 10, 40)), services=[15] * 40, windows=[()] * 40, day_end=250)
    previous, best = None, 0.0
    for days in (1, 2, 3, 4):
        p = grid_problem(pts, days=days, **base)
        plan = solve(p, MaxRuntime(30) | MaxIterations(150), seed=0, warm_start=previous)
        assert check(p, plan) == []
        assert plan.score >= best
        best, previous = plan.score, plan.tours()


def test_overnight_stays_chain_the_days_through_lodgings():
    # A line of places 0..200; lodgings at 100 and 200; each day can only cover part of it.
    points = [(0, 0), (100, 0), (200, 0)] + [(x, 0) for x in range(20, 220, 20)]
    n = len(points)
    travel = np.abs(np.subtract.outer([p[0] for p in points], [p[0] for p in points])).astype(float)
    nodes = [Node("start"), Node("inn-100"), Node("inn-200")] + [Node(f"s{i}", 5, 30) for i in range(3, n)]
    days = tuple(DaySpec(0, 260) for _ in range(3))
    p = Problem(tuple(nodes), travel, days, start=0, end=None, lodgings=(1, 2))
    plan = solve(p, MaxRuntime(10) | MaxIterations(200), seed=0)
    assert check(p, plan) == []
    assert plan.days[0].end in (1, 2)
    assert plan.days[1].begin == plan.days[0].end
    assert len(plan.visited) == n - 3  # every place fits once the nights move along the line


def test_progress_is_reported_and_ends_at_one():
    p = grid_problem(circle(10), scores=[3] * 10, services=[5] * 10, windows=[()] * 10, days=2)
    seen = []
    solve(p, MaxRuntime(1) | MaxIterations(400), seed=0, progress=lambda f, plan: seen.append(f))
    assert seen
    assert seen[-1] == 1.0
    assert all(0 <= f <= 1 for f in seen)


def test_engine_imports_nothing_from_django():
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2] / "itineraries" / "routing"
    for path in root.rglob("*.py"):
        assert "django" not in path.read_text(), path


def test_travel_matrix_is_read_only():
    p = grid_problem(circle(3), scores=[1, 1, 1], services=[1, 1, 1], windows=[()] * 3, days=1)
    try:
        p.travel[0, 1] = 5
    except ValueError:
        return
    raise AssertionError("travel matrix must be immutable")


def test_toptw_reader_uses_truncated_distances(tmp_path):
    from benchmarks.instances import read_toptw

    text = "1 1 2 1\n0 100\n 0 0 0 0 0 0 0 0 100\n 1 1 1 5 10 1 1 1 0 50\n 2 3 4 5 20 1 1 1 0 50\n"
    path = tmp_path / "c999.txt"
    path.write_text(text)
    p = read_toptw(path, tours=1)
    assert p.travel[0, 1] == math.floor(math.sqrt(2) * 10) / 10
    plan = solve(p, MaxRuntime(5) | MaxIterations(20), seed=0)
    assert plan.score == 30
    assert check(p, plan) == []
