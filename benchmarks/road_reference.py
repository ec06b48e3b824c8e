"""The road network against the road distances public sources state (seeds/road_distances.json).

python -m benchmarks.road_reference
"""

from __future__ import annotations

from pathlib import Path

from itineraries.roads.seeded import network_from_seeds, reference_comparisons

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def main() -> None:
    network, _ = network_from_seeds(SEEDS)
    tolerance, rows = reference_comparisons(SEEDS, network)
    print(f"{'from':22s} {'to':24s} {'stated':>7s} {'network':>8s} {'error':>6s}  checked")
    for c in rows:
        print(f"{c.origin:22s} {c.target:24s} {c.stated_km:7.1f} {c.network_km:8.1f} {c.error:+6.0%}  {c.checked}")
    checked = [c for c in rows if c.checked]
    within = sum(abs(c.error) <= tolerance for c in checked)
    print(f"checked rows within {tolerance:.0%}: {within} of {len(checked)}; all rows: "
          f"{sum(abs(c.error) <= tolerance for c in rows)} of {len(rows)}")  # fmt: skip


if __name__ == "__main__":
    main()
