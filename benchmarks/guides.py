"""The app's trips beside published itineraries for the same region, and the themed routes' promises.

    python -m benchmarks.guides [--date 2027-05-05] [--seconds 3] [--seed 0] [--only ID] [--json out.json]

For each itinerary of ``benchmarks/data/guides.json`` (cited, read 2026-12-05) the app is asked for the
comparable trip, as the API would ask (``plan_request_build``, then ``plan_make``): the guide's start, end,
number of days and mode, its places that the catalogue has as must-sees, on one fixed spring date. Printed
per guide, the guide's days beside the app's, then:

- nights at the guide's base: nights the app sleeps where the guide names a bed / nights the guide names;
- areas: the days each area (the walled town, the castle villages) is visited on, whether it is split
  (left and re-entered, or on days that do not follow each other: ``red_flags.area_split``) and legs driven
  between two of its places;
- visits shorter than the place's typical visit (and which of those are must-sees);
- idle waits over 30 minutes (``red_flags.long_wait``) and days ending after sunset;
- the app's total km against the guide's own order measured on the app's roads: the car matrix summed along
  start, each day's places, each night's base (or evening's place), end.

Then every themed route is planned at its length, one and two days more, and its broken promises counted
(``itineraries/trips/promises.broken_promises``). The totals line: nights-at-base share, area splits and
driven legs, short must-see visits, km ratio median and max, broken promises. It measures, it does not
judge: the exit code is 0. The database is a throw-away SQLite file loaded with the seeds.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import statistics
import time
from pathlib import Path
from typing import Any

from benchmarks.django_env import setup
from benchmarks.guide_measures import GUIDES_PATH, Guide, Measured, guide_compare, guide_path, guides_load

DATE = dt.date(2027, 5, 5)  # a spring Wednesday: no Monday closure on day 1 or 2
PACE = "normal"
EXTRA_DAYS = (0, 1, 2)


def guide_input(guide: Guide, date: dt.date, seed: int = 0) -> Any:
    from itineraries.trips.validation import PlanInput

    return PlanInput(
        start=guide.start,
        days=len(guide.days),
        date=date,
        interests=guide.interests,
        pace=PACE,
        mode=guide.mode,
        must=guide.must,
        end=guide.end if guide.end and guide.end != guide.start else None,
        seed=seed,
    )


def _area_slugs(areas: dict[str, str]) -> dict[str, str]:
    from itineraries.catalogue.models import Area

    slugs = {str(pk): slug for pk, slug in Area.objects.values_list("pk", "slug")}
    return {place: slugs.get(area, area) for place, area in areas.items()}


def _plan(given: Any, seconds: float) -> tuple[Any, dict]:
    from itineraries.trips.compute import plan_make
    from itineraries.trips.validation import plan_request_build
    from itineraries.trips.wording import result_wire

    request = plan_request_build(given=given)
    return request, result_wire(plan_make(request=request, solver_seconds=seconds))


def _day_line(label: str, places: list[str], night: str | None) -> str:
    return f"    {label:5s} {', '.join(places) or '-'}" + (f"  | night {night}" if night else "")


def guide_report(guide: Guide, result: dict, measured: Measured) -> None:
    print(f"\n== {guide.id}: {guide.title}\n   {guide.url} (read {guide.read})")
    print(f"   start {guide.start}, end {guide.finish}, {len(guide.days)} day(s), {guide.mode}")
    for number, (day, planned) in enumerate(zip(guide.days, result["days"], strict=False), start=1):
        lacks = [f"[{item}]" for item in day.lacks]
        print(f"  day {number}")
        print(_day_line("guide", [*day.places, *lacks], day.night or (day.evening and f"({day.evening})")))
        stops = [s["slug"] for s in planned["stops"]]
        print(_day_line("app", stops, (planned.get("lodging") or {}).get("slug")))
    m = measured
    areas = ", ".join(f"{area} days {days}" for area, days in m.area_days.items()) or "none"
    ratio = "n/a" if m.km_ratio is None else f"x{m.km_ratio:.2f}"
    if m.missing_must:
        ratio += ", must-sees dropped: not in the totals"
    print(f"  nights at base {m.nights_matched}/{m.nights_named}   areas: {areas}")
    print(f"  area splits {len(m.area_splits)}, driven inside {len(m.driven_inside)}; short visits "
          f"{len(m.short_visits)} ({len(m.short_must)} must-see); idle waits {len(m.idle_waits)}; "
          f"after sunset {len(m.after_sunset)}")  # fmt: skip
    print(f"  km: app {m.app_km:.1f}, guide's order on the app's roads {m.guide_km:.1f} ({ratio})")
    for text in [*m.night_misses, *m.area_splits, *m.driven_inside, *m.short_visits, *m.idle_waits,
                 *m.after_sunset, *(f"missing must-see {s}" for s in m.missing_must)]:  # fmt: skip
        print(f"    - {text}")


def route_promises(date: dt.date, seconds: float, seed: int = 0) -> list[dict]:
    """Each themed route at its length and one and two days more: its broken promises."""
    from itineraries.catalogue.models import ThemedRoute
    from itineraries.catalogue.promises import Promises
    from itineraries.trips.errors import InvalidRequest
    from itineraries.trips.promises import broken_promises
    from itineraries.trips.trip_result import TripResult
    from itineraries.trips.validation import PlanInput
    from itineraries.trips.wording import refusals

    rows = []
    for route in ThemedRoute.objects.order_by("slug"):
        promises = Promises.from_json(route.promises)
        for extra in EXTRA_DAYS:
            row: dict[str, Any] = {"route": route.slug, "days": route.days + extra}
            try:
                _request, result = _plan(
                    PlanInput(route=route.slug, days=route.days + extra, date=date, seed=seed), seconds
                )
            except InvalidRequest as exc:
                rows.append({**row, "error": str(refusals(exc))})
                continue
            broken = broken_promises(TripResult.from_stored(result), promises, route_days=route.days, mode=route.mode)
            row["broken"] = [dataclasses.asdict(b) for b in broken]
            row["missing_must"] = [m["slug"] for m in result["missing_must"]]
            row["nights"] = [(d.get("lodging") or {}).get("slug") for d in result["days"][:-1]]
            row["km"] = result["total_km"]
            rows.append(row)
    return rows


def routes_report(rows: list[dict]) -> None:
    print("\n== themed routes: broken promises at their length, +1 and +2 days")
    for row in rows:
        if "error" in row:
            print(f"  {row['route']:26s} {row['days']}d  REJECTED {row['error']}")
            continue
        broken = ", ".join(f"{b['code']}:{b['slug'] or ''}{'' if b['day'] is None else '@' + str(b['day'])}"
                           for b in row["broken"]) or "-"  # fmt: skip
        print(f"  {row['route']:26s} {row['days']}d  {len(row['broken'])} broken {broken}; "
              f"{row['km']:.0f} km; nights {row['nights']}")  # fmt: skip


def totals(measured: dict[str, Measured], routes: list[dict], failed: dict[str, str]) -> dict[str, Any]:
    named = sum(m.nights_named for m in measured.values())
    matched = sum(m.nights_matched for m in measured.values())
    # a plan that drops must-sees drives less for showing less: its km ratio is left out (and counted)
    complete = [m for m in measured.values() if not m.missing_must]
    ratios = [m.km_ratio for m in complete if m.km_ratio is not None]
    return {
        "guides": len(measured) + len(failed),
        "planned": len(measured),
        "failed": len(failed),
        "nights_named": named,
        "nights_at_base": matched,
        "nights_at_base_share": round(matched / named, 3) if named else None,
        "area_splits": sum(len(m.area_splits) for m in measured.values()),
        "driven_inside": sum(len(m.driven_inside) for m in measured.values()),
        "short_visits": sum(len(m.short_visits) for m in measured.values()),
        "short_must_visits": sum(len(m.short_must) for m in measured.values()),
        "idle_waits": sum(len(m.idle_waits) for m in measured.values()),
        "after_sunset_days": sum(len(m.after_sunset) for m in measured.values()),
        "missing_must": sum(len(m.missing_must) for m in measured.values()),
        "km_ratio_median": round(statistics.median(ratios), 3) if ratios else None,
        "km_ratio_max": round(max(ratios), 3) if ratios else None,
        "km_ratio_left_out": len(measured) - len(ratios),
        "route_plans": len(routes),
        "route_plans_broken": sum(1 for r in routes if r.get("broken") or "error" in r),
        "broken_promises": sum(len(r.get("broken", ())) for r in routes),
    }


def totals_report(table: dict[str, Any]) -> None:
    share = table["nights_at_base_share"]
    print(
        f"\nTOTAL {table['planned']}/{table['guides']} guides planned: nights at base "
        f"{table['nights_at_base']}/{table['nights_named']} ({'n/a' if share is None else f'{share:.0%}'}); "
        f"area splits {table['area_splits']}, driven inside {table['driven_inside']}; short must-see visits "
        f"{table['short_must_visits']} (all short {table['short_visits']}); idle waits {table['idle_waits']}; "
        f"after sunset {table['after_sunset_days']}; missing must {table['missing_must']}; km ratio median "
        f"{table['km_ratio_median']} max {table['km_ratio_max']} ({table['km_ratio_left_out']} plan(s) with a "
        f"must-see dropped left out); routes: {table['broken_promises']} broken "
        f"promise(s) in {table['route_plans_broken']}/{table['route_plans']} plans"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--date", type=dt.date.fromisoformat, default=DATE, help="first day (default 2027-05-05)")
    parser.add_argument("--seconds", type=float, default=3.0, help="solver time limit per plan (default 3)")
    parser.add_argument("--seed", type=int, default=0, help="solver seed of every plan (default 0)")
    parser.add_argument("--guides", type=Path, default=GUIDES_PATH, help="the itineraries (JSON)")
    parser.add_argument("--only", help="compare this guide id alone (and skip the themed routes)")
    parser.add_argument("--json", type=Path, help="also write every measure to this file")
    args = parser.parse_args(argv)
    began = time.monotonic()
    setup()
    from benchmarks.trip_sanity import Catalogue
    from itineraries.routing.solver import warm_up

    warm_up()
    catalogue = Catalogue()
    catalogue.areas = _area_slugs(catalogue.areas)  # before the first facts(): name areas by slug, not id
    guides = [g for g in guides_load(args.guides) if args.only in (None, g.id)]
    measured: dict[str, Measured] = {}
    failed: dict[str, str] = {}
    results: dict[str, dict] = {}
    for guide in guides:
        try:
            request, result = _plan(guide_input(guide, args.date, args.seed), args.seconds)
        except Exception as exc:  # a refused request or an engine failure: report it, go on measuring
            failed[guide.id] = f"{type(exc).__name__}: {getattr(exc, 'errors', exc)}"
            print(f"\n== {guide.id}: FAILED {failed[guide.id]}")
            continue
        measured[guide.id] = guide_compare(guide, request, result, catalogue.facts(request.mode, request.scenic))
        results[guide.id] = result
        guide_report(guide, result, measured[guide.id])
    routes = [] if args.only else route_promises(args.date, args.seconds, args.seed)
    if routes:
        routes_report(routes)
    table = totals(measured, routes, failed)
    totals_report(table)
    print(f"elapsed {time.monotonic() - began:.1f} s")
    if args.json:
        data = {
            "date": args.date.isoformat(),
            "seconds": args.seconds,
            "seed": args.seed,
            "totals": table,
            "guides": [
                {
                    "id": g.id,
                    "url": g.url,
                    "guide_path": guide_path(g),
                    "app_days": [
                        {"stops": [s["slug"] for s in d["stops"]], "night": (d.get("lodging") or {}).get("slug")}
                        for d in results[g.id]["days"]
                    ],
                    **dataclasses.asdict(measured[g.id]),
                    "km_ratio": measured[g.id].km_ratio,
                }
                for g in guides
                if g.id in measured
            ],
            "failed": failed,
            "routes": routes,
        }
        args.json.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
        print(f"written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
