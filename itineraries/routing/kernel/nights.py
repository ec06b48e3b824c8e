"""Where to sleep: moving a night, the best lodging per night, every lodging per night, days toured the other
way round, and the construction that chooses each night as it goes."""

from __future__ import annotations

import numpy as np
from numba import njit

from itineraries.routing.kernel.day import (
    EPS,
    beats,
    empty_days,
    keep_if_best,
    load,
    objective,
    repair,
    timetable,
)
from itineraries.routing.kernel.insertion import fill
from itineraries.routing.kernel.shorten import improve

NOISE = 0.3  # insertion ratios are multiplied by U(1 - NOISE, 1 + NOISE), drawn per refill
NIGHT_NEIGHBOURS = 4  # a night moves to one of the lodgings nearest to a visit of the two days around it


@njit(cache=True)
def set_night(data, state, k, lodging):
    """Day k ends at and day k + 1 begins from lodging; both repaired. False (state unchanged) if impossible."""
    route, length, used = state.route, state.length, state.used
    days = route.shape[0]
    keep_route = route.copy()
    keep_length = length.copy()
    keep_used = used.copy()
    route[k, length[k] - 1] = lodging
    ok = repair(data, state, k)
    if ok and k + 1 < days:
        route[k + 1, 0] = lodging
        ok = repair(data, state, k + 1)
    if not ok:
        route[:] = keep_route
        length[:] = keep_length
        used[:] = keep_used
        timetable(data, state, k)
        if k + 1 < days:
            timetable(data, state, k + 1)
    return ok


@njit(cache=True)
def best_nights(data, state):
    """Each night moves to the lodging that keeps both days feasible with the least driving."""
    travel, service, opens, closes = data.travel, data.service, data.opens, data.closes
    day_start, day_end, day_drive, nights = data.day_start, data.day_end, data.day_drive, data.nights
    n_nights = data.n_nights
    route, length, start, slack, drive = state.route, state.length, state.start, state.slack, state.drive
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
        set_night(data, state, k, best)


@njit(cache=True)
def move_night(data, state):
    """Send one night to a lodging near a visit of that evening's or the next morning's route."""
    travel, nights, n_nights = data.travel, data.nights, data.n_nights
    route, length = state.route, state.length
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
    if lodging != route[k, length[k] - 1] and set_night(data, state, k, lodging):
        # The two days around the new night are rebuilt from scratch by the refill that follows.
        empty_days(data, state, k, min(k + 2, days))


@njit(cache=True)
def polish_nights(data, state):
    """Each night in turn tries every lodging, the two days around it refilled greedily; the best plan is
    kept and improved. True if any night moved to a better plan."""
    nights, n_nights = data.nights, data.n_nights
    route, length = state.route, state.length
    days = route.shape[0]
    improved = False
    for k in range(days):
        if n_nights[k] < 2:
            continue
        keep_route, keep_length = route.copy(), length.copy()
        best_route, best_length = route.copy(), length.copy()
        best = np.array(objective(data, state))
        current = route[k, length[k] - 1]
        for i in range(n_nights[k]):
            if nights[k, i] == current:
                continue
            load(data, state, keep_route, keep_length)
            if not set_night(data, state, k, nights[k, i]):
                continue
            empty_days(data, state, k, min(k + 2, days))
            fill(data, state, 0.0, -1)
            improved = keep_if_best(state, best_route, best_length, best, *objective(data, state)) or improved
        load(data, state, best_route, best_length)
        improve(data, state, 0.0)
    return improved


@njit(cache=True)
def reverse_days(data, state, i, j):
    """Tour days i..j in the opposite order: day i + t takes day j - t's visits backwards, from the lodging
    where that day ended to the one where it began; the nights before day i and after day j stay. Every
    day repaired. False (state unchanged) if some night lands where it may not, or a day cannot be mended."""
    nights, n_nights = data.nights, data.n_nights
    route, length = state.route, state.length
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
        ok = ok and repair(data, state, d)
    if not ok:
        load(data, state, keep_route, keep_length)
    return ok


@njit(cache=True)
def reverse_trip_parts(data, state):
    """Try touring every run of two or more days the other way round (each refilled and improved); keep the
    best plan. True if one beat the plan it started from."""
    route, length = state.route, state.length
    days = route.shape[0]
    keep_route, keep_length = route.copy(), length.copy()
    best_route, best_length = route.copy(), length.copy()
    best = np.array(objective(data, state))
    improved = False
    for i in range(days - 1):
        for j in range(i + 1, days):
            load(data, state, keep_route, keep_length)
            if not reverse_days(data, state, i, j):
                continue
            improve(data, state, 0.0)
            best_nights(data, state)
            improved = keep_if_best(state, best_route, best_length, best, *objective(data, state)) or improved
    load(data, state, best_route, best_length)
    return improved


@njit(cache=True)
def construct(data, state):
    """Day by day, end each day at the lodging that lets that day collect the most. False if none fits.

    A lodging is only tried if the trip's fixed last place (``data.end`` >= 0) is still reachable.
    """
    nights, n_nights, value = data.nights, data.n_nights, data.value
    end = data.end
    has_end = end >= 0
    route, length, used, drive = state.route, state.length, state.used, state.drive
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
            if not timetable(data, state, d):
                continue
            if has_end and d + 1 == days - 1:
                route[d + 1, 0], route[d + 1, 1], length[d + 1] = h, end, 2
                if not timetable(data, state, d + 1):
                    continue
            fill(data, state, NOISE, d)
            total = 0.0
            for k in range(1, length[d] - 1):
                total += value[route[d, k]]
                used[route[d, k]] = False
            total -= data.road_cost * drive[d]
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
        timetable(data, state, d)
        begin = route[d, best_length - 1]
        if d + 1 < days:
            route[d + 1, 0] = begin
            route[d + 1, 1] = begin
            length[d + 1] = 2
    return True
