"""Immutable problem data for the team orienteering problem with time windows and overnight stays.

Times are minutes (of the trip day, or of the instance's clock). A window is (open, latest start of
service); ``None`` as a window means closed that day. Nothing here is mutable after construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

INF = float("inf")
Window = tuple[float, float] | None


@dataclass(frozen=True)
class Node:
    key: str
    score: float = 0.0
    service: float = 0.0
    # One window per trip day; an empty tuple means "always open".
    windows: tuple[Window, ...] = ()


@dataclass(frozen=True)
class Lunch:
    """An hour for lunch on days with visits before and after midday, starting between two clock times.

    A visit at least ``inside`` minutes long that spans the hour counts as lunch (an ancient town or a scenic
    area has restaurants inside); otherwise lunch is taken between two visits, or before the drive to the
    night's lodging.
    """

    earliest: float = 11 * 60 + 30
    latest: float = 13 * 60 + 30
    minutes: float = 60
    midday: float = 12 * 60
    inside: float = 180


@dataclass(frozen=True)
class DaySpec:
    start: float
    end: float
    max_drive: float = INF


@dataclass(frozen=True)
class Problem:
    nodes: tuple[Node, ...]
    travel: np.ndarray  # minutes, n x n
    days: tuple[DaySpec, ...]
    start: int
    end: int | None  # None: the last night may be at any lodging
    lodgings: tuple[int, ...] = ()
    must: frozenset[int] = frozenset()
    avoid: frozenset[int] = frozenset()
    distance: np.ndarray | None = None  # km, n x n, for reports only
    road_cost: float = 0.0  # score lost per minute on the road
    move_cost: float = 0.0  # score lost per change of lodging between two nights
    lunch: Lunch | None = None  # None: no lunch hour (the literature's instances)
    # The longest a tourist waits anywhere in a day (at a gate, or for the lunch hour); None: no limit (the
    # literature's instances). The day leaves later rather than wait for its first place to open.
    max_wait: float | None = None
    # Places that make one area (a walled town, a castle village, a scenic area's spots): a day's visits to
    # an area are one block, and the days that visit it follow each other (``routing/areas.py``).
    areas: tuple[tuple[int, ...], ...] = ()
    max_km: float | None = None  # the trip's road km at most (``distance``); None: no budget
    # Where a night must be spent (a themed route's promised base), by day: a lodging node, or None where
    # the night may be at any lodging. Shorter than the trip: the later nights are free.
    bases: tuple[int | None, ...] = ()
    keys: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        n = len(self.nodes)
        travel = np.array(self.travel, dtype=float)
        if travel.shape != (n, n):
            raise ValueError(f"travel matrix must be {n}x{n}, got {travel.shape}")
        travel.setflags(write=False)
        object.__setattr__(self, "travel", travel)
        if self.distance is not None:
            dist = np.array(self.distance, dtype=float)
            dist.setflags(write=False)
            object.__setattr__(self, "distance", dist)
        if not self.days:
            raise ValueError("a problem needs at least one day")
        object.__setattr__(self, "keys", tuple(node.key for node in self.nodes))
        members = [node for area in self.areas for node in area]
        if len(members) != len(set(members)):
            raise ValueError("a place belongs to one area at most")

    @cached_property
    def area_of(self) -> dict[int, int]:
        """node -> index of its area, for the nodes that belong to one."""
        return {node: a for a, area in enumerate(self.areas) for node in area}

    @property
    def n_days(self) -> int:
        return len(self.days)

    @cached_property
    def candidates(self) -> tuple[int, ...]:
        fixed = {self.start, *self.lodgings}
        if self.end is not None:
            fixed.add(self.end)
        return tuple(
            i
            for i, node in enumerate(self.nodes)
            if i not in fixed and i not in self.avoid and (node.score > 0 or i in self.must)
        )

    @cached_property
    def opens(self) -> np.ndarray:
        """days x nodes earliest service start; closed days get +inf."""
        return self._window_array(0, 0.0)

    @cached_property
    def closes(self) -> np.ndarray:
        """days x nodes latest service start; closed days get -inf."""
        return self._window_array(1, INF)

    def _window_array(self, index: int, always: float) -> np.ndarray:
        out = np.full((self.n_days, len(self.nodes)), always)
        for i, node in enumerate(self.nodes):
            if not node.windows:
                continue
            for d in range(self.n_days):
                window = node.windows[d] if d < len(node.windows) else node.windows[-1]
                out[d, i] = (INF if index == 0 else -INF) if window is None else window[index]
        out.setflags(write=False)
        return out

    @cached_property
    def scores(self) -> np.ndarray:
        arr = np.array([node.score for node in self.nodes], dtype=float)
        arr.setflags(write=False)
        return arr

    @cached_property
    def services(self) -> np.ndarray:
        arr = np.array([node.service for node in self.nodes], dtype=float)
        arr.setflags(write=False)
        return arr

    def night_options(self, day: int) -> tuple[int, ...]:
        """Where day ``day`` may end."""
        if day == self.n_days - 1 and self.end is not None:
            return (self.end,)
        base = self.bases[day] if day < len(self.bases) else None
        if base is not None:
            return (base,)
        return self.lodgings or ((self.start,) if self.end is None else (self.end,))
