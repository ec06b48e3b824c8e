"""One day's timetable and the state's basic edits: insert, remove, repair, load, and the objective."""

from __future__ import annotations

import numpy as np
from numba import njit

EPS = 1e-9


@njit(cache=True)
def timetable(data, state, d):
    """Service starts, forward slack and driving of day d from scratch; True when the day is feasible."""
    travel, service, opens, closes = data.travel, data.service, data.opens, data.closes
    day_start, day_end, day_drive = data.day_start, data.day_end, data.day_drive
    route, length, start, slack, drive = state.route, state.length, state.start, state.slack, state.drive
    state.touched[d] = True
    n = length[d]
    row = route[d]
    clock = day_start[d]
    wait = np.zeros(n)
    start[d, 0] = clock
    total = 0.0
    ok = True
    prev = row[0]
    leave = clock
    for k in range(1, n - 1):
        node = row[k]
        leg = travel[prev, node]
        total += leg
        arrive = leave + leg
        begin = opens[d, node] if opens[d, node] > arrive else arrive
        if begin > closes[d, node] + EPS:
            ok = False
        start[d, k] = begin
        wait[k] = begin - arrive
        leave = begin + service[node]
        prev = node
    leg = travel[prev, row[n - 1]]
    total += leg
    start[d, n - 1] = leave + leg
    drive[d] = total
    ok = ok and start[d, n - 1] <= day_end[d] + EPS and total <= day_drive[d] + EPS
    slack[d, n - 1] = day_end[d] - start[d, n - 1]
    for k in range(n - 2, 0, -1):
        room = closes[d, row[k]] - start[d, k]
        slack[d, k] = wait[k] + (room if room < slack[d, k + 1] else slack[d, k + 1])
    slack[d, 0] = slack[d, 1]
    return ok


@njit(cache=True)
def remove_at(state, d, k):
    route, length, used = state.route, state.length, state.used
    used[route[d, k]] = False
    route[d, k : length[d] - 1] = route[d, k + 1 : length[d]].copy()
    length[d] -= 1


@njit(cache=True)
def insert_at(state, d, k, node):
    """Put node at position k of day d (before the current occupant)."""
    route, length, used = state.route, state.length, state.used
    n = length[d]
    route[d, k + 1 : n + 1] = route[d, k:n].copy()
    route[d, k] = node
    length[d] = n + 1
    used[node] = True


@njit(cache=True)
def empty_days(data, state, first, stop):
    """Drop every visit of days first..stop-1, keeping where each begins and ends."""
    for d in range(first, stop):
        while state.length[d] > 2:
            remove_at(state, d, 1)
        timetable(data, state, d)


@njit(cache=True)
def repair(data, state, d):
    """Drop visits until day d is feasible, the least valuable per minute first; False if even empty fails."""
    travel, service, value = data.travel, data.service, data.value
    route, length = state.route, state.length
    while not timetable(data, state, d):
        n = length[d]
        if n <= 2:
            return False
        row = route[d]
        best_k, best = 1, -1.0
        for k in range(1, n - 1):
            a, b, c = row[k - 1], row[k], row[k + 1]
            saving = (travel[a, b] + travel[b, c] + service[b] - travel[a, c]) / (value[b] + 1.0)
            if saving > best:
                best, best_k = saving, k
        remove_at(state, d, best_k)
    return True


@njit(cache=True)
def simulate(data, d, row, n):
    """Feasibility and driving of day d if it followed row[:n]; nothing is written."""
    travel, service, opens, closes = data.travel, data.service, data.opens, data.closes
    day_start, day_end, day_drive = data.day_start, data.day_end, data.day_drive
    leave = day_start[d]
    total = 0.0
    prev = row[0]
    for k in range(1, n - 1):
        node = row[k]
        leg = travel[prev, node]
        total += leg
        arrive = leave + leg
        begin = opens[d, node] if opens[d, node] > arrive else arrive
        if begin > closes[d, node] + EPS:
            return False, total
        leave = begin + service[node]
        prev = node
    leg = travel[prev, row[n - 1]]
    total += leg
    return leave + leg <= day_end[d] + EPS and total <= day_drive[d] + EPS, total


@njit(cache=True)
def load(data, state, route, length):
    """Make the state hold the given routes (timetables recomputed)."""
    state.route[:] = route
    state.length[:] = length
    used = state.used
    used[:] = False
    for d in range(route.shape[0]):
        for k in range(1, length[d] - 1):
            used[route[d, k]] = True
        timetable(data, state, d)


@njit(cache=True)
def objective(data, state):
    """(what the plan is worth, minus its driving): the value of the places seen, less the road cost per
    minute on the road and the cost of each move to another lodging; ties go to the plan that drives less."""
    value = data.value
    route, length, drive = state.route, state.length, state.drive
    total, minutes = 0.0, 0.0
    for d in range(route.shape[0]):
        for k in range(1, length[d] - 1):
            total += value[route[d, k]]
        minutes += drive[d]
        if 0 < d < route.shape[0] - 1 and route[d, length[d] - 1] != route[d - 1, length[d - 1] - 1]:
            total -= data.move_cost
    return total - data.road_cost * minutes, -minutes


@njit(cache=True)
def beats(a_value, a_drive, b_value, b_drive):
    return a_value > b_value + 1e-9 or (abs(a_value - b_value) <= 1e-9 and a_drive > b_drive + 1e-6)


@njit(cache=True)
def keep_if_best(state, best_route, best_length, best, value, drive):
    """Copy the state (scoring value, drive) over the kept plan if it beats best (value, drive); True if so."""
    if not beats(value, drive, best[0], best[1]):
        return False
    best_route[:] = state.route
    best_length[:] = state.length
    best[0], best[1] = value, drive
    return True
