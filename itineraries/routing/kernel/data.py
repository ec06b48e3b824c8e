"""The arrays the compiled search works on: the problem's (read only) and the search's state (mutated).

Numba compiles these named tuples like plain tuples; fields are read by name.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np


class Data(NamedTuple):
    """One problem, read only. Nodes are places, lodgings and the trip's ends; closed: opens +inf, closes -inf."""

    travel: np.ndarray  # minutes, nodes x nodes
    service: np.ndarray  # visit minutes per node
    opens: np.ndarray  # days x nodes: earliest start of a visit
    closes: np.ndarray  # days x nodes: latest start of a visit
    day_start: np.ndarray  # per day: minute the day begins
    day_end: np.ndarray  # per day: latest arrival at the night's lodging
    day_drive: np.ndarray  # per day: most minutes on the road
    value: np.ndarray  # per node, the must-see bonus included
    cand: np.ndarray  # the nodes that may be visited
    nights: np.ndarray  # days x k: lodgings where each day may end (padded)
    n_nights: np.ndarray  # per day: how many of ``nights`` are real
    # The same data indexed by candidate (position in ``cand``), for the vectorised insertion scan:
    to_cand: np.ndarray  # nodes x candidates: travel from a node to each candidate
    from_cand: np.ndarray  # nodes x candidates: travel from each candidate to a node
    cand_opens: np.ndarray  # days x candidates
    cand_closes: np.ndarray  # days x candidates
    cand_service: np.ndarray
    cand_weight: np.ndarray  # insertion weight: value squared
    cand_value: np.ndarray
    end: int  # the node every trip must finish at, or -1 when the last night is chosen too
    road_cost: float  # value lost per minute on the road (0 for the literature's pure score objective)
    move_cost: float  # value lost each time a night is spent at another lodging than the night before
    keys: np.ndarray  # a random 64-bit key per node: a set of places hashes to the XOR of its keys


class State(NamedTuple):
    """The plan being searched. Day d follows route[d, :length[d]]: where it begins, its visits, its lodging."""

    route: np.ndarray  # days x slots
    length: np.ndarray  # per day
    start: np.ndarray  # days x slots: when each service starts (arrival at the lodging for the last)
    slack: np.ndarray  # days x slots: wait plus forward slack, how much later a slot may start
    drive: np.ndarray  # per day: minutes on the road
    used: np.ndarray  # per node: visited on some day
    touched: np.ndarray  # per day: changed since it was last shortened
    settled: np.ndarray  # hashes of two-day re-plans known to find nothing better
    give_ups: np.ndarray  # one counter: two-day re-plans that gave up (too many paths to list)


class Search(NamedTuple):
    """Bookkeeping of the walk: the best plan overall (row BEST) and the current walk's best (row WALK)."""

    best_route: np.ndarray  # 2 x days x slots
    best_length: np.ndarray  # 2 x days
    score: np.ndarray  # 2 x (value, -drive)
    counters: np.ndarray  # int64, indexed by the names below


BEST, WALK = 0, 1
# Search.counters:
SHAKE_SIZE = 0  # visits removed per day by the next shake
SHAKE_POS = 1  # where in a day the next shake starts
SINCE_BEST = 2  # iterations since the best plan overall improved
ITERATIONS = 3  # iterations done
MULTI_NIGHT = 4  # 1 if some night has a lodging to choose
SINCE_WALK_BEST = 5  # iterations since the walk's best improved
WALKS = 6  # walks started
N_COUNTERS = 7


class Listing(NamedTuple):
    """Feasible days listed by the exact re-plan, one record per set of places."""

    stops: np.ndarray  # records x MAX_STOPS: visits in order
    size: np.ndarray  # visits per record
    other: np.ndarray  # the lodging (or fixed end) at the other end of the day
    gain: np.ndarray  # value of the visits
    drive: np.ndarray  # minutes on the road


class DayEnds(NamedTuple):
    """What a listed day runs between: from ``fixed`` to one of ``others`` (or back, if ``backward``), each
    other end listed only for days worth at least its ``floor``."""

    fixed: int
    others: np.ndarray
    backward: bool
    floor: np.ndarray
