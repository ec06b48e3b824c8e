"""The iterated local search itself: one walk step after another, and when a walk stalls, a new one."""

from __future__ import annotations

import numpy as np
from numba import njit

from itineraries.routing.kernel.data import (
    BEST,
    ITERATIONS,
    MULTI_NIGHT,
    SHAKE_POS,
    SHAKE_SIZE,
    SINCE_BEST,
    SINCE_WALK_BEST,
    WALK,
    WALKS,
)
from itineraries.routing.kernel.day import beats, empty_days, keep_if_best, load, objective
from itineraries.routing.kernel.insertion import fill, insert_reordered, most_valuable_free
from itineraries.routing.kernel.nights import (
    NOISE,
    best_nights,
    construct,
    move_night,
    polish_nights,
    reverse_days,
    reverse_trip_parts,
)
from itineraries.routing.kernel.replan import replan_day_pairs
from itineraries.routing.kernel.shakes import ruin, shake, shake_near
from itineraries.routing.kernel.shorten import improve

MAX_SHAKE = 8  # longest run of consecutive visits removed from a day by one shake
RESTART_AFTER = 40  # iterations without a new best before the walk returns to its best plan
NIGHT_MOVE_SHARE = 0.25  # share of iterations that start by moving one night
FRESH_START_AFTER = 300  # iterations without a better plan in this walk before starting a new walk
# With a lodging to choose every night the landscape is rugged (the order in which regions are toured):
NEAR_SHARE = 0.5  # share of shakes that cut around one place, from the days passing closest to it
# New walks take turns: the best plan toured the other way round, the best plan, the other way round, a
# fresh construction. A round trip's two directions are separate basins a walk seldom crosses.
REVERSE_RUIN = 0.2  # share of the reversed best plan's visits dropped
RUIN_SHARE = 0.5  # share of the best plan's visits dropped
MAX_POLISH_ROUNDS = 50  # a walk's best is polished while that helps, at most this often


@njit(cache=True)
def seed_random(seed):
    np.random.seed(seed)


@njit(cache=True)
def fresh_start(data, state):
    """Forget the current plan: a new noisy construction (or, with fixed nights or when no construction fits
    every day, a noisy refill of the emptied days, with their nights as they were)."""
    empty_days(data, state, 0, state.route.shape[0])
    if data.nights.shape[1] > 1:
        emptied_route, emptied_length = state.route.copy(), state.length.copy()
        if construct(data, state):
            return
        load(data, state, emptied_route, emptied_length)  # a failed construction leaves days half rebuilt
    fill(data, state, NOISE, -1)


@njit(cache=True)
def add_reordered(data, state):
    """Re-order days to let places in, each addition followed by a plain improvement, while any fits and the
    plan is worth no less for it (a place may not pay for its road)."""
    while True:
        before = objective(data, state)
        keep_route, keep_length = state.route.copy(), state.length.copy()
        if not insert_reordered(data, state):
            return
        improve(data, state, 0.0)
        if beats(*before, *objective(data, state)):
            load(data, state, keep_route, keep_length)
            return


@njit(cache=True)
def iterate(data, state, search, iterations):
    """Run ``iterations`` steps of the walk, keeping the best plan overall and the best of the current walk.

    The shake's size and position and the counters live in ``search.counters`` (named in ``data.py``).
    """
    route, length = state.route, state.length
    best_route, best_length, score, control = search.best_route, search.best_length, search.score, search.counters
    multi_night = control[MULTI_NIGHT] == 1
    days = route.shape[0]
    for _ in range(iterations):
        size, pos = control[SHAKE_SIZE], control[SHAKE_POS]
        control[ITERATIONS] += 1
        if multi_night and np.random.random() < NIGHT_MOVE_SHARE:
            move_night(data, state)
        if multi_night and np.random.random() < NEAR_SHARE:
            shake_near(data, state, size)
        else:
            shake(data, state, pos, size)
        improve(data, state, NOISE)
        if multi_night:
            best_nights(data, state)
        value, drive = objective(data, state)
        control[SINCE_BEST] += 1
        if beats(value, drive, score[WALK, 0], score[WALK, 1]):
            # A new best of the walk that one more place could lift to the best overall is polished first:
            # days re-ordered to fit more places.
            if value + most_valuable_free(data, state) > score[BEST, 0] + 1e-9:
                add_reordered(data, state)
                value, drive = objective(data, state)
            size, control[SINCE_WALK_BEST] = 1, 0
            best_route[WALK] = route
            best_length[WALK] = length
            score[WALK, 0], score[WALK, 1] = value, drive
            if keep_if_best(state, best_route[BEST], best_length[BEST], score[BEST], value, drive):
                control[SINCE_BEST] = 0
        else:
            control[SINCE_WALK_BEST] += 1
            size += 1
        longest = 1
        for d in range(days):
            if length[d] - 2 > longest:
                longest = length[d] - 2
        pos = (pos + size) % longest
        if size > max(1, min(longest // 2 + 1, MAX_SHAKE)):
            size = 1
        if control[SINCE_WALK_BEST] >= FRESH_START_AFTER:
            if multi_night:  # the walk's best gets one more chance: other lodgings, days toured backwards,
                # each two days re-planned exactly
                load(data, state, best_route[WALK], best_length[WALK])
                for _ in range(MAX_POLISH_ROUNDS):
                    helped = polish_nights(data, state) or reverse_trip_parts(data, state)
                    if not (helped or replan_day_pairs(data, state)):
                        break
                    add_reordered(data, state)
                if keep_if_best(state, best_route[BEST], best_length[BEST], score[BEST], *objective(data, state)):
                    control[SINCE_BEST] = 0
            control[WALKS] += 1
            if multi_night and control[WALKS] % 2 == 0:
                load(data, state, best_route[BEST], best_length[BEST])
                if not reverse_days(data, state, 0, days - 1):  # else some run of days
                    i = np.random.randint(0, days - 1)
                    reverse_days(data, state, i, i + 1 + np.random.randint(0, days - 1 - i))
                ruin(data, state, REVERSE_RUIN)
                improve(data, state, NOISE)
            elif multi_night and control[WALKS] % 4 == 1:
                load(data, state, best_route[BEST], best_length[BEST])
                ruin(data, state, RUIN_SHARE)
                move_night(data, state)
                improve(data, state, NOISE)
            else:
                fresh_start(data, state)
            best_route[WALK] = route
            best_length[WALK] = length
            score[WALK, 0], score[WALK, 1] = objective(data, state)
            control[SINCE_WALK_BEST] = 0
        elif control[SINCE_WALK_BEST] > 0 and control[SINCE_WALK_BEST] % RESTART_AFTER == 0:
            load(data, state, best_route[WALK], best_length[WALK])
            pos = np.random.randint(0, longest)
        control[SHAKE_SIZE], control[SHAKE_POS] = size, pos
