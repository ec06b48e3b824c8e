"""Matrix build time: the seeded catalogue (warm) and synthetic networks of 1,000 and 10,000 places.

    python -m benchmarks.network [--repeat 20]

Synthetic networks: a grid of roads over Shanxi's extent with places scattered between them; the
matrix is built for 200 candidate places, as a plan would ask.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np

from itineraries.roads.network import Network, Place, Road
from itineraries.roads.seeded import network_from_seeds

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def seeded() -> tuple[Network, list[str]]:
    network, records = network_from_seeds(SEEDS)
    return network, list(records)


def synthetic(n_places: int, seed: int = 0) -> tuple[Network, list[str]]:
    rng = np.random.default_rng(seed)
    lines = max(6, int(np.sqrt(n_places) / 2))
    lats = np.linspace(34.6, 40.7, lines)
    lons = np.linspace(110.3, 114.5, lines)
    kinds = ["national_road", "tourist_highway", "connector", "expressway"]
    roads = [Road(f"h{i}", kinds[i % 4], tuple((lat, lon) for lon in lons)) for i, lat in enumerate(lats)]
    roads += [Road(f"v{i}", kinds[(i + 1) % 4], tuple((lat, lon) for lat in lats)) for i, lon in enumerate(lons)]
    pts = np.column_stack([rng.uniform(34.6, 40.7, n_places), rng.uniform(110.3, 114.5, n_places)])
    places = [Place(f"p{i}", (float(a), float(b))) for i, (a, b) in enumerate(pts)]
    return Network(roads, places), [p.key for p in places]


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    rows = []
    started = time.perf_counter()
    net, keys = seeded()
    build = (time.perf_counter() - started) * 1000
    net.matrix(keys)  # warm
    ms = timed(lambda: net.matrix(keys), args.repeat)
    rows.append(("seeded catalogue", len(keys), len(keys), len(net.coords), build, statistics.median(ms), max(ms)))
    for n in (1_000, 10_000):
        started = time.perf_counter()
        net, keys = synthetic(n)
        build = (time.perf_counter() - started) * 1000
        candidates = keys[:200]
        net.matrix(candidates)
        ms = timed(lambda net=net, candidates=candidates: net.matrix(candidates), max(3, args.repeat // 4))
        rows.append((f"synthetic {n:,}", n, len(candidates), len(net.coords), build, statistics.median(ms), max(ms)))
    print(
        f"{'network':18s} {'places':>7s} {'matrix':>7s} {'nodes':>7s} {'graph build ms':>15s} "
        f"{'matrix ms (median)':>19s} {'max':>8s}"
    )
    for r in rows:
        print(f"{r[0]:18s} {r[1]:7d} {r[2]:7d} {r[3]:7d} {r[4]:15.1f} {r[5]:19.1f} {r[6]:8.1f}")
    matrix_growth, build_growth = rows[2][5] / rows[1][5], rows[2][4] / rows[1][4]
    print(f"growth 1,000 -> 10,000 places: matrix x{matrix_growth:.1f}, graph build x{build_growth:.1f}")


if __name__ == "__main__":
    main()
