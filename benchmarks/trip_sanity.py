"""Red flags in planned trips, over a seeded grid of requests that goes through the API's path.

    python -m benchmarks.trip_sanity [--date-seed 2027] [--count 320] [--seconds 1.0] [--only N] [--json out.json]

The grid: every start town and interest set of ``benchmarks.plan_quality``, 1 to 7 days, every mode (car
twice as often as each ride), every pace, dates spread over the four seasons of 2027, about 1 in 6 with a
must-see (half of them a sight within 80 km of the start, half one farther) and about 1 in 8 ending at
another start town. Each dimension cycles through its values in seeded shuffles, so the grid is balanced,
the same for the same seed, and request #N does not depend on ``--count``. A 2027 date that is already past
(validation refuses past dates) moves to the same month and day of the next year that is not; the run says
how many did.

Each request is a ``PlanInput`` made a ``PlanRequest`` by ``plan_request_build`` (as the API does): those
it refuses are counted as rejected, not planned. The rest are planned by ``plan_make`` and judged by the
flags of ``benchmarks/red_flags.py``. Printed: one line per flag with its request, then per flag how many
times it fired and in how many requests, how many requests have at least one flag, and the elapsed time.
``--only N`` plans request #N alone (to look again at one line); ``--json`` also writes it all to a file.
The database is a throw-away SQLite file loaded with the seeds (``benchmarks.django_env.setup``), unless
DATABASE_URL says otherwise. It measures, it does not judge: the exit code is 0.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geopy.distance import geodesic

from benchmarks.django_env import setup
from benchmarks.plan_quality import INTERESTS, MODES, PACES, STARTS
from benchmarks.red_flags import FLAGS, Facts, Flag, facts_from_matrix, flags_for

YEAR = 2027
SEASONS = {"winter": (12, 1, 2), "spring": (3, 4, 5), "summer": (6, 7, 8), "autumn": (9, 10, 11)}
DAYS = tuple(range(1, 8))
MUST_SHARE = 1 / 6
END_SHARE = 1 / 8
NEAR_KM = 80.0  # a must-see "near-ish" the start: within this straight-line distance


@dataclass(frozen=True)
class Sight:
    slug: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Case:
    number: int
    given: Any  # a PlanInput (imported once Django is set up)
    season: str
    moved: bool = False  # its 2027 date was past and moved to a later year

    @property
    def label(self) -> str:
        g = self.given
        must = ",".join(g.must or ())
        return (
            f"#{self.number} {g.start} {g.days}d {g.mode} {g.pace} {'+'.join(g.interests)} "
            f"{g.date.isoformat()} must=[{must}] end={g.end or '-'}"
        )


@dataclass
class Outcome:
    planned: int = 0
    rejected: list[dict] = field(default_factory=list)
    failed: list[dict] = field(default_factory=list)
    flags: list[dict] = field(default_factory=list)


def _cycled(values: Sequence[Any], rng: random.Random) -> Iterator[Any]:
    """Every value once per round, each round in a fresh seeded order."""
    while True:
        block = list(values)
        rng.shuffle(block)
        yield from block


def _not_past(date: dt.date, today: dt.date) -> dt.date:
    while date < today:
        date = date.replace(year=date.year + 1)
    return date


def _must(rng: random.Random, start: str, coords: dict[str, tuple[float, float]], sights: list[Sight]) -> str:
    """A sight other than the start: half the time one within NEAR_KM of it, else one farther."""
    others = [s for s in sights if s.slug != start]
    near = [s for s in others if geodesic(coords[start], (s.lat, s.lon)).km <= NEAR_KM]
    far = [s for s in others if s not in near]
    pool = (near if rng.random() < 0.5 else far) or near or far
    return rng.choice(pool).slug


def grid(
    seed: int, count: int, sights: list[Sight], coords: dict[str, tuple[float, float]], today: dt.date
) -> list[Case]:
    """The seeded requests: one stream per dimension, and one generator per request for its date, must-see
    and end, so that request #N is the same whatever the count."""
    from itineraries.trips.validation import PlanInput

    streams = {
        name: _cycled(values, random.Random(f"{seed}:{name}"))
        for name, values in (
            ("start", STARTS),
            ("days", DAYS),
            ("mode", MODES),
            ("pace", PACES),
            ("interests", INTERESTS),
            ("season", tuple(SEASONS)),
        )
    }
    cases = []
    for number in range(count):
        pick = {name: next(stream) for name, stream in streams.items()}
        rng = random.Random(f"{seed}:request:{number}")
        planned = dt.date(YEAR, rng.choice(SEASONS[pick["season"]]), rng.randint(1, 28))
        date = _not_past(planned, today)
        must = (_must(rng, pick["start"], coords, sights),) if rng.random() < MUST_SHARE else ()
        end = rng.choice([s for s in STARTS if s != pick["start"]]) if rng.random() < END_SHARE else None
        given = PlanInput(
            start=pick["start"],
            days=pick["days"],
            date=date,
            interests=tuple(pick["interests"]),
            pace=pick["pace"],
            mode=pick["mode"],
            must=must,
            end=end,
        )
        cases.append(Case(number, given, pick["season"], moved=date != planned))
    return cases


class Catalogue:
    """The catalogue's places, and Facts for the flags per travel mode (built once each)."""

    def __init__(self) -> None:
        from itineraries.catalogue import selectors
        from itineraries.catalogue.models import Destination

        self._selectors = selectors
        places = selectors.network_current()[1]
        self.coords = {slug: (d.lat, d.lon) for slug, d in places.items()}
        self.lodgings = tuple(sorted(slug for slug, d in places.items() if d.lodging))
        kinds = {slug: d.kind for slug, d in places.items()}
        self.sights = [Sight(s, *self.coords[s]) for s in sorted(places) if kinds[s] == Destination.Kind.SIGHT]
        self.areas = {slug: str(d.area_id) for slug, d in places.items() if d.area_id is not None}
        self._facts: dict[tuple[str, bool], Facts] = {}

    def facts(self, mode: str, scenic: bool) -> Facts:
        if (mode, scenic) not in self._facts:
            matrix = self._selectors.matrix_current(mode=mode, scenic=scenic)
            self._facts[mode, scenic] = facts_from_matrix(
                matrix.keys,
                matrix.km,
                self.coords,
                self.lodgings,
                matrix.minutes,
                [s.slug for s in self.sights],
                self.areas,
            )
        return self._facts[mode, scenic]


def _input_json(case: Case) -> dict:
    data = dataclasses.asdict(case.given)
    data["date"] = case.given.date.isoformat()
    return {key: value for key, value in data.items() if value is not None}


def plan_case(case: Case, catalogue: Catalogue, seconds: float, outcome: Outcome) -> list[Flag]:
    """Validate and plan one case as the API would; record what became of it; return its flags."""
    from itineraries.trips.compute import plan_make
    from itineraries.trips.errors import InvalidRequest
    from itineraries.trips.validation import plan_request_build
    from itineraries.trips.wording import refusals, result_wire

    record = {"request": case.number, "label": case.label, "input": _input_json(case)}
    try:
        request = plan_request_build(given=case.given)
    except InvalidRequest as exc:
        outcome.rejected.append({**record, "errors": refusals(exc)})
        return []
    try:
        result = result_wire(plan_make(request=request, solver_seconds=seconds))
    except Exception as exc:  # a PlanError, or a bug in the engine: count it and go on measuring
        outcome.failed.append({**record, "error": f"{type(exc).__name__}: {exc}"})
        return []
    outcome.planned += 1
    flags = flags_for(request, result, catalogue.facts(request.mode, request.scenic))
    outcome.flags += [{**record, "flag": flag.name, "detail": flag.detail} for flag in flags]
    return flags


def totals(outcome: Outcome) -> dict[str, dict[str, int]]:
    table = {}
    for name in FLAGS:
        hits = [f for f in outcome.flags if f["flag"] == name]
        table[name] = {"count": len(hits), "requests": len({f["request"] for f in hits})}
    return table


def report(outcome: Outcome, cases: list[Case], elapsed: float) -> None:
    width = max(map(len, FLAGS))
    print()
    for item in outcome.rejected:
        print(f"rejected {item['label']}: " + "; ".join(" ".join(m) for m in item["errors"].values()))
    for item in outcome.failed:
        print(f"FAILED   {item['label']}: {item['error']}")
    print(f"\n{'flag':{width}s}  count  requests")
    for name, row in totals(outcome).items():
        print(f"{name:{width}s}  {row['count']:5d}  {row['requests']:8d}")
    flagged = len({f["request"] for f in outcome.flags})
    print(f"\nrequests with a red flag: {flagged} of {outcome.planned}")
    print(f"({len(cases)} in the grid: {outcome.planned} planned, {len(outcome.rejected)} rejected by validation, "
          f"{len(outcome.failed)} failed)")  # fmt: skip
    print(f"elapsed {elapsed:.1f} s")


def write_json(path: Path, args: argparse.Namespace, outcome: Outcome, cases: list[Case], elapsed: float) -> None:
    data = {
        "date_seed": args.date_seed,
        "count": len(cases),
        "seconds": args.seconds,
        "planned": outcome.planned,
        "moved_dates": sum(case.moved for case in cases),
        "requests_flagged": len({f["request"] for f in outcome.flags}),
        "totals": totals(outcome),
        "flags": outcome.flags,
        "rejected": outcome.rejected,
        "failed": outcome.failed,
        "elapsed_seconds": round(elapsed, 1),
    }
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--date-seed", "--seed", type=int, default=YEAR, help="seed of the grid (default 2027)")
    parser.add_argument("--count", type=int, default=320, help="requests in the grid (default 320)")
    parser.add_argument("--seconds", type=float, default=1.0, help="solver time limit per plan (default 1.0)")
    parser.add_argument("--only", type=int, help="plan only request #N of the grid")
    parser.add_argument("--json", type=Path, help="also write flags and totals to this file")
    args = parser.parse_args(argv)
    began = time.monotonic()
    setup()
    from django.utils import timezone

    from itineraries.routing.solver import warm_up

    warm_up()
    catalogue = Catalogue()
    today = timezone.localdate()
    size = args.count if args.only is None else max(args.count, args.only + 1)
    cases = grid(args.date_seed, size, catalogue.sights, catalogue.coords, today)
    if args.only is not None:
        cases = [cases[args.only]]
    moved = sum(case.moved for case in cases)
    if moved:
        print(f"note: {moved} date(s) of {YEAR} are before today ({today}): moved to the same day of a later year")
    width = max(map(len, FLAGS))
    outcome = Outcome()
    for case in cases:
        for flag in plan_case(case, catalogue, args.seconds, outcome):
            print(f"{flag.name:{width}s} {case.label}: {flag.detail}", flush=True)
    elapsed = time.monotonic() - began
    report(outcome, cases, elapsed)
    if args.json:
        write_json(args.json, args, outcome, cases, elapsed)
        print(f"written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
