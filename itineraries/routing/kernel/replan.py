"""The exact re-plan of two consecutive days and the night between them.

Every feasible visit sequence of each day is listed (depth first, one record per set of places in its order
that drives least), then the most valuable pair that shares no place is taken.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from itineraries.routing.kernel.data import DayEnds, Listing
from itineraries.routing.kernel.day import EPS, beats, load, objective, timetable
from itineraries.routing.kernel.shorten import shorten_day

MAX_STOPS = 10  # longest day listed
MAX_PATHS = 100_000  # a re-plan gives up when a day allows more sets of places than this
HASH_SLOTS = 1 << 17  # open-addressing table finding a day already listed with the same places (2^k)
MAX_STEPS = 300_000  # places added to a path, over both days, before a re-plan gives up (a few ms)
MAX_GIVE_UPS = 2  # re-plans that gave up before a solve stops trying them (places too dense to list)


@njit(cache=True)
def day_paths(data, d, ends, free, out, steps):
    """List into ``out`` every feasible day d over free candidates between ``ends.fixed`` and one of
    ``ends.others`` (from fixed to them, or from them to fixed if ``ends.backward``) worth at least that other
    end's floor: its visits in visiting order, which other end, value and driving. Each set of places (and
    other end) is listed once, in its order that drives least. Returns how many records were written, or -1
    if the day allows more sets than there are records or table slots, or more steps than ``steps[0]``
    (counted down).

    Forward, a path's clock is when it leaves its last place; backward, the latest start of service at its
    first place that still lets it reach the fixed end in time (waiting for an opening is always allowed).
    """
    travel, service, opens, closes = data.travel, data.service, data.opens, data.closes
    day_start, day_end, day_drive = data.day_start, data.day_end, data.day_drive
    fixed, others, backward, floor = ends.fixed, ends.others, ends.backward, ends.floor
    stops, size, other, gain, km = out.stops, out.size, out.other, out.gain, out.drive
    value, cand, zobrist = data.value, data.cand, data.keys
    c = len(cand)
    reach = np.full(travel.shape[0], np.inf)  # the shortest leg between a place and the other side
    for u in range(travel.shape[0]):
        for h in others:
            reach[u] = min(reach[u], travel[h, u] if backward else travel[u, h])
    path = np.empty(MAX_STOPS + 1, dtype=np.int64)
    pick = np.empty(MAX_STOPS + 1, dtype=np.int64)
    nxt = np.zeros(MAX_STOPS + 1, dtype=np.int64)
    clock, driven, total = np.empty(MAX_STOPS + 1), np.empty(MAX_STOPS + 1), np.empty(MAX_STOPS + 1)
    places = np.zeros(MAX_STOPS + 1, dtype=np.int64)  # XOR of the path's places' random keys
    on = np.zeros(c, dtype=np.bool_)
    slot_key = np.empty(HASH_SLOTS, dtype=np.int64)
    slot_row = np.full(HASH_SLOTS, -1, dtype=np.int64)
    listed, at = 0, 0
    path[0], clock[0], driven[0], total[0] = fixed, day_end[d] if backward else day_start[d], 0.0, 0.0
    depth, entering = 0, True
    while depth >= 0:
        node = path[depth]
        if entering:
            for t in range(len(others)):
                h = others[t]
                if total[depth] < floor[t]:
                    continue
                if backward:
                    leg = travel[h, node]
                    arrive = day_start[d] + leg
                    late = arrive > day_end[d] + EPS if depth == 0 else max(arrive, opens[d, node]) > clock[depth] + EPS
                else:
                    leg = travel[node, h]
                    late = clock[depth] + leg > day_end[d] + EPS
                if late or driven[depth] + leg > day_drive[d] + EPS:
                    continue
                key = places[depth] ^ zobrist[h]
                slot = key & (HASH_SLOTS - 1)
                while slot_row[slot] >= 0 and slot_key[slot] != key:
                    slot = (slot + 1) & (HASH_SLOTS - 1)
                row = slot_row[slot]
                if row < 0:
                    if at == len(other) or 2 * listed >= HASH_SLOTS:
                        return -1
                    row, slot_row[slot], slot_key[slot] = at, at, key
                    listed += 1
                    at += 1
                elif km[row] <= driven[depth] + leg:
                    continue
                for k in range(depth):
                    stops[row, k] = path[depth - k] if backward else path[k + 1]
                size[row], other[row], gain[row], km[row] = depth, h, total[depth], driven[depth] + leg
            nxt[depth] = 0 if depth < MAX_STOPS else c
            entering = False
        while nxt[depth] < c:
            j = nxt[depth]
            nxt[depth] += 1
            u = cand[j]
            if on[j] or not free[j]:
                continue
            leg = travel[u, node] if backward else travel[node, u]
            far = driven[depth] + leg
            if far + reach[u] > day_drive[d] + EPS:
                continue
            if backward:
                time = min(closes[d, u], clock[depth] - leg - service[u])
                if max(opens[d, u], day_start[d] + reach[u]) > time + EPS:
                    continue
            else:
                arrive = clock[depth] + leg
                time = max(arrive, opens[d, u]) + service[u]
                if arrive > closes[d, u] + EPS or time + reach[u] > day_end[d] + EPS:
                    continue
            steps[0] -= 1
            if steps[0] < 0:
                return -1
            depth += 1
            path[depth], pick[depth], on[j] = u, j, True
            clock[depth], driven[depth], total[depth] = time, far, total[depth - 1] + value[u]
            places[depth] = places[depth - 1] ^ zobrist[u]
            entering = True
            break
        if not entering:
            if depth > 0:
                on[pick[depth]] = False
            depth -= 1
    return at


@njit(cache=True)
def most_first(gain, rows):
    """rows by value, highest first."""
    return rows[np.argsort(-gain[rows])]


@njit(cache=True)
def replan_two_days(data, state, i):
    """Days i and i + 1 and the night between them, re-chosen exactly over the places no other day visits:
    the pair of visit sequences (first day ending at some lodging, second day going on from it to where day
    i + 1 ends now) worth most, each then driven in its shortest order. True if that is worth more than the
    current two days."""
    cand, value, nights, n_nights = data.cand, data.value, data.nights, data.n_nights
    route, length, used = state.route, state.length, state.used
    index = np.full(len(used), -1, dtype=np.int64)
    index[cand] = np.arange(len(cand))
    free = ~used[cand]
    best_value = 0.0
    for d in (i, i + 1):
        for k in range(1, length[d] - 1):
            free[index[route[d, k]]] = True
            best_value += value[route[d, k]]
    # The answer depends only on the two days' ends, their places and the places the other days visit:
    # remember the cases that found nothing better, as walks often end at the same plan.
    zobrist, settled = data.keys, state.settled
    case = (zobrist[route[i, 0]] * 31) ^ (zobrist[route[i + 1, length[i + 1] - 1]] * 131) ^ (i + 1)
    for u in cand:
        if used[u]:
            case ^= zobrist[u] * (3 if free[index[u]] else 1)
    if settled[case & (len(settled) - 1)] == case or state.give_ups[0] >= MAX_GIVE_UPS:
        return False
    lodgings = nights[i, : n_nights[i]]
    stops = np.empty((2, MAX_PATHS, MAX_STOPS), dtype=np.int64)
    size = np.empty((2, MAX_PATHS), dtype=np.int64)
    end = np.empty((2, MAX_PATHS), dtype=np.int64)
    gain, km = np.empty((2, MAX_PATHS)), np.empty((2, MAX_PATHS))
    # The second day first (listed backwards from where it ends): its best value from each lodging bounds
    # which first days are worth listing.
    last = route[i + 1, length[i + 1] - 1]
    steps, anything = np.array([MAX_STEPS]), np.full(len(lodgings), -np.inf)
    listing = (
        Listing(stops[0], size[0], end[0], gain[0], km[0]),
        Listing(stops[1], size[1], end[1], gain[1], km[1]),
    )
    second = day_paths(data, i + 1, DayEnds(last, lodgings, True, anything), free, listing[1], steps)
    if second < 0:
        state.give_ups[0] += 1
        return False
    option = np.full(len(used), -1, dtype=np.int64)  # a lodging's position in lodgings
    option[lodgings] = np.arange(len(lodgings))
    floor = np.full(len(lodgings), np.inf)
    for y in range(second):
        h = option[end[1, y]]
        floor[h] = min(floor[h], best_value - gain[1, y] - 1e-9)
    first = day_paths(data, i, DayEnds(route[i, 0], lodgings, False, floor), free, listing[0], steps)
    if first < 0:
        state.give_ups[0] += 1
        return False
    mark = np.zeros(len(used), dtype=np.bool_)
    found_a, found_b = -1, -1
    for h in range(len(lodgings)):
        a = np.where(end[0, :first] == lodgings[h])[0]
        b = np.where(end[1, :second] == lodgings[h])[0]
        if len(a) == 0 or len(b) == 0:
            continue
        b = b[gain[1, b] >= best_value - gain[0, a].max() - 1e-9]
        a = most_first(gain[0], a)
        b = most_first(gain[1], b)
        if len(b) == 0:
            continue
        prev = -1
        for x in a:
            if gain[0, x] + gain[1, b[0]] <= best_value + 1e-9:
                break
            if prev >= 0 and gain[0, x] == gain[0, prev] and size[0, x] == size[0, prev]:
                same = True  # the same places in another order: no better than the order before it
                for k in range(size[0, x]):
                    same = same and mark[stops[0, x, k]]
                if same:
                    continue
            if prev >= 0:
                for k in range(size[0, prev]):
                    mark[stops[0, prev, k]] = False
            prev = x
            for k in range(size[0, x]):
                mark[stops[0, x, k]] = True
            for y in b:
                if gain[0, x] + gain[1, y] <= best_value + 1e-9:
                    break
                clash = False
                for k in range(size[1, y]):
                    clash = clash or mark[stops[1, y, k]]
                if not clash:
                    best_value, found_a, found_b = gain[0, x] + gain[1, y], x, y
                    break
        if prev >= 0:
            for k in range(size[0, prev]):
                mark[stops[0, prev, k]] = False
    if found_a < 0:
        settled[case & (len(settled) - 1)] = case
        return False
    # The listing ranks by the places' value alone; with a road or lodging cost the new days must also be
    # worth more as a whole, or they are undone (so that polishing loops always end).
    keep_route, keep_length = route.copy(), length.copy()
    before = objective(data, state)
    for d in (i, i + 1):
        for k in range(1, length[d] - 1):
            used[route[d, k]] = False
    for d, r in ((i, found_a), (i + 1, found_b)):
        j = 0 if d == i else 1
        n = size[j, r]
        route[d, 1 : n + 1] = stops[j, r, :n]
        route[d, n + 1] = end[0, r] if d == i else last
        length[d] = n + 2
        used[stops[j, r, :n]] = True
    route[i + 1, 0] = end[0, found_a]
    for d in (i, i + 1):
        timetable(data, state, d)
        shorten_day(data, state, d)
    if not beats(*objective(data, state), *before):
        load(data, state, keep_route, keep_length)
        settled[case & (len(settled) - 1)] = case
        return False
    return True


@njit(cache=True)
def replan_day_pairs(data, state):
    """Every pair of consecutive days with a lodging to choose between them re-planned exactly, in turn."""
    improved = False
    for i in range(state.route.shape[0] - 1):
        if data.n_nights[i] > 1:
            improved = replan_two_days(data, state, i) or improved
    return improved
