"""Perturbations: runs of visits cut from days, around one place or at random."""

from __future__ import annotations

import numpy as np
from numba import njit

from itineraries.routing.kernel.day import remove_at, repair, timetable

SHAKE_SHARE = 0.6  # share of the days shaken per iteration (at least one)
NEAR_DAYS = 3  # a shake around one place cuts into at most this many days


@njit(cache=True)
def shake(data, state, pos, size):
    """Remove a run of ``size`` consecutive visits from ``pos`` (wrapping) in a random share of the days."""
    route, length = state.route, state.length
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
                remove_at(state, d, i + 1)
        repair(data, state, d)


@njit(cache=True)
def shake_near(data, state, size):
    """Remove a run of visits around one random visited place from each of the days passing closest to it."""
    travel = data.travel
    route, length = state.route, state.length
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
            remove_at(state, d, first)
        repair(data, state, d)


@njit(cache=True)
def ruin(data, state, share):
    """Drop each visit with probability ``share``."""
    route, length = state.route, state.length
    for d in range(route.shape[0]):
        for k in range(length[d] - 2, 0, -1):
            if np.random.random() < share:
                remove_at(state, d, k)
        timetable(data, state, d)
