"""The compiled search's moves: their O(1) feasibility checks against a full recomputation."""

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from itineraries.routing import check, kernel
from itineraries.routing.solver import _initial, _to_plan, empty_state, problem_arrays
from tests.routing.factories import problems

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _state(problem, seed: int, noise: float = 0.5):
    """A random feasible state: empty days at the depot, filled with noisy best insertion."""
    P, S = problem_arrays(problem), empty_state(problem)
    for d in range(problem.n_days):
        S[0][d, :2] = (problem.start, problem.night_options(d)[0])
        S[1][d] = 2
        kernel.timetable(P, S, d)
    kernel.seed_random(seed)
    kernel.fill(P, S, noise, -1)
    return P, S


def _feasible(P, S, d, row) -> bool:
    return kernel.simulate(P, d, np.array(row, dtype=np.int64), len(row))[0]


def _rows(S):
    return [list(S[0][d, : S[1][d]]) for d in range(len(S[1]))]


@SETTINGS
@given(problems(), st.integers(0, 1000))
def test_insertion_check_matches_a_full_recomputation(problem, seed):
    P, S = _state(problem, seed, noise=1.0)
    cand = P[8]
    free = ~S[5][cand]
    gain = P[16].copy()
    for d, row in enumerate(_rows(S)):
        ratio, gap = np.full(len(cand), -1.0), np.zeros(len(cand), dtype=np.int64)
        kernel.evaluate(P, S, d, gain, free, ratio, gap)
        for j, node in enumerate(cand):
            if not free[j]:
                continue
            fits = [k for k in range(len(row) - 1) if _feasible(P, S, d, row[: k + 1] + [node] + row[k + 1 :])]
            assert (ratio[j] > 0) == bool(fits)
            if fits:
                assert gap[j] in fits


@SETTINGS
@given(problems(), st.integers(0, 1000))
def test_insert_and_slot_checks_match_a_full_recomputation(problem, seed):
    P, S = _state(problem, seed)
    free = [v for v in P[8] if not S[5][v]]
    for d, row in enumerate(_rows(S)):
        for i in range(len(row) - 1):
            for j in range(i + 1, min(i + 3, len(row))):
                for node in free:
                    expected = _feasible(P, S, d, row[: i + 1] + [node] + row[j:])
                    assert kernel.fits_between(P, S, d, i, j, node) == expected


@SETTINGS
@given(problems(), st.integers(0, 1000))
def test_shortening_keeps_the_places_and_feasibility_and_never_drives_more(problem, seed):
    P, S = _state(problem, seed, noise=1.0)
    visited = sorted(v for row in _rows(S) for v in row[1:-1])
    before = float(S[4].sum())
    kernel.shorten(P, S)
    assert sorted(v for row in _rows(S) for v in row[1:-1]) == visited
    assert float(S[4].sum()) <= before + 1e-9
    for d, row in enumerate(_rows(S)):
        assert _feasible(P, S, d, row)
        assert kernel.timetable(P, S, d)


@SETTINGS
@given(problems(), st.integers(0, 1000))
def test_replace_trades_up_and_stays_feasible(problem, seed):
    P, S = _state(problem, seed, noise=1.0)
    value = P[7]
    before = sum(value[v] for row in _rows(S) for v in row[1:-1])
    changed = kernel.replace(P, S)
    after = sum(value[v] for row in _rows(S) for v in row[1:-1])
    assert after > before if changed else after == before
    for d, row in enumerate(_rows(S)):
        assert _feasible(P, S, d, row)
    assert sorted(np.flatnonzero(S[5])) == sorted(v for row in _rows(S) for v in row[1:-1])


PERTURBATIONS = {
    "shake": lambda P, S, size: kernel.shake(P, S, 0, size),
    "shake_near": kernel.shake_near,
    "ruin": lambda P, S, size: kernel.ruin(P, S, size / 8),
}


@SETTINGS
@given(problems(), st.integers(0, 1000), st.integers(1, 8), st.sampled_from(sorted(PERTURBATIONS)))
def test_perturbations_only_drop_visits_and_leave_feasible_days(problem, seed, size, name):
    P, S = _state(problem, seed, noise=1.0)
    before = {v for row in _rows(S) for v in row[1:-1]}
    PERTURBATIONS[name](P, S, size)
    rows = _rows(S)
    after = [v for row in rows for v in row[1:-1]]
    assert set(after) <= before and len(after) == len(set(after))
    if name == "shake_near" and before:
        assert len(after) < len(before)
    for d, row in enumerate(rows):
        assert _feasible(P, S, d, row)
    assert sorted(np.flatnonzero(S[5])) == sorted(after)


@SETTINGS
@given(problems(max_nodes=6), st.data())
def test_best_order_finds_the_earliest_feasible_permutation(problem, data):
    P = problem_arrays(problem)
    d = data.draw(st.integers(0, problem.n_days - 1))
    chosen = data.draw(st.lists(st.sampled_from(problem.candidates), min_size=1, max_size=5, unique=True))
    nodes, out = np.array(chosen, dtype=np.int64), np.empty(len(chosen), dtype=np.int64)
    begin, end = problem.start, problem.night_options(d)[0]

    def finish(order) -> float | None:
        row = np.array([begin, *order, end], dtype=np.int64)
        if not kernel.simulate(P, d, row, len(row))[0]:
            return None
        clock = problem.days[d].start
        for a, b in zip(row[:-1], row[1:], strict=True):
            clock = max(clock + P[0][a, b], P[2][d, b] if b != end else 0.0)
            clock += P[1][b] if b != end else 0.0
        return clock

    finishes = [f for order in itertools.permutations(chosen) if (f := finish(order)) is not None]
    found = kernel.best_order(P, d, begin, end, nodes, len(chosen), out)
    assert found == bool(finishes)
    if found:
        assert kernel.could_fit(P, d, begin, end, nodes, len(chosen))
        assert sorted(out) == sorted(chosen)
        assert finish(list(out)) == pytest.approx(min(finishes))


@SETTINGS
@given(problems(), st.integers(0, 1000))
def test_insert_reordered_adds_one_unused_place_and_keeps_days_feasible(problem, seed):
    P, S = _state(problem, seed, noise=1.0)
    before = {v for row in _rows(S) for v in row[1:-1]}
    added = kernel.insert_reordered(P, S)
    rows = _rows(S)
    after = [v for row in rows for v in row[1:-1]]
    assert len(after) == len(set(after)) and before <= set(after)
    assert len(after) == len(before) + (1 if added else 0)
    for d, row in enumerate(rows):
        assert _feasible(P, S, d, row)
    assert sorted(np.flatnonzero(S[5])) == sorted(after)


@SETTINGS
@given(problems(max_days=4, lodgings=True), st.integers(0, 1000), st.data())
def test_reversing_days_tours_them_backwards_between_the_same_outer_nights(problem, seed, data):
    P, S = problem_arrays(problem), empty_state(problem)
    _initial(problem, P, S, None, None)
    kernel.seed_random(seed)
    kernel.fill(P, S, 1.0, -1)
    days = problem.n_days
    i = data.draw(st.integers(0, days - 1))
    j = data.draw(st.integers(i, days - 1))
    before = _rows(S)
    if not kernel.reverse_days(P, S, i, j):
        assert _rows(S) == before
        return
    after = _rows(S)
    assert after[:i] == before[:i] and after[j + 1 :] == before[j + 1 :]
    assert after[i][0] == before[i][0] and after[j][-1] == before[j][-1]
    for t in range(j - i + 1):
        new, old = after[i + t], before[j - t]
        kept = set(new[1:-1])
        assert [v for v in reversed(old[1:-1]) if v in kept] == new[1:-1]  # only dropped, never re-ordered
        if i + t < j:
            assert new[-1] == old[0]
    plan = _to_plan(problem, S[0], S[1], 0, 0.0)
    assert check(problem, plan) == []
    assert sorted(np.flatnonzero(S[5])) == sorted(plan.visited)


def _best_two_days(problem, P, S, i) -> float:
    """Brute force: the most two days i and i + 1 can collect over the places no other day visits, the
    night between them at any lodging, the first morning and the last evening where they are now."""
    rows = _rows(S)
    taken = {v for d, row in enumerate(rows) if d not in (i, i + 1) for v in row[1:-1]}
    free = [v for v in problem.candidates if v not in taken]
    begin, last = rows[i][0], rows[i + 1][-1]

    def days(d, a, b):
        for k in range(len(free) + 1):
            for order in itertools.permutations(free, k):
                row = np.array([a, *order, b], dtype=np.int64)
                if kernel.simulate(P, d, row, len(row))[0]:
                    yield set(order), sum(P[7][v] for v in order)

    best = -1.0
    for night in problem.night_options(i):
        second = list(days(i + 1, night, last))
        for places, value in days(i, begin, night):
            best = max([best] + [value + other for where, other in second if not places & where])
    return best


@SETTINGS
@given(problems(max_nodes=6, max_days=3, lodgings=True), st.integers(0, 1000), st.data())
def test_two_day_replan_finds_the_best_two_days_and_night_between(problem, seed, data):
    assume(problem.n_days >= 2)
    P, S = problem_arrays(problem), empty_state(problem)
    _initial(problem, P, S, None, None)
    kernel.seed_random(seed)
    kernel.fill(P, S, 1.0, -1)
    kernel.ruin(P, S, data.draw(st.sampled_from([0.0, 0.5, 1.0])))
    i = data.draw(st.integers(0, problem.n_days - 2))
    rows = _rows(S)
    before = sum(P[7][v] for d in (i, i + 1) for v in rows[d][1:-1])
    best = _best_two_days(problem, P, S, i)
    moved = kernel.replan_two_days(P, S, i)
    after = _rows(S)
    assert moved == (best > before + 1e-9)
    assert sum(P[7][v] for d in (i, i + 1) for v in after[d][1:-1]) == pytest.approx(max(best, before))
    assert after[:i] == rows[:i] and after[i + 2 :] == rows[i + 2 :]
    assert after[i][0] == rows[i][0] and after[i + 1][-1] == rows[i + 1][-1]
    plan = _to_plan(problem, S[0], S[1], 0, 0.0)
    assert check(problem, plan) == []
    assert sorted(np.flatnonzero(S[5])) == sorted(plan.visited)
    assert not kernel.replan_two_days(P, S, i)  # what it found is the best, so it is settled


@pytest.mark.parametrize("name", ["polish_nights", "reverse_trip_parts", "replan_day_pairs"])
@SETTINGS
@given(problems(max_days=4, lodgings=True), st.integers(0, 1000))
def test_whole_trip_polishes_keep_a_valid_trip_and_never_score_less(name, problem, seed):
    P, S = problem_arrays(problem), empty_state(problem)
    _initial(problem, P, S, None, None)
    kernel.seed_random(seed)
    kernel.fill(P, S, 1.0, -1)
    before = kernel.objective(P, S)
    moved = getattr(kernel, name)(P, S)
    after = kernel.objective(P, S)
    assert after[0] >= before[0] - 1e-9
    if moved:
        assert kernel.beats(*after, *before)
    plan = _to_plan(problem, S[0], S[1], 0, 0.0)
    assert check(problem, plan) == []
    assert sorted(np.flatnonzero(S[5])) == sorted(plan.visited)
