"""The compiled inner loop of the solver: iterated local search over flat arrays.

Compiled by Numba (cached on disk after the first run); ``solver.py`` turns a ``Problem`` into these arrays,
runs the search in short slices so it can watch the clock and report progress, and turns the result back
into a ``Plan``. Everything here mutates only the state arrays it is given.

One file on purpose, long as it is: Numba's disk cache of a function is invalidated when its own file
changes, not when a compiled function it calls from another file does, so a split kernel would run stale
code after an edit (extending invalidation to other files was proposed upstream, numba PR 9563, not merged).

Problem data ``P`` (a tuple, read only):
    0-6 travel (n x n), service (n), opens/closes (days x n; closed: +inf/-inf), day_start/day_end/day_drive
    (days); 7 value (n, must-see bonus included); 8 cand (candidate nodes); 9-10 nights (days x k lodging
    options, padded), n_nights (days); 11-17 indexed by candidate: travel to (n x C), travel from (n x C),
    opens/closes (days x C), service, insertion weight (value squared), value; 18 (has a fixed end, which);
    19 a random 64-bit key per node (a set of places hashes to the XOR of its keys).
State ``S`` (a tuple, mutated):
    route (days x L: begin, visits..., end), length (days), start (days x L service starts), slack
    (days x L: wait + forward slack), drive (days), used (n: visited flags), touched (days: changed since
    the day was last shortened), settled (two-day re-plans known to find nothing better, by hash), given up
    (1: two-day re-plans that gave up).
"""

from __future__ import annotations

import numpy as np
from numba import njit

EPS = 1e-9
MAX_SHAKE = 8  # longest run of consecutive visits removed from a day by one shake
NOISE = 0.3  # insertion ratios are multiplied by U(1 - NOISE, 1 + NOISE), drawn per refill
SHAKE_SHARE = 0.6  # share of the days shaken per iteration (at least one)
NIGHT_NEIGHBOURS = 4  # a night moves to one of the lodgings nearest to a visit of the two days around it
MAX_REORDER = 7  # longest day (visits) whose order is searched exactly when a place is added to it
REPLACE_ROUNDS = 5  # trades of a visited place for a better unvisited one per iteration
RESTART_AFTER = 40  # iterations without a new best before the walk returns to the best plan
NIGHT_MOVE_SHARE = 0.25  # share of iterations that start by moving one night
FRESH_START_AFTER = 300  # iterations without a better plan in this walk before starting a new walk
# With a lodging to choose every night the landscape is rugged (the order in which regions are toured):
NEAR_SHARE = 0.5  # share of shakes that cut around one place, from the days passing closest to it
NEAR_DAYS = 3  # such a shake cuts into at most this many days
# New walks take turns: the best plan toured the other way round, the best plan, the other way round, a
# fresh construction. A round trip's two directions are separate basins a walk seldom crosses.
REVERSE_RUIN = 0.2  # share of the reversed best plan's visits dropped
RUIN_SHARE = 0.5  # share of the best plan's visits dropped
# Two days and the night between them re-planned exactly, by listing every feasible visit sequence:
MAX_STOPS = 10  # longest day listed
MAX_PATHS = 100_000  # a re-plan gives up when a day allows more sets of places than this
HASH_SLOTS = 1 << 17  # open-addressing table finding a day already listed with the same places (2^k)
MAX_STEPS = 300_000  # places added to a path, over both days, before a re-plan gives up (a few ms)
MAX_GIVE_UPS = 2  # re-plans that gave up before a solve stops trying them (places too dense to list)


# --- one day -------------------------------------------------------------------------------------
@njit(cache=True)
def timetable(P, S, d):
    """Service starts, forward slack and driving of day d from scratch; True when the day is feasible."""
    travel, service, opens, closes, day_start, day_end, day_drive = P[0], P[1], P[2], P[3], P[4], P[5], P[6]
    route, length, start, slack, drive = S[0], S[1], S[2], S[3], S[4]
    S[6][d] = True
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
def remove_at(S, d, k):
    route, length, used = S[0], S[1], S[5]
    used[route[d, k]] = False
    route[d, k : length[d] - 1] = route[d, k + 1 : length[d]].copy()
    length[d] -= 1


@njit(cache=True)
def insert_at(S, d, k, node):
    """Put node at position k of day d (before the current occupant)."""
    route, length, used = S[0], S[1], S[5]
    n = length[d]
    route[d, k + 1 : n + 1] = route[d, k:n].copy()
    route[d, k] = node
    length[d] = n + 1
    used[node] = True


@njit(cache=True)
def empty_days(P, S, first, stop):
    """Drop every visit of days first..stop-1, keeping where each begins and ends."""
    for d in range(first, stop):
        while S[1][d] > 2:
            remove_at(S, d, 1)
        timetable(P, S, d)


@njit(cache=True)
def repair(P, S, d):
    """Drop visits until day d is feasible, the least valuable per minute first; False if even empty fails."""
    travel, service, value = P[0], P[1], P[7]
    route, length = S[0], S[1]
    while not timetable(P, S, d):
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
        remove_at(S, d, best_k)
    return True


# --- insertion -------------------------------------------------------------------------------------
@njit(cache=True, error_model="numpy")
def evaluate(P, S, d, gain, free, ratio, gap):
    """Best insertion ratio (gain / added time) of every free candidate into day d, and where.

    Positions are the outer loop so the inner loop runs over candidate-indexed arrays (P[12:]), which
    the compiler vectorises.
    """
    travel, service, day_drive = P[0], P[1], P[6]
    to_cand, from_cand, c_open, c_close, c_service = P[11], P[12], P[13][d], P[14][d], P[15]
    route, length, start, slack, drive = S[0], S[1], S[2], S[3], S[4]
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
            better = free[j] and arrive <= c_close[j] + EPS and reach <= room and tp[j] + tn[j] <= drive_room
            better = better and r > ratio[j]
            ratio[j] = r if better else ratio[j]
            gap[j] = k if better else gap[j]


@njit(cache=True)
def fill(P, S, noise_level, only):
    """Best insertion until nothing fits; only the day that changed is re-evaluated. only >= 0: that day only."""
    cand = P[8]
    days = S[0].shape[0]
    c = len(cand)
    gain = P[16] * (1.0 + noise_level * (2.0 * np.random.random(c) - 1.0))
    free = ~S[5][cand]
    ratio = np.full((days, c), -1.0)
    gap = np.zeros((days, c), dtype=np.int64)
    dirty = np.zeros(days, dtype=np.bool_)
    for d in range(days):
        dirty[d] = only < 0 or d == only
    while True:
        for d in range(days):
            if dirty[d]:
                evaluate(P, S, d, gain, free, ratio[d], gap[d])
                dirty[d] = False
        best, best_d, best_j = 0.0, -1, -1
        for d in range(days):  # days other than ``only`` are never evaluated and stay at -1
            for j in range(c):
                if ratio[d, j] > best:
                    best, best_d, best_j = ratio[d, j], d, j
        if best_d < 0:
            return
        insert_at(S, best_d, gap[best_d, best_j] + 1, cand[best_j])
        timetable(P, S, best_d)
        free[best_j] = False
        for d in range(days):
            ratio[d, best_j] = -1.0
        dirty[best_d] = True


@njit(cache=True, error_model="numpy")
def replace(P, S):
    """Trade one visited place for a more valuable unused one in its slot, where the slack allows."""
    travel, service, day_drive, value, cand = P[0], P[1], P[6], P[7], P[8]
    to_cand, from_cand, c_service, c_value = P[11], P[12], P[15], P[17]
    route, length, start, slack, drive, used = S[0], S[1], S[2], S[3], S[4], S[5]
    free = ~used[cand]
    c = len(cand)
    best_gain, best_d, best_k, best_j = 1e-9, -1, -1, -1
    for d in range(route.shape[0]):
        n = length[d]
        row = route[d]
        c_open, c_close = P[13][d], P[14][d]
        for k in range(1, n - 1):
            prev, old, nxt = row[k - 1], row[k], row[k + 1]
            leave = start[d, k - 1] + (service[prev] if k > 1 else 0.0)
            room = start[d, k] + service[old] + travel[old, nxt] + slack[d, k + 1] + EPS
            drive_room = day_drive[d] + EPS - drive[d] + travel[prev, old] + travel[old, nxt]
            floor = value[old] + best_gain
            tp, tn = to_cand[prev], from_cand[nxt]
            pick, pick_value = -1, floor
            for j in range(c):
                arrive = leave + tp[j]
                reach = max(arrive, c_open[j]) + c_service[j] + tn[j]
                better = free[j] and c_value[j] > pick_value and arrive <= c_close[j] + EPS
                better = better and reach <= room and tp[j] + tn[j] <= drive_room
                pick_value = c_value[j] if better else pick_value
                pick = j if better else pick
            if pick >= 0:
                best_gain, best_d, best_k, best_j = pick_value - value[old], d, k, pick
    if best_d < 0:
        return False
    used[route[best_d, best_k]] = False
    route[best_d, best_k] = cand[best_j]
    used[cand[best_j]] = True
    timetable(P, S, best_d)
    return True


@njit(cache=True)
def could_fit(P, d, begin, end, nodes, k):
    """Cheap necessary test for best_order: services plus each stop's shortest way in fit the day and drive."""
    travel, service, day_start, day_end, day_drive = P[0], P[1], P[4], P[5], P[6]
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
def best_order(P, d, begin, end, nodes, k, out):
    """Order of nodes[:k] for day d (begin ... end) that arrives at the end earliest, written to out[:k];
    False if no order is feasible. Exact dynamic programme over subsets (k is a day's worth of visits).
    """
    travel, service, opens, closes, day_start, day_end, day_drive = P[0], P[1], P[2], P[3], P[4], P[5], P[6]
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
                km = driven[mask, i] + travel[a, u]
                nxt = mask | (1 << j)
                if t < ready[nxt, j] - 1e-9 or (t <= ready[nxt, j] + 1e-9 and km < driven[nxt, j]):
                    ready[nxt, j], driven[nxt, j], before[nxt, j] = t, km, i
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
def most_valuable_free(P, S):
    cand, value, used = P[8], P[7], S[5]
    top = 0.0
    for u in cand:
        if not used[u] and value[u] > top:
            top = value[u]
    return top


@njit(cache=True)
def insert_reordered(P, S):
    """Add the most valuable unused place that fits some day only once that day's visits are re-ordered."""
    opens, closes, cand = P[2], P[3], P[8]
    route, length, used = S[0], S[1], S[5]
    nodes = np.empty(MAX_REORDER, dtype=np.int64)
    out = np.empty(MAX_REORDER, dtype=np.int64)
    for j in np.argsort(-P[17]):
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
            if not could_fit(P, d, begin, end, nodes, k) or not best_order(P, d, begin, end, nodes, k, out):
                continue
            route[d, 1 : k + 1] = out[:k]
            route[d, k + 1] = end
            length[d] = k + 2
            used[u] = True
            timetable(P, S, d)
            return True
    return False


# --- shorter days -------------------------------------------------------------------------------------
@njit(cache=True)
def simulate(P, d, row, n):
    """Feasibility and driving of day d if it followed row[:n]; nothing is written."""
    travel, service, opens, closes, day_start, day_end, day_drive = P[0], P[1], P[2], P[3], P[4], P[5], P[6]
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
def adopt_if_shorter(P, S, d, trial, n):
    """Day d follows trial[:n] if that is feasible and drives less; True if it did."""
    ok, total = simulate(P, d, trial, n)
    if not ok or total >= S[4][d] - 1e-7:
        return False
    S[0][d, :n] = trial[:n]
    timetable(P, S, d)
    return True


@njit(cache=True)
def or_opt(P, S, d, trial):
    """Move 1-3 consecutive visits elsewhere in day d, the first such move that cuts driving."""
    travel = P[0]
    n = S[1][d]
    row = S[0][d]
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
                if adopt_if_shorter(P, S, d, trial, n):
                    return True
    return False


@njit(cache=True)
def two_opt(P, S, d, trial):
    """Reverse a stretch of day d, the first such reversal that cuts driving."""
    travel = P[0]
    n = S[1][d]
    row = S[0][d]
    for i in range(1, n - 2):
        for j in range(i + 1, n - 1):
            if travel[row[i - 1], row[j]] + travel[row[i], row[j + 1]] >= (
                travel[row[i - 1], row[i]] + travel[row[j], row[j + 1]] - 1e-7
            ):
                continue
            trial[:n] = row[:n]
            trial[i : j + 1] = row[i : j + 1][::-1]
            if adopt_if_shorter(P, S, d, trial, n):
                return True
    return False


@njit(cache=True)
def shorten_day(P, S, d):
    """Or-opt and 2-opt inside day d while they cut its driving time; True if anything moved."""
    trial = np.empty(S[0].shape[1], dtype=np.int64)
    improved = False
    while or_opt(P, S, d, trial) or two_opt(P, S, d, trial):
        improved = True
    return improved


@njit(cache=True)
def fits_between(P, S, d, i, j, node):
    """Can node go straight from position i to position j of day d (whatever lies between dropped) within
    the slack the day has from j on and the node's window? j = i + 1 inserts; j = i + 2 takes a visit's slot.
    """
    travel, service, opens, closes = P[0], P[1], P[2], P[3]
    route, start, slack = S[0], S[2], S[3]
    prev, last, nxt = route[d, i], route[d, j - 1], route[d, j]
    leave = start[d, i] + (service[prev] if i > 0 else 0.0)
    arrive = leave + travel[prev, node]
    if arrive > closes[d, node] + EPS:
        return False
    begin = opens[d, node] if opens[d, node] > arrive else arrive
    reach_now = start[d, j - 1] + (service[last] if j > 1 else 0.0) + travel[last, nxt]
    return begin + service[node] + travel[node, nxt] - reach_now <= slack[d, j] + EPS


@njit(cache=True)
def exchange(P, S):
    """Swap two visits of different days when both still fit and the driving shrinks; True if one was made."""
    travel, day_drive = P[0], P[6]
    route, length, drive = S[0], S[1], S[4]
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
                    if not (fits_between(P, S, a, i - 1, i + 1, v) and fits_between(P, S, b, k - 1, k + 1, u)):
                        continue
                    route[a, i], route[b, k] = v, u
                    timetable(P, S, a)
                    timetable(P, S, b)
                    return True
    return False


@njit(cache=True)
def relocate(P, S):
    """Move one visit to another day where it fits and the driving shrinks; True if one was moved."""
    travel, opens, closes, day_drive = P[0], P[2], P[3], P[6]
    route, length, drive = S[0], S[1], S[4]
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
                    if not fits_between(P, S, b, k, k + 1, u):
                        continue
                    n = length[a]
                    trial[:i] = route[a, :i]
                    trial[i : n - 1] = route[a, i + 1 : n]
                    ok, _ = simulate(P, a, trial, n - 1)
                    if not ok:
                        continue
                    remove_at(S, a, i)
                    timetable(P, S, a)
                    insert_at(S, b, k + 1, u)
                    timetable(P, S, b)
                    return True
    return False


@njit(cache=True)
def shorten(P, S):
    """Cut driving inside and between days; True if anything changed (so a refill may find room)."""
    changed = False
    touched = S[6]
    for _ in range(20):
        moved = False
        for d in range(S[0].shape[0]):
            if touched[d]:
                moved = shorten_day(P, S, d) or moved
                touched[d] = False
        if S[0].shape[0] > 1:
            moved = relocate(P, S) or moved
            moved = exchange(P, S) or moved
        if not moved:
            break
        changed = True
    return changed


@njit(cache=True)
def improve(P, S, noise_level):
    fill(P, S, noise_level, -1)
    if shorten(P, S):
        fill(P, S, noise_level, -1)
    for _ in range(REPLACE_ROUNDS):
        if not replace(P, S):
            break
        fill(P, S, noise_level, -1)


# --- perturbation -----------------------------------------------------------------------------------
@njit(cache=True)
def shake(P, S, pos, size):
    """Remove a run of ``size`` consecutive visits from ``pos`` (wrapping) in a random share of the days."""
    route, length = S[0], S[1]
    days = route.shape[0]
    forced = np.random.randint(0, days)
    for d in range(days):
        if not (d == forced or np.random.random() < SHAKE_SHARE):
            continue
        inner = length[d] - 2
        if inner <= 0:
            continue
        drop = np.zeros(inner, dtype=np.bool_)
        for i in range(min(size, inner)):
            drop[(pos + i) % inner] = True
        for i in range(inner - 1, -1, -1):
            if drop[i]:
                remove_at(S, d, i + 1)
        repair(P, S, d)


@njit(cache=True)
def shake_near(P, S, size):
    """Remove a run of visits around one random visited place from each of the days passing closest to it."""
    travel = P[0]
    route, length = S[0], S[1]
    days = route.shape[0]
    total = 0
    for d in range(days):
        total += length[d] - 2
    if total == 0:
        return
    pick = np.random.randint(0, total)
    centre = -1
    for d in range(days):
        inner = length[d] - 2
        if centre < 0 and pick < inner:
            centre = route[d, pick + 1]
        pick -= inner
    closest = np.full(days, np.inf)
    where = np.zeros(days, dtype=np.int64)
    for d in range(days):
        for k in range(1, length[d] - 1):
            gap = travel[centre, route[d, k]] + travel[route[d, k], centre]
            if gap < closest[d]:
                closest[d], where[d] = gap, k
    order = np.argsort(closest)
    for t in range(1 + np.random.randint(0, min(days, NEAR_DAYS))):
        d = order[t]
        if closest[d] == np.inf:
            break
        inner = length[d] - 2
        run = min(1 + np.random.randint(0, size), inner)
        first = max(1, min(where[d] - np.random.randint(0, run), inner - run + 1))
        for _ in range(run):
            remove_at(S, d, first)
        repair(P, S, d)


@njit(cache=True)
def ruin(P, S, share):
    """Drop each visit with probability ``share``."""
    route, length = S[0], S[1]
    for d in range(route.shape[0]):
        for k in range(length[d] - 2, 0, -1):
            if np.random.random() < share:
                remove_at(S, d, k)
        timetable(P, S, d)


@njit(cache=True)
def set_night(P, S, k, lodging):
    """Day k ends at and day k + 1 begins from lodging; both repaired. False (state unchanged) if impossible."""
    route, length, used = S[0], S[1], S[5]
    days = route.shape[0]
    keep_route = route.copy()
    keep_length = length.copy()
    keep_used = used.copy()
    route[k, length[k] - 1] = lodging
    ok = repair(P, S, k)
    if ok and k + 1 < days:
        route[k + 1, 0] = lodging
        ok = repair(P, S, k + 1)
    if not ok:
        route[:] = keep_route
        length[:] = keep_length
        used[:] = keep_used
        timetable(P, S, k)
        if k + 1 < days:
            timetable(P, S, k + 1)
    return ok


@njit(cache=True)
def polish_nights(P, S):
    """Each night in turn tries every lodging, the two days around it refilled greedily; the best plan is
    kept and improved. True if any night moved to a better plan."""
    nights, n_nights = P[9], P[10]
    route, length = S[0], S[1]
    days = route.shape[0]
    improved = False
    for k in range(days):
        if n_nights[k] < 2:
            continue
        keep_route, keep_length = route.copy(), length.copy()
        best_route, best_length = route.copy(), length.copy()
        best = np.array(objective(P, S))
        current = route[k, length[k] - 1]
        for i in range(n_nights[k]):
            if nights[k, i] == current:
                continue
            load(P, S, keep_route, keep_length)
            if not set_night(P, S, k, nights[k, i]):
                continue
            empty_days(P, S, k, min(k + 2, days))
            fill(P, S, 0.0, -1)
            improved = keep_if_best(S, best_route, best_length, best, *objective(P, S)) or improved
        load(P, S, best_route, best_length)
        improve(P, S, 0.0)
    return improved


@njit(cache=True)
def reverse_days(P, S, i, j):
    """Tour days i..j in the opposite order: day i + t takes day j - t's visits backwards, from the lodging
    where that day ended to the one where it began; the nights before day i and after day j stay. Every
    day repaired. False (state unchanged) if some night lands where it may not, or a day cannot be mended."""
    nights, n_nights = P[9], P[10]
    route, length = S[0], S[1]
    keep_route, keep_length = route.copy(), length.copy()
    ok = True
    for dst in range(i, j + 1):
        src = i + j - dst
        n = keep_length[src]
        route[dst, 0] = keep_route[i, 0] if dst == i else keep_route[src + 1, 0]
        for k in range(1, n - 1):
            route[dst, k] = keep_route[src, n - 1 - k]
        route[dst, n - 1] = keep_route[j, keep_length[j] - 1] if dst == j else keep_route[src, 0]
        length[dst] = n
        ok = ok and (nights[dst, : n_nights[dst]] == route[dst, n - 1]).any()
    for d in range(i, j + 1):
        ok = ok and repair(P, S, d)
    if not ok:
        load(P, S, keep_route, keep_length)
    return ok


@njit(cache=True)
def reverse_trip_parts(P, S):
    """Try touring every run of two or more days the other way round (each refilled and improved); keep the
    best plan. True if one beat the plan it started from."""
    route, length = S[0], S[1]
    days = route.shape[0]
    keep_route, keep_length = route.copy(), length.copy()
    best_route, best_length = route.copy(), length.copy()
    best = np.array(objective(P, S))
    improved = False
    for i in range(days - 1):
        for j in range(i + 1, days):
            load(P, S, keep_route, keep_length)
            if not reverse_days(P, S, i, j):
                continue
            improve(P, S, 0.0)
            best_nights(P, S)
            improved = keep_if_best(S, best_route, best_length, best, *objective(P, S)) or improved
    load(P, S, best_route, best_length)
    return improved


@njit(cache=True)
def move_night(P, S):
    """Send one night to a lodging near a visit of that evening's or the next morning's route."""
    travel, nights, n_nights = P[0], P[9], P[10]
    route, length = S[0], S[1]
    days = route.shape[0]
    choices = np.zeros(days, dtype=np.int64)
    count = 0
    for k in range(days):
        if n_nights[k] > 1:
            choices[count] = k
            count += 1
    if count == 0:
        return
    k = choices[np.random.randint(0, count)]
    options = nights[k, : n_nights[k]]
    inner = length[k] - 2 + (length[k + 1] - 2 if k + 1 < days else 0)
    if inner > 0:
        pick = np.random.randint(0, inner)
        first_day = length[k] - 2
        anchor = route[k, pick + 1] if pick < first_day else route[k + 1, pick - first_day + 1]
        distance = np.empty(len(options))
        for i in range(len(options)):
            distance[i] = travel[anchor, options[i]] + travel[options[i], anchor]
        near = options[np.argsort(distance)[:NIGHT_NEIGHBOURS]]
    else:
        near = options
    lodging = near[np.random.randint(0, len(near))]
    if lodging != route[k, length[k] - 1] and set_night(P, S, k, lodging):
        # The two days around the new night are rebuilt from scratch by the refill that follows.
        empty_days(P, S, k, min(k + 2, days))


@njit(cache=True)
def best_nights(P, S):
    """Each night moves to the lodging that keeps both days feasible with the least driving."""
    travel, service, opens, closes, day_start, day_end, day_drive, nights, n_nights = (
        P[0],
        P[1],
        P[2],
        P[3],
        P[4],
        P[5],
        P[6],
        P[9],
        P[10],
    )
    route, length, start, slack, drive = S[0], S[1], S[2], S[3], S[4]
    days = route.shape[0]
    for k in range(days):
        if n_nights[k] < 2:
            continue
        n = length[k]
        last, old = route[k, n - 2], route[k, n - 1]
        depart = start[k, n - 2] + (service[last] if n > 2 else 0.0)
        best, best_total, current = -1, np.inf, np.inf
        for i in range(n_nights[k]):
            h = nights[k, i]
            drive_a = drive[k] - travel[last, old] + travel[last, h]
            if depart + travel[last, h] > day_end[k] + EPS or drive_a > day_drive[k] + EPS:
                continue
            total = drive_a
            if k + 1 < days:
                first = route[k + 1, 1]
                drive_b = drive[k + 1] - travel[old, first] + travel[h, first]
                if drive_b > day_drive[k + 1] + EPS:
                    continue
                arrive = day_start[k + 1] + travel[h, first]
                if length[k + 1] > 2:
                    begin = opens[k + 1, first] if opens[k + 1, first] > arrive else arrive
                    if arrive > closes[k + 1, first] + EPS or begin - start[k + 1, 1] > slack[k + 1, 1] + EPS:
                        continue
                elif arrive > day_end[k + 1] + EPS:
                    continue
                total += drive_b
            if h == old:
                current = total
            if total < best_total:
                best, best_total = h, total
        if best < 0 or best == old or best_total >= current - 1e-6:
            continue
        set_night(P, S, k, best)


# --- exact two-day re-plan --------------------------------------------------------------------------
@njit(cache=True)
def day_paths(P, d, fixed, others, backward, floor, free, at, stops, size, other, gain, km, steps):
    """List, from record ``at`` on, every feasible day d over free candidates between the fixed place and
    one of others (from fixed to them, or from them to fixed if ``backward``) worth at least that other
    place's floor: its visits in visiting order (stops, size), which other place, value and driving. Each
    set of places (and other place) is listed once, in its order that drives least. Returns the next free
    record, or -1 if the day allows more sets than there are records or table slots, or more steps than
    ``steps[0]`` (counted down).

    Forward, a path's clock is when it leaves its last place; backward, the latest start of service at its
    first place that still lets it reach the fixed end in time (waiting for an opening is always allowed).
    """
    travel, service, opens, closes, day_start, day_end, day_drive = P[:7]
    value, cand, zobrist = P[7], P[8], P[19]
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
    listed = 0
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
def replan_two_days(P, S, i):
    """Days i and i + 1 and the night between them, re-chosen exactly over the places no other day visits:
    the pair of visit sequences (first day ending at some lodging, second day going on from it to where day
    i + 1 ends now) worth most, each then driven in its shortest order. True if that is worth more than the
    current two days."""
    cand, value, nights, n_nights = P[8], P[7], P[9], P[10]
    route, length, used = S[0], S[1], S[5]
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
    zobrist, settled = P[19], S[7]
    case = (zobrist[route[i, 0]] * 31) ^ (zobrist[route[i + 1, length[i + 1] - 1]] * 131) ^ (i + 1)
    for u in cand:
        if used[u]:
            case ^= zobrist[u] * (3 if free[index[u]] else 1)
    if settled[case & (len(settled) - 1)] == case or S[8][0] >= MAX_GIVE_UPS:
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
    second = day_paths(
        P, i + 1, last, lodgings, True, anything, free, 0, stops[1], size[1], end[1], gain[1], km[1], steps
    )
    if second < 0:
        S[8][0] += 1
        return False
    option = np.full(len(used), -1, dtype=np.int64)  # a lodging's position in lodgings
    option[lodgings] = np.arange(len(lodgings))
    floor = np.full(len(lodgings), np.inf)
    for y in range(second):
        h = option[end[1, y]]
        floor[h] = min(floor[h], best_value - gain[1, y] - 1e-9)
    first = day_paths(
        P, i, route[i, 0], lodgings, False, floor, free, 0, stops[0], size[0], end[0], gain[0], km[0], steps
    )
    if first < 0:
        S[8][0] += 1
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
        timetable(P, S, d)
        shorten_day(P, S, d)
    return True


@njit(cache=True)
def replan_day_pairs(P, S):
    """Every pair of consecutive days with a lodging to choose between them re-planned exactly, in turn."""
    improved = False
    for i in range(S[0].shape[0] - 1):
        if P[10][i] > 1:
            improved = replan_two_days(P, S, i) or improved
    return improved


# --- the walk ---------------------------------------------------------------------------------------
@njit(cache=True)
def objective(P, S):
    value = P[7]
    route, length, drive = S[0], S[1], S[4]
    total, km = 0.0, 0.0
    for d in range(route.shape[0]):
        for k in range(1, length[d] - 1):
            total += value[route[d, k]]
        km += drive[d]
    return total, -km


@njit(cache=True)
def beats(a_value, a_drive, b_value, b_drive):
    return a_value > b_value + 1e-9 or (abs(a_value - b_value) <= 1e-9 and a_drive > b_drive + 1e-6)


@njit(cache=True)
def load(P, S, route, length):
    """Make the state hold the given routes (timetables recomputed)."""
    S[0][:] = route
    S[1][:] = length
    used = S[5]
    used[:] = False
    for d in range(route.shape[0]):
        for k in range(1, length[d] - 1):
            used[route[d, k]] = True
        timetable(P, S, d)


@njit(cache=True)
def seed_random(seed):
    np.random.seed(seed)


@njit(cache=True)
def fresh_start(P, S):
    """Forget the current plan: a new noisy construction (or, with fixed nights, a noisy refill of empty days)."""
    empty_days(P, S, 0, S[0].shape[0])
    if not (P[9].shape[1] > 1 and construct(P, S)):
        fill(P, S, NOISE, -1)


@njit(cache=True)
def add_reordered(P, S):
    """Re-order days to let places in, each addition followed by a plain improvement, while any fits."""
    while insert_reordered(P, S):
        improve(P, S, 0.0)


@njit(cache=True)
def keep_if_best(S, best_route, best_length, best, value, drive):
    """Copy the state (scoring value, drive) over the kept plan if it beats best (value, drive); True if so."""
    if not beats(value, drive, best[0], best[1]):
        return False
    best_route[:] = S[0]
    best_length[:] = S[1]
    best[0], best[1] = value, drive
    return True


@njit(cache=True)
def iterate(P, S, best_route, best_length, control, score, iterations):
    """Run ``iterations`` steps of the walk, keeping the best plan overall and the best of the current walk.

    best_route/best_length/score: index 0 the best overall, index 1 the walk's best (score: value, -drive).
    control: [shake size, shake position, iterations since the best overall, iterations done,
    multi-night flag, iterations since the walk's best, walks started]
    """
    route, length = S[0], S[1]
    days = route.shape[0]
    for _ in range(iterations):
        size, pos = control[0], control[1]
        control[3] += 1
        if control[4] and np.random.random() < NIGHT_MOVE_SHARE:
            move_night(P, S)
        if control[4] and np.random.random() < NEAR_SHARE:
            shake_near(P, S, size)
        else:
            shake(P, S, pos, size)
        improve(P, S, NOISE)
        if control[4]:
            best_nights(P, S)
        value, drive = objective(P, S)
        control[2] += 1
        if beats(value, drive, score[1, 0], score[1, 1]):
            # A new best of the walk that one more place could lift to the best overall is polished first:
            # days re-ordered to fit more places.
            if value + most_valuable_free(P, S) > score[0, 0] + 1e-9:
                add_reordered(P, S)
                value, drive = objective(P, S)
            size, control[5] = 1, 0
            best_route[1] = route
            best_length[1] = length
            score[1, 0], score[1, 1] = value, drive
            if keep_if_best(S, best_route[0], best_length[0], score[0], value, drive):
                control[2] = 0
        else:
            control[5] += 1
            size += 1
        longest = 1
        for d in range(days):
            if length[d] - 2 > longest:
                longest = length[d] - 2
        pos = (pos + size) % longest
        if size > max(1, min(longest // 2 + 1, MAX_SHAKE)):
            size = 1
        if control[5] >= FRESH_START_AFTER:
            if control[4]:  # the walk's best gets one more chance: other lodgings, days toured backwards,
                # each two days re-planned exactly
                load(P, S, best_route[1], best_length[1])
                while polish_nights(P, S) or reverse_trip_parts(P, S) or replan_day_pairs(P, S):
                    add_reordered(P, S)
                if keep_if_best(S, best_route[0], best_length[0], score[0], *objective(P, S)):
                    control[2] = 0
            control[6] += 1
            if control[4] and control[6] % 2 == 0:
                load(P, S, best_route[0], best_length[0])
                if not reverse_days(P, S, 0, days - 1):  # else some run of days
                    i = np.random.randint(0, days - 1)
                    reverse_days(P, S, i, i + 1 + np.random.randint(0, days - 1 - i))
                ruin(P, S, REVERSE_RUIN)
                improve(P, S, NOISE)
            elif control[4] and control[6] % 4 == 1:
                load(P, S, best_route[0], best_length[0])
                ruin(P, S, RUIN_SHARE)
                move_night(P, S)
                improve(P, S, NOISE)
            else:
                fresh_start(P, S)
            best_route[1] = route
            best_length[1] = length
            score[1, 0], score[1, 1] = objective(P, S)
            control[5] = 0
        elif control[5] > 0 and control[5] % RESTART_AFTER == 0:
            load(P, S, best_route[1], best_length[1])
            pos = np.random.randint(0, longest)
        control[0], control[1] = size, pos


@njit(cache=True)
def construct(P, S):
    """Day by day, end each day at the lodging that lets that day collect the most. False if none fits.

    A lodging is only tried if the trip's fixed last place (P[18]: has one, which) is still reachable.
    """
    nights, n_nights, value = P[9], P[10], P[7]
    has_end, end = P[18][0] == 1, P[18][1]
    route, length, used, drive = S[0], S[1], S[5], S[4]
    days = route.shape[0]
    begin = route[0, 0]
    for d in range(days):
        found = False
        best_value, best_drive = -1.0, 0.0
        best_row = route[d].copy()
        best_length = 0
        for i in range(n_nights[d]):
            h = nights[d, i]
            route[d, 0], route[d, 1], length[d] = begin, h, 2
            if not timetable(P, S, d):
                continue
            if has_end and d + 1 == days - 1:
                route[d + 1, 0], route[d + 1, 1], length[d + 1] = h, end, 2
                if not timetable(P, S, d + 1):
                    continue
            fill(P, S, NOISE, d)
            total = 0.0
            for k in range(1, length[d] - 1):
                total += value[route[d, k]]
                used[route[d, k]] = False
            if not found or beats(total, -drive[d], best_value, -best_drive):
                found = True
                best_value, best_drive = total, drive[d]
                best_row[:] = route[d]
                best_length = length[d]
        if not found:
            return False
        route[d] = best_row
        length[d] = best_length
        for k in range(1, best_length - 1):
            used[route[d, k]] = True
        timetable(P, S, d)
        begin = route[d, best_length - 1]
        if d + 1 < days:
            route[d + 1, 0] = begin
            route[d + 1, 1] = begin
            length[d + 1] = 2
    return True
