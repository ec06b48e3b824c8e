"""Filling days: best insertion with O(1) feasibility from the forward slack, trades of a visited place for a
better one, and an exact re-ordering of a day that lets one more place in."""

from __future__ import annotations

import numpy as np
from numba import njit

from itineraries.routing.kernel.day import EPS, insert_at, timetable

MAX_REORDER = 7  # longest day (visits) whose order is searched exactly when a place is added to it


@njit(cache=True, error_model="numpy")
def evaluate(data, state, d, gain, free, ratio, gap):
    """Best insertion ratio (gain / added time) of every free candidate into day d, and where.

    Positions are the outer loop so the inner loop runs over candidate-indexed arrays (``data.to_cand`` ...), which
    the compiler vectorises.
    """
    travel, service, day_drive = data.travel, data.service, data.day_drive
    to_cand, from_cand, c_open, c_close, c_service = (
        data.to_cand,
        data.from_cand,
        data.cand_opens[d],
        data.cand_closes[d],
        data.cand_service,
    )
    route, length, start, slack, drive = state.route, state.length, state.start, state.slack, state.drive
    c_value, road_cost = data.cand_value, data.road_cost
    n = length[d]
    row = route[d]
    c = len(gain)
    ratio[:] = -1.0
    for k in range(n - 1):
        prev, nxt = row[k], row[k + 1]
        leave = start[d, k] + (service[prev] if k > 0 else 0.0)
        base = leave + travel[prev, nxt]
        room = base + slack[d, k + 1] + EPS
        drive_room = day_drive[d] + EPS - drive[d] + travel[prev, nxt]
        tp, tn = to_cand[prev], from_cand[nxt]
        for j in range(c):
            arrive = leave + tp[j]
            begin = max(arrive, c_open[j])
            reach = begin + c_service[j] + tn[j]
            r = gain[j] / max(reach - base, 1e-2)
            detour = tp[j] + tn[j] - travel[prev, nxt]
            better = free[j] and arrive <= c_close[j] + EPS and reach <= room and tp[j] + tn[j] <= drive_room
            better = better and c_value[j] > road_cost * detour and r > ratio[j]  # the place pays for its detour
            ratio[j] = r if better else ratio[j]
            gap[j] = k if better else gap[j]


@njit(cache=True)
def fill(data, state, noise_level, only):
    """Best insertion until nothing fits; only the day that changed is re-evaluated. only >= 0: that day only."""
    cand = data.cand
    days = state.route.shape[0]
    c = len(cand)
    gain = data.cand_weight * (1.0 + noise_level * (2.0 * np.random.random(c) - 1.0))
    free = ~state.used[cand]
    ratio = np.full((days, c), -1.0)
    gap = np.zeros((days, c), dtype=np.int64)
    dirty = np.zeros(days, dtype=np.bool_)
    for d in range(days):
        dirty[d] = only < 0 or d == only
    while True:
        for d in range(days):
            if dirty[d]:
                evaluate(data, state, d, gain, free, ratio[d], gap[d])
                dirty[d] = False
        best, best_d, best_j = 0.0, -1, -1
        for d in range(days):  # days other than ``only`` are never evaluated and stay at -1
            for j in range(c):
                if ratio[d, j] > best:
                    best, best_d, best_j = ratio[d, j], d, j
        if best_d < 0:
            return
        insert_at(state, best_d, gap[best_d, best_j] + 1, cand[best_j])
        timetable(data, state, best_d)
        free[best_j] = False
        for d in range(days):
            ratio[d, best_j] = -1.0
        dirty[best_d] = True


@njit(cache=True, error_model="numpy")
def trade(data, state):
    """Trade one visited place for a more valuable unused one in its slot, where the slack allows; with a road
    cost, "more valuable" counts the drive to and from the slot."""
    travel, service, day_drive, value, cand = data.travel, data.service, data.day_drive, data.value, data.cand
    to_cand, from_cand, c_service, c_value = data.to_cand, data.from_cand, data.cand_service, data.cand_value
    route, length, start, slack = state.route, state.length, state.start, state.slack
    drive, used = state.drive, state.used
    free = ~used[cand]
    c = len(cand)
    road_cost = data.road_cost
    best_gain, best_d, best_k, best_j = 1e-9, -1, -1, -1
    for d in range(route.shape[0]):
        n = length[d]
        row = route[d]
        c_open, c_close = data.cand_opens[d], data.cand_closes[d]
        for k in range(1, n - 1):
            prev, old, nxt = row[k - 1], row[k], row[k + 1]
            leave = start[d, k - 1] + (service[prev] if k > 1 else 0.0)
            room = start[d, k] + service[old] + travel[old, nxt] + slack[d, k + 1] + EPS
            drive_room = day_drive[d] + EPS - drive[d] + travel[prev, old] + travel[old, nxt]
            worth = value[old] - road_cost * (travel[prev, old] + travel[old, nxt])
            tp, tn = to_cand[prev], from_cand[nxt]
            pick, pick_value = -1, worth + best_gain
            for j in range(c):
                arrive = leave + tp[j]
                reach = max(arrive, c_open[j]) + c_service[j] + tn[j]
                net = c_value[j] - road_cost * (tp[j] + tn[j])
                better = free[j] and net > pick_value and arrive <= c_close[j] + EPS
                better = better and reach <= room and tp[j] + tn[j] <= drive_room
                pick_value = net if better else pick_value
                pick = j if better else pick
            if pick >= 0:
                best_gain, best_d, best_k, best_j = pick_value - worth, d, k, pick
    if best_d < 0:
        return False
    used[route[best_d, best_k]] = False
    route[best_d, best_k] = cand[best_j]
    used[cand[best_j]] = True
    timetable(data, state, best_d)
    return True


@njit(cache=True)
def could_fit(data, d, begin, end, nodes, k):
    """Cheap necessary test for best_order: services plus each stop's shortest way in fit the day and drive."""
    travel, service, day_start, day_end = data.travel, data.service, data.day_start, data.day_end
    day_drive = data.day_drive
    busy, least = 0.0, 0.0
    for i in range(k + 1):
        node = nodes[i] if i < k else end
        shortest = travel[begin, node]
        for j in range(k):
            if j != i and travel[nodes[j], node] < shortest:
                shortest = travel[nodes[j], node]
        least += shortest
        busy += service[node] if i < k else 0.0
    return day_start[d] + busy + least <= day_end[d] + EPS and least <= day_drive[d] + EPS


@njit(cache=True)
def best_order(data, d, begin, end, nodes, k, out):
    """Order of nodes[:k] for day d (begin ... end) that arrives at the end earliest, written to out[:k];
    False if no order is feasible. Exact dynamic programme over subsets (k is a day's worth of visits).
    """
    travel, service, opens, closes = data.travel, data.service, data.opens, data.closes
    day_start, day_end, day_drive = data.day_start, data.day_end, data.day_drive
    full = 1 << k
    ready = np.full((full, k), np.inf)  # time service ends at the last node, for each visited set
    driven = np.full((full, k), np.inf)
    before = np.full((full, k), -1, dtype=np.int64)
    for i in range(k):
        u = nodes[i]
        arrive = day_start[d] + travel[begin, u]
        if arrive <= closes[d, u] + EPS:
            ready[1 << i, i] = max(arrive, opens[d, u]) + service[u]
            driven[1 << i, i] = travel[begin, u]
    for mask in range(1, full):
        for i in range(k):
            if ready[mask, i] == np.inf:
                continue
            a = nodes[i]
            for j in range(k):
                if mask & (1 << j):
                    continue
                u = nodes[j]
                arrive = ready[mask, i] + travel[a, u]
                if arrive > closes[d, u] + EPS:
                    continue
                t = max(arrive, opens[d, u]) + service[u]
                minutes = driven[mask, i] + travel[a, u]
                nxt = mask | (1 << j)
                if t < ready[nxt, j] - 1e-9 or (t <= ready[nxt, j] + 1e-9 and minutes < driven[nxt, j]):
                    ready[nxt, j], driven[nxt, j], before[nxt, j] = t, minutes, i
    last, best_t = -1, np.inf
    for i in range(k):
        if ready[full - 1, i] == np.inf:
            continue
        t = ready[full - 1, i] + travel[nodes[i], end]
        if t <= day_end[d] + EPS and driven[full - 1, i] + travel[nodes[i], end] <= day_drive[d] + EPS and t < best_t:
            last, best_t = i, t
    if last < 0:
        return False
    mask = full - 1
    for pos in range(k - 1, -1, -1):
        out[pos] = nodes[last]
        prev = before[mask, last]
        mask ^= 1 << last
        last = prev
    return True


@njit(cache=True)
def most_valuable_free(data, state):
    cand, value, used = data.cand, data.value, state.used
    top = 0.0
    for u in cand:
        if not used[u] and value[u] > top:
            top = value[u]
    return top


@njit(cache=True)
def insert_reordered(data, state):
    """Add the most valuable unused place that fits some day only once that day's visits are re-ordered."""
    opens, closes, cand = data.opens, data.closes, data.cand
    route, length, used = state.route, state.length, state.used
    nodes = np.empty(MAX_REORDER, dtype=np.int64)
    out = np.empty(MAX_REORDER, dtype=np.int64)
    for j in np.argsort(-data.cand_value):
        u = cand[j]
        if used[u]:
            continue
        for d in range(route.shape[0]):
            n = length[d]
            k = n - 1  # the day's visits and u
            if k > MAX_REORDER or opens[d, u] > closes[d, u]:
                continue
            for i in range(1, n - 1):
                nodes[i - 1] = route[d, i]
            nodes[k - 1] = u
            begin, end = route[d, 0], route[d, n - 1]
            if not could_fit(data, d, begin, end, nodes, k) or not best_order(data, d, begin, end, nodes, k, out):
                continue
            route[d, 1 : k + 1] = out[:k]
            route[d, k + 1] = end
            length[d] = k + 2
            used[u] = True
            timetable(data, state, d)
            return True
    return False
