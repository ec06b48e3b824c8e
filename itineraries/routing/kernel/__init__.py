"""The compiled inner loop of the solver (Numba): iterated local search over the arrays of ``data.py``.

``solver.py`` turns a ``Problem`` into those arrays, runs the search in short slices so it can watch the
clock and report progress, and turns the result back into a ``Plan``; the method is described in
``docs/optimiser.md``. Every function here mutates only the state it is given.

Numba's disk cache checks only the file that defines a function, not the files of the functions it calls,
so after an edit to one module its callers elsewhere would run stale machine code. The cache therefore lives
in a directory named after a hash of every source file of this package and of Numba's version: any edit
starts a fresh cache.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

import numba
from numba.core import config

_config: Any = config  # CACHE_DIR is set from the environment at import, so typing cannot see it

_HERE = Path(__file__).resolve().parent


def _cache_dir() -> str:
    digest = hashlib.sha256(numba.__version__.encode())
    for path in sorted(_HERE.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    base = _config.CACHE_DIR or str(_HERE / "__pycache__")
    for root in (base, os.path.join(tempfile.gettempdir(), "shanxi-planner-numba")):
        folder = os.path.join(root, "kernel-" + digest.hexdigest()[:16])
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError:
            continue
        if os.access(folder, os.W_OK):
            return folder
    return ""  # nowhere writable: compile on every start


# Numba reads the cache location when each function is decorated, i.e. while the modules below import.
_previous = _config.CACHE_DIR
_config.CACHE_DIR = _cache_dir()
try:
    from itineraries.routing.kernel.data import (
        BEST,
        ITERATIONS,
        MULTI_NIGHT,
        N_COUNTERS,
        SHAKE_SIZE,
        SINCE_BEST,
        WALK,
        Data,
        DayEnds,
        Listing,
        Search,
        State,
    )
    from itineraries.routing.kernel.day import (
        beats,
        empty_days,
        insert_at,
        keep_if_best,
        load,
        objective,
        remove_at,
        repair,
        simulate,
        timetable,
    )
    from itineraries.routing.kernel.insertion import (
        best_order,
        could_fit,
        evaluate,
        fill,
        insert_reordered,
        most_valuable_free,
        trade,
    )
    from itineraries.routing.kernel.nights import (
        NOISE,
        best_nights,
        construct,
        move_night,
        polish_nights,
        reverse_days,
        reverse_trip_parts,
        set_night,
    )
    from itineraries.routing.kernel.replan import day_paths, replan_day_pairs, replan_two_days
    from itineraries.routing.kernel.shakes import ruin, shake, shake_near
    from itineraries.routing.kernel.shorten import (
        exchange,
        fits_between,
        improve,
        relocate,
        shorten,
        shorten_day,
    )
    from itineraries.routing.kernel.walk import (
        MAX_POLISH_ROUNDS,
        add_reordered,
        fresh_start,
        iterate,
        seed_random,
    )
finally:
    _config.CACHE_DIR = _previous

__all__ = [
    "BEST",
    "ITERATIONS",
    "MAX_POLISH_ROUNDS",
    "MULTI_NIGHT",
    "NOISE",
    "N_COUNTERS",
    "SHAKE_SIZE",
    "SINCE_BEST",
    "WALK",
    "Data",
    "DayEnds",
    "Listing",
    "Search",
    "State",
    "add_reordered",
    "beats",
    "best_nights",
    "best_order",
    "construct",
    "could_fit",
    "day_paths",
    "empty_days",
    "evaluate",
    "exchange",
    "fill",
    "fits_between",
    "fresh_start",
    "improve",
    "insert_at",
    "insert_reordered",
    "iterate",
    "keep_if_best",
    "load",
    "most_valuable_free",
    "move_night",
    "objective",
    "polish_nights",
    "relocate",
    "remove_at",
    "repair",
    "replan_day_pairs",
    "replan_two_days",
    "reverse_days",
    "reverse_trip_parts",
    "ruin",
    "seed_random",
    "set_night",
    "shake",
    "shake_near",
    "shorten",
    "shorten_day",
    "simulate",
    "timetable",
    "trade",
]
