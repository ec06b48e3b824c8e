"""The compiled search's moves: their O(1) feasibility checks against a full recomputation."""

import itertools
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from itineraries.routing import check, kernel
from itineraries.routing.solver import _initial, _to_plan, copy_state, empty_state, problem_arrays
from tests.routing.factories import problems

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _state(problem, seed: int, noise: float = 0.5):
    """A random feasible state: empty days at the depot, filled with noisy best insertion."""
    data, state = problem_arrays(problem), empty_state(problem)
    for d in range(problem.n_days):
        state.route[d, :2] = (problem.start, problem.night_options(d)[0])
        state.length[d] = 2
        kernel.timetable(data, state, d)
    kernel.seed_random(seed)
    kernel.fill(data, state, noise, -1)
    return data, state


def _feasible(data, state, d, row) -> bool:
    return kernel.simulate(data, d, np.array(row, dtype=np.int64), len(row))[0]


def _rows(state):
    return [list(state.route[d, : state.length[d]]) for d in range(len(state.length))]


@SETTINGS
@given(problems(), st.integers(0, 1000))
def test_insertion_check_matches_a_full_recomputation(problem, seed):
    data, state = _state(problem, seed, noise=1.0)
    cand = data.cand
    free = ~state.used[cand]
    gain = data.cand_weight.copy()
    for d, row in enumerate(_rows(state)):
        ratio, gap = np.full(len(cand), -1.0), np.zeros(len(cand), dtype=np.int64)
        kernel.evaluate(data, state, d, gain, free, ratio, gap)
        for j, node in enumerate(cand):
            if not free[j]:
                continue
            fits = [k for k in range(len(row) - 1) if _feasible(data, state, d, [*row[: k + 1], node, *row[k + 1 :]])]
            assert (ratio[j] > 0) == bool(fits)
            if fits:
                assert gap[j] in fits


@SETTINGS
@given(problems(), st.integers(0, 1000))
def test_insert_and_slot_checks_match_a_full_recomputation(problem, seed):
    data, state = _state(problem, seed)
    free = [v for v in data.cand if not state.used[v]]
    for d, row in enumerate(_rows(state)):
        for i in range(len(row) - 1):
            for j in range(i + 1, min(i + 3, len(row))):
                for node in free:
                    expected = _feasible(data, state, d, [*row[: i + 1], node, *row[j:]])
                    assert kernel.fits_between(data, state, d, i, j, node) == expected


@SETTINGS
@given(problems(), st.integers(0, 1000))
def test_shortening_keeps_the_places_and_feasibility_and_never_drives_more(problem, seed):
    data, state = _state(problem, seed, noise=1.0)
    visited = sorted(v for row in _rows(state) for v in row[1:-1])
    before = float(state.drive.sum())
    kernel.shorten(data, state)
    assert sorted(v for row in _rows(state) for v in row[1:-1]) == visited
    assert float(state.drive.sum()) <= before + 1e-9
    for d, row in enumerate(_rows(state)):
        assert _feasible(data, state, d, row)
        assert kernel.timetable(data, state, d)


@SETTINGS
@given(problems(), st.integers(0, 1000))
def test_replace_trades_up_and_stays_feasible(problem, seed):
    data, state = _state(problem, seed, noise=1.0)
    value = data.value
    before = sum(value[v] for row in _rows(state) for v in row[1:-1])
    changed = kernel.trade(data, state)
    after = sum(value[v] for row in _rows(state) for v in row[1:-1])
    assert after > before if changed else after == before
    for d, row in enumerate(_rows(state)):
        assert _feasible(data, state, d, row)
    assert sorted(np.flatnonzero(state.used)) == sorted(v for row in _rows(state) for v in row[1:-1])


PERTURBATIONS = {
    "shake": lambda data, state, size: kernel.shake(data, state, 0, size),
    "shake_near": kernel.shake_near,
    "ruin": lambda data, state, size: kernel.ruin(data, state, size / 8),
}


@SETTINGS
@given(problems(), st.integers(0, 1000), st.integers(1, 8), st.sampled_from(sorted(PERTURBATIONS)))
def test_perturbations_only_drop_visits_and_leave_feasible_days(problem, seed, size, name):
    data, state = _state(problem, seed, noise=1.0)
    before = {v for row in _rows(state) for v in row[1:-1]}
    PERTURBATIONS[name](data, state, size)
    rows = _rows(state)
    after = [v for row in rows for v in row[1:-1]]
    assert set(after) <= before
    assert len(after) == len(set(after))
    if name == "shake_near" and before:
        assert len(after) < len(before)
    for d, row in enumerate(rows):
        assert _feasible(data, state, d, row)
    assert sorted(np.flatnonzero(state.used)) == sorted(after)


@SETTINGS
@given(problems(max_nodes=6), st.data())
def test_best_order_finds_the_earliest_feasible_permutation(problem, drawn):
    data = problem_arrays(problem)
    d = drawn.draw(st.integers(0, problem.n_days - 1))
    chosen = drawn.draw(st.lists(st.sampled_from(problem.candidates), min_size=1, max_size=5, unique=True))
    nodes, out = np.array(chosen, dtype=np.int64), np.empty(len(chosen), dtype=np.int64)
    begin, end = problem.start, problem.night_options(d)[0]

    def finish(order) -> float | None:
        row = np.array([begin, *order, end], dtype=np.int64)
        if not kernel.simulate(data, d, row, len(row))[0]:
            return None
        clock = problem.days[d].start
        for a, b in itertools.pairwise(row):
            clock = max(clock + data.travel[a, b], data.opens[d, b] if b != end else 0.0)
            clock += data.service[b] if b != end else 0.0
        return clock

    finishes = [f for order in itertools.permutations(chosen) if (f := finish(order)) is not None]
    found = kernel.best_order(data, d, begin, end, nodes, len(chosen), out)
    assert found == bool(finishes)
    if found:
        assert kernel.could_fit(data, d, begin, end, nodes, len(chosen))
        assert sorted(out) == sorted(chosen)
        assert finish(list(out)) == pytest.approx(min(finishes))


@SETTINGS
@given(problems(), st.integers(0, 1000))
def test_insert_reordered_adds_one_unused_place_and_keeps_days_feasible(problem, seed):
    data, state = _state(problem, seed, noise=1.0)
    before = {v for row in _rows(state) for v in row[1:-1]}
    added = kernel.insert_reordered(data, state)
    rows = _rows(state)
    after = [v for row in rows for v in row[1:-1]]
    assert len(after) == len(set(after))
    assert before <= set(after)
    assert len(after) == len(before) + (1 if added else 0)
    for d, row in enumerate(rows):
        assert _feasible(data, state, d, row)
    assert sorted(np.flatnonzero(state.used)) == sorted(after)


@SETTINGS
@given(problems(max_days=4, lodgings=True), st.integers(0, 1000), st.data())
def test_reversing_days_tours_them_backwards_between_the_same_outer_nights(problem, seed, drawn):
    data, state = problem_arrays(problem), empty_state(problem)
    _initial(problem, data, state, None, None)
    kernel.seed_random(seed)
    kernel.fill(data, state, 1.0, -1)
    days = problem.n_days
    i = drawn.draw(st.integers(0, days - 1))
    j = drawn.draw(st.integers(i, days - 1))
    before = _rows(state)
    if not kernel.reverse_days(data, state, i, j):
        assert _rows(state) == before
        return
    after = _rows(state)
    assert after[:i] == before[:i]
    assert after[j + 1 :] == before[j + 1 :]
    assert after[i][0] == before[i][0]
    assert after[j][-1] == before[j][-1]
    for t in range(j - i + 1):
        new, old = after[i + t], before[j - t]
        kept = set(new[1:-1])
        assert [v for v in reversed(old[1:-1]) if v in kept] == new[1:-1]  # only dropped, never re-ordered
        if i + t < j:
            assert new[-1] == old[0]
    plan = _to_plan(problem, state.route, state.length, 0, 0.0)
    assert check(problem, plan) == []
    assert sorted(np.flatnonzero(state.used)) == sorted(plan.visited)


def _best_two_days(problem, data, state, i) -> float:
    """Brute force: the most two days i and i + 1 can collect over the places no other day visits, the
    night between them at any lodging, the first morning and the last evening where they are now."""
    rows = _rows(state)
    taken = {v for d, row in enumerate(rows) if d not in (i, i + 1) for v in row[1:-1]}
    free = [v for v in problem.candidates if v not in taken]
    begin, last = rows[i][0], rows[i + 1][-1]

    def days(d, a, b):
        for k in range(len(free) + 1):
            for order in itertools.permutations(free, k):
                row = np.array([a, *order, b], dtype=np.int64)
                if kernel.simulate(data, d, row, len(row))[0]:
                    yield set(order), sum(data.value[v] for v in order)

    best = -1.0
    for night in problem.night_options(i):
        second = list(days(i + 1, night, last))
        for places, value in days(i, begin, night):
            best = max([best] + [value + other for where, other in second if not places & where])
    return best


@SETTINGS
@given(problems(max_nodes=6, max_days=3, lodgings=True), st.integers(0, 1000), st.data())
def test_two_day_replan_finds_the_best_two_days_and_night_between(problem, seed, drawn):
    assume(problem.n_days >= 2)
    data, state = problem_arrays(problem), empty_state(problem)
    _initial(problem, data, state, None, None)
    kernel.seed_random(seed)
    kernel.fill(data, state, 1.0, -1)
    kernel.ruin(data, state, drawn.draw(st.sampled_from([0.0, 0.5, 1.0])))
    i = drawn.draw(st.integers(0, problem.n_days - 2))
    rows = _rows(state)
    before = sum(data.value[v] for d in (i, i + 1) for v in rows[d][1:-1])
    best = _best_two_days(problem, data, state, i)
    moved = kernel.replan_two_days(data, state, i)
    after = _rows(state)
    assert moved == (best > before + 1e-9)
    assert sum(data.value[v] for d in (i, i + 1) for v in after[d][1:-1]) == pytest.approx(max(best, before))
    assert after[:i] == rows[:i]
    assert after[i + 2 :] == rows[i + 2 :]
    assert after[i][0] == rows[i][0]
    assert after[i + 1][-1] == rows[i + 1][-1]
    plan = _to_plan(problem, state.route, state.length, 0, 0.0)
    assert check(problem, plan) == []
    assert sorted(np.flatnonzero(state.used)) == sorted(plan.visited)
    assert not kernel.replan_two_days(data, state, i)  # what it found is the best, so it is settled


@pytest.mark.parametrize("name", ["polish_nights", "reverse_trip_parts", "replan_day_pairs"])
@SETTINGS
@given(problems(max_days=4, lodgings=True), st.integers(0, 1000))
def test_whole_trip_polishes_keep_a_valid_trip_and_never_score_less(name, problem, seed):
    data, state = problem_arrays(problem), empty_state(problem)
    _initial(problem, data, state, None, None)
    kernel.seed_random(seed)
    kernel.fill(data, state, 1.0, -1)
    before = kernel.objective(data, state)
    moved = getattr(kernel, name)(data, state)
    after = kernel.objective(data, state)
    assert after[0] >= before[0] - 1e-9
    if moved:
        assert kernel.beats(*after, *before)
    plan = _to_plan(problem, state.route, state.length, 0, 0.0)
    assert check(problem, plan) == []
    assert sorted(np.flatnonzero(state.used)) == sorted(plan.visited)


@SETTINGS
@given(problems(max_days=4, lodgings=True), st.integers(0, 1000))
def test_a_fresh_start_keeps_each_day_starting_where_the_last_one_slept(problem, seed):
    data, state = problem_arrays(problem), empty_state(problem)
    _initial(problem, data, state, None, None)
    kernel.seed_random(seed)
    kernel.fill(data, state, 1.0, -1)
    kernel.fresh_start(data, state)  # also when no construction fits every day
    rows = _rows(state)
    assert all(rows[d][-1] == rows[d + 1][0] for d in range(len(rows) - 1))


def test_a_construction_that_fails_midway_leaves_the_nights_chained():
    from itineraries.routing import DaySpec, Node, Problem

    # Day 1 can only reach lodging A, and from A the trip's end is out of reach: no construction fits, and
    # the last lodging it tried (B) fails before day 2 is touched.
    start, end, lodging_a, lodging_b, place = range(5)
    travel = np.full((5, 5), 1000.0)
    np.fill_diagonal(travel, 0.0)
    travel[start, lodging_a] = travel[lodging_a, start] = 10.0
    travel[lodging_b, end] = travel[end, lodging_b] = 10.0
    travel[start, place] = travel[place, start] = 5.0
    nodes = (Node("start"), Node("end"), Node("a"), Node("b"), Node("p", 5.0, 30.0))
    day = DaySpec(0.0, 600.0, 100.0)
    problem = Problem(nodes, travel, (day, day), start=start, end=end, lodgings=(lodging_a, lodging_b))
    data, state = problem_arrays(problem), empty_state(problem)
    _initial(problem, data, state, None, None)
    assert not kernel.construct(data, copy_state(state))
    kernel.seed_random(0)
    kernel.fresh_start(data, state)
    rows = _rows(state)
    assert rows[0][-1] == rows[1][0]


@SETTINGS
@given(problems(), st.data())
def test_the_compiled_day_agrees_with_the_day_rules_written_in_python(problem, data_draw):
    """The search's compiled day (``kernel.simulate``) is a twin of ``plan.schedule_day`` and its rules: for
    any order of any places, both find the same driving and the same verdict (the search plans without lunch
    or a waiting limit; those come after it, in Python only)."""
    from itineraries.routing.plan import day_fits, schedule_day

    bare = replace(problem, lunch=None, max_wait=None)
    data = problem_arrays(bare)
    d = data_draw.draw(st.integers(0, bare.n_days - 1))
    places = [v for v in range(len(bare.nodes)) if v not in (bare.start, *bare.lodgings)]
    route = data_draw.draw(st.permutations(places).map(lambda p: p[: len(p) // 2 + 1]))
    end = bare.start if bare.end is None else bare.end
    row = np.array([bare.start, *route, end], dtype=np.int64)
    fits, drive = kernel.simulate(data, d, row, len(row))
    timed = schedule_day(bare, d, bare.start, end, list(route))
    assert fits == day_fits(bare, d, timed)
    if fits:  # the compiled day stops counting at the first place it reaches too late
        assert drive == pytest.approx(timed.drive)
