"""The road network as the repository's seed files describe it, and its check against stated distances."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itineraries.roads.network import Network, Place, Road

PLACE_FILES = ("towns", "lodging", "destinations")


def network_from_seeds(directory: Path) -> tuple[Network, dict[str, dict[str, Any]]]:
    """The network over every seeded place, and the place records by slug."""
    data = json.loads((directory / "roads.json").read_text(encoding="utf-8"))
    points = data["waypoints"]
    roads = [
        Road(r["slug"], r["kind"], tuple((points[v]["lat"], points[v]["lon"]) for v in r["via"])) for r in data["roads"]
    ]
    records = {
        r["slug"]: r
        for name in PLACE_FILES
        for r in json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))
    }
    places = [Place(slug, (r["lat"], r["lon"])) for slug, r in records.items()]
    return Network(roads, places), records


@dataclass(frozen=True)
class Comparison:
    origin: str
    target: str
    stated_km: float
    network_km: float
    checked: bool
    source: str

    @property
    def error(self) -> float:
        return self.network_km / self.stated_km - 1


def reference_comparisons(directory: Path, network: Network) -> tuple[float, list[Comparison]]:
    """The tolerance and every row of ``road_distances.json`` next to the network's car distance."""
    data = json.loads((directory / "road_distances.json").read_text(encoding="utf-8"))
    rows = data["rows"]
    keys = sorted({r["from"] for r in rows} | {r["to"] for r in rows})
    matrix = network.matrix(keys, mode="car")
    out = [
        Comparison(
            r["from"],
            r["to"],
            float(r["km"]),
            float(matrix.km[keys.index(r["from"]), keys.index(r["to"])]),
            bool(r["check"]),
            r["source"],
        )
        for r in rows
    ]
    return float(data["tolerance"]), out
