"""Cutting the driving: or-opt and 2-opt inside a day, relocate and exchange between days."""

from __future__ import annotations

import numpy as np
from numba import njit

from itineraries.routing.kernel.day import EPS, insert_at, remove_at, simulate, timetable
from itineraries.routing.kernel.insertion import fill, trade

REPLACE_ROUNDS = 5  # trades of a visited place for a better unvisited one per improvement


@njit(cache=True)
def adopt_if_shorter(data, state, d, trial, n):
    """Day d follows trial[:n] if that is feasible and drives less; True if it did."""
    ok, total = simulate(data, d, trial, n)
    if not ok or total >= state.drive[d] - 1e-7:
        return False
    state.route[d, :n] = trial[:n]
    timetable(data, state, d)
    return True


@njit(cache=True)
def or_opt(data, state, d, trial):
    """Move 1-3 consecutive visits elsewhere in day d, the first such move that cuts driving."""
    travel = data.travel
    n = state.length[d]
    row = state.route[d]
    for size in range(1, 4):
        for i in range(1, n - size):
            a, first, last, b = row[i - 1], row[i], row[i + size - 1], row[i + size]
            saved = travel[a, first] + travel[last, b] - travel[a, b]
            for j in range(1, n):
                if i <= j <= i + size:
                    continue
                p, q = row[j - 1], row[j]
                if saved - (travel[p, first] + travel[last, q] - travel[p, q]) <= 1e-7:
                    continue
                m = 0
                for k in range(n):
                    if k == j:
                        trial[m : m + size] = row[i : i + size]
                        m += size
                    if i <= k < i + size:
                        continue
                    trial[m] = row[k]
                    m += 1
                if adopt_if_shorter(data, state, d, trial, n):
                    return True
    return False


@njit(cache=True)
def two_opt(data, state, d, trial):
    """Reverse a stretch of day d, the first such reversal that cuts driving."""
    travel = data.travel
    n = state.length[d]
    row = state.route[d]
    for i in range(1, n - 2):
        for j in range(i + 1, n - 1):
            if travel[row[i - 1], row[j]] + travel[row[i], row[j + 1]] >= (
                travel[row[i - 1], row[i]] + travel[row[j], row[j + 1]] - 1e-7
            ):
                continue
            trial[:n] = row[:n]
            trial[i : j + 1] = row[i : j + 1][::-1]
            if adopt_if_shorter(data, state, d, trial, n):
                return True
    return False


@njit(cache=True)
def shorten_day(data, state, d):
    """Or-opt and 2-opt inside day d while they cut its driving time; True if anything moved."""
    trial = np.empty(state.route.shape[1], dtype=np.int64)
    improved = False
    while or_opt(data, state, d, trial) or two_opt(data, state, d, trial):
        improved = True
    return improved


@njit(cache=True)
def fits_between(data, state, d, i, j, node):
    """Can node go straight from position i to position j of day d (whatever lies between dropped) within
    the slack the day has from j on and the node's window? j = i + 1 inserts; j = i + 2 takes a visit's slot.
    """
    travel, service, opens, closes = data.travel, data.service, data.opens, data.closes
    route, start, slack = state.route, state.start, state.slack
    prev, last, nxt = route[d, i], route[d, j - 1], route[d, j]
    leave = start[d, i] + (service[prev] if i > 0 else 0.0)
    arrive = leave + travel[prev, node]
    if arrive > closes[d, node] + EPS:
        return False
    begin = opens[d, node] if opens[d, node] > arrive else arrive
    reach_now = start[d, j - 1] + (service[last] if j > 1 else 0.0) + travel[last, nxt]
    return begin + service[node] + travel[node, nxt] - reach_now <= slack[d, j] + EPS


@njit(cache=True)
def exchange(data, state):
    """Swap two visits of different days when both still fit and the driving shrinks; True if one was made."""
    travel, day_drive = data.travel, data.day_drive
    route, length, drive = state.route, state.length, state.drive
    days = route.shape[0]
    for a in range(days):
        for b in range(a + 1, days):
            for i in range(1, length[a] - 1):
                u, ua, ub = route[a, i], route[a, i - 1], route[a, i + 1]
                for k in range(1, length[b] - 1):
                    v, va, vb = route[b, k], route[b, k - 1], route[b, k + 1]
                    delta_a = travel[ua, v] + travel[v, ub] - travel[ua, u] - travel[u, ub]
                    delta_b = travel[va, u] + travel[u, vb] - travel[va, v] - travel[v, vb]
                    if delta_a + delta_b >= -1e-7:
                        continue
                    if drive[a] + delta_a > day_drive[a] + EPS or drive[b] + delta_b > day_drive[b] + EPS:
                        continue
                    if not (
                        fits_between(data, state, a, i - 1, i + 1, v) and fits_between(data, state, b, k - 1, k + 1, u)
                    ):
                        continue
                    route[a, i], route[b, k] = v, u
                    timetable(data, state, a)
                    timetable(data, state, b)
                    return True
    return False


@njit(cache=True)
def relocate(data, state):
    """Move one visit to another day where it fits and the driving shrinks; True if one was moved."""
    travel, opens, closes, day_drive = data.travel, data.opens, data.closes, data.day_drive
    route, length, drive = state.route, state.length, state.drive
    days = route.shape[0]
    trial = np.empty(route.shape[1], dtype=np.int64)
    for a in range(days):
        for i in range(1, length[a] - 1):
            u, x, y = route[a, i], route[a, i - 1], route[a, i + 1]
            saved = travel[x, u] + travel[u, y] - travel[x, y]
            for b in range(days):
                if b == a or closes[b, u] < opens[b, u]:
                    continue
                for k in range(length[b] - 1):
                    p, q = route[b, k], route[b, k + 1]
                    added = travel[p, u] + travel[u, q] - travel[p, q]
                    if added - saved >= -1e-7 or drive[b] + added > day_drive[b] + EPS:
                        continue
                    if not fits_between(data, state, b, k, k + 1, u):
                        continue
                    n = length[a]
                    trial[:i] = route[a, :i]
                    trial[i : n - 1] = route[a, i + 1 : n]
                    ok, _ = simulate(data, a, trial, n - 1)
                    if not ok:
                        continue
                    remove_at(state, a, i)
                    timetable(data, state, a)
                    insert_at(state, b, k + 1, u)
                    timetable(data, state, b)
                    return True
    return False


@njit(cache=True)
def shorten(data, state):
    """Cut driving inside and between days; True if anything changed (so a refill may find room)."""
    changed = False
    touched = state.touched
    for _ in range(20):
        moved = False
        for d in range(state.route.shape[0]):
            if touched[d]:
                moved = shorten_day(data, state, d) or moved
                touched[d] = False
        if state.route.shape[0] > 1:
            moved = relocate(data, state) or moved
            moved = exchange(data, state) or moved
        if not moved:
            break
        changed = True
    return changed


@njit(cache=True)
def improve(data, state, noise_level):
    fill(data, state, noise_level, -1)
    if shorten(data, state):
        fill(data, state, noise_level, -1)
    for _ in range(REPLACE_ROUNDS):
        if not trade(data, state):
            break
        fill(data, state, noise_level, -1)
