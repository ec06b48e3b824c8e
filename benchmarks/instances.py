"""Reader for the literature's OPTW/TOPTW instance files (Solomon and Cordeau sets, Montemanni format)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from itineraries.routing.problem import DaySpec, Node, Problem


def parse_toptw(text: str, tours: int, *, decimals: int) -> Problem:
    """Vertex 0 is the depot; every tour leaves it at its opening time and returns by its closing time (Tmax).

    Travel time is the Euclidean distance truncated to ``decimals`` (1 for Solomon, 2 for Cordeau).
    """
    lines = [line.split() for line in text.splitlines() if line.strip()]
    n = int(lines[0][2])
    rows = lines[2 : 3 + n]
    xy = np.array([[float(r[1]), float(r[2])] for r in rows])
    scale = 10**decimals
    raw = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2))
    travel = np.floor(raw * scale + 1e-9) / scale
    nodes = []
    for r in rows:
        open_, close = float(r[-2]), float(r[-1])
        nodes.append(Node(key=r[0], score=float(r[4]), service=float(r[3]), windows=((open_, close),)))
    depot_open, depot_close = float(rows[0][-2]), float(rows[0][-1])
    days = tuple(DaySpec(start=depot_open, end=depot_close) for _ in range(tours))
    nodes[0] = Node(key="0")
    return Problem(nodes=tuple(nodes), travel=travel, days=days, start=0, end=0, lodgings=(0,))


def read_toptw(path: str | Path, tours: int) -> Problem:
    path = Path(path)
    decimals = 2 if path.name.startswith("pr") else 1
    return parse_toptw(path.read_text(), tours, decimals=decimals)


def total_score(problem: Problem) -> float:
    return math.fsum(node.score for node in problem.nodes)
