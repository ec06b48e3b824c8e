"""Plans as a tourist judges them, over a request set of every start town, 1 to 7 days, every mode, pace
and interest, for the app's model and for the model before the tourist's day (higher caps, no road or
lodging cost).

    python -m benchmarks.plan_quality [--date 2027-05-03] [--seconds 5]

Per request and in total: days over the driving cap and the worst day's driving; the share of the active
day (driving plus visits) spent on the road; the detour ratio (road km / straight-line km) of legs over
20 km; hotel changes; score; and re-plan stability: the share of the other stops kept on their day after
pinning a stop already in the plan, and after dropping one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import statistics
from contextlib import contextmanager

from geopy.distance import geodesic

from benchmarks.django_env import setup

STARTS = [
    "pingyao-ancient-city", "jincheng", "taiyuan", "yangcheng", "qinshui", "zuoquan", "jiexiu", "gaoping",
    "lingchuan", "xiyang", "jinzhong-yuci", "zezhou",
]  # fmt: skip
INTERESTS = [("heritage",), ("temples", "wukong"), ("cycling",), ("wellness",), ("nature",), ("painting",),
             ("villages",), ("heritage", "temples")]  # fmt: skip
MODES = ["car", "car", "ebike", "bicycle"]
PACES = ["relaxed", "normal", "packed"]
OLD_CAPS = {
    "car": {"relaxed": 240, "normal": 360, "packed": 480},
    "ebike": {"relaxed": 180, "normal": 300, "packed": 400},
    "bicycle": {"relaxed": 150, "normal": 240, "packed": 330},
}


def requests(date: dt.date, count: int = 36):
    from itineraries.trips.request import PlanRequest

    for n in range(count):
        yield PlanRequest(
            start=STARTS[n % len(STARTS)],
            days=1 + n % 7,
            date=date,
            interests=INTERESTS[n % len(INTERESTS)],
            mode=MODES[n % len(MODES)],
            pace=PACES[(n // 4) % 3],
            seed=n,
        )


@contextmanager
def old_model():
    """The model before the tourist's day: caps of 4 / 6 / 8 h by car, no road or lodging cost."""
    from itineraries.trips import request, selectors

    saved = (dict(request.MOVING_LIMITS), selectors.ROAD_COST_PER_HOUR, selectors.MOVE_COST)
    request.MOVING_LIMITS.clear()
    request.MOVING_LIMITS.update(OLD_CAPS)
    selectors.ROAD_COST_PER_HOUR, selectors.MOVE_COST = 0.0, 0.0
    try:
        yield
    finally:
        request.MOVING_LIMITS.clear()
        request.MOVING_LIMITS.update(saved[0])
        selectors.ROAD_COST_PER_HOUR, selectors.MOVE_COST = saved[1], saved[2]


def measure(result: dict, cap: float) -> dict:
    over, worst, shares, ratios, transfers = 0, 0, [], [], 0
    for day in result["days"]:
        drive = sum(leg["minutes"] for leg in day["legs"])
        visits = sum(stop["visit_minutes"] for stop in day["stops"])
        over += drive > cap + len(day["legs"])  # legs are rounded to the minute
        worst = max(worst, drive)
        if drive + visits:
            shares.append(drive / (drive + visits))
        transfers += bool(drive) and not visits
        points = [day["start"], *day["stops"], day["end"]]
        for leg, a, b in zip(day["legs"], points, points[1:], strict=False):
            straight = geodesic((a["lat"], a["lon"]), (b["lat"], b["lon"])).km
            if leg["km"] > 20 and straight > 0:
                ratios.append(leg["km"] / straight)
    nights = [d["lodging"]["slug"] for d in result["days"] if d["lodging"]]
    changes = sum(a != b for a, b in itertools.pairwise(nights))
    return {"over": over, "worst": worst, "shares": shares, "ratios": ratios, "changes": changes,
            "transfers": transfers, "score": result["score"],
            "stops": sum(len(d["stops"]) for d in result["days"])}  # fmt: skip


def stability(request, result: dict, seconds: float) -> tuple[float | None, float | None]:
    """Share of the other stops kept on their day after pinning one stop, and after dropping one."""
    from itineraries.trips.compute import plan_make
    from itineraries.trips.wording import result_wire

    days = [[s["slug"] for s in d["stops"]] for d in result["days"]]
    stops = [(d, s) for d, day in enumerate(days) for s in day]
    if len(stops) < 2:
        return None, None
    previous = tuple(tuple(day) for day in days)
    nights = tuple(d["end"]["slug"] for d in result["days"])
    out = []
    for change in ("pin", "drop"):
        _day, slug = stops[len(stops) // 2]
        changed = request.with_changes(
            pins=[slug] if change == "pin" else [], drops=[slug] if change == "drop" else [],
            previous=list(previous), nights=list(nights),
        )  # fmt: skip
        after = result_wire(plan_make(request=changed, solver_seconds=seconds))
        where = {s["slug"]: d for d, day_ in enumerate(after["days"]) for s in day_["stops"]}
        others = [(d, s) for d, s in stops if s != slug]
        out.append(sum(where.get(s) == d for d, s in others) / len(others) if others else None)
    return out[0], out[1]


def run(date: dt.date, seconds: float, label: str) -> list[dict]:
    from itineraries.trips.compute import plan_make
    from itineraries.trips.errors import PlanError
    from itineraries.trips.wording import result_wire

    rows, failed = [], []
    for request in requests(date):
        cap = request.drive_cap
        try:
            result = result_wire(plan_make(request=request, solver_seconds=seconds))
        except PlanError as exc:  # the checker refused the optimiser's plan
            failed.append(f"{request.start} {request.days}d {request.mode} {request.pace} seed {request.seed}: {exc}")
            continue
        row = measure(result, cap)
        row["pin"], row["drop"] = stability(request, result, seconds)
        row["request"] = f"{request.start} {request.days}d {request.mode} {request.pace} {'+'.join(request.interests)}"
        rows.append(row)
    over = sum(r["over"] for r in rows)
    worst = max(r["worst"] for r in rows)
    shares = [s for r in rows for s in r["shares"]]
    ratios = sorted(x for r in rows for x in r["ratios"])
    pins = [r["pin"] for r in rows if r["pin"] is not None]
    drops = [r["drop"] for r in rows if r["drop"] is not None]
    print(f"== {label}: {len(rows)} requests planned, {len(failed)} refused by the checker")
    for line in failed:
        print(f"  REFUSED {line}")
    for r in rows:
        share = max(r["shares"]) if r["shares"] else 0
        pin = "-" if r["pin"] is None else f"{r['pin']:.0%}"
        drop = "-" if r["drop"] is None else f"{r['drop']:.0%}"
        print(f"  {r['request']:58s} over {r['over']} worst {r['worst']:4d} min  max share {share:4.0%}"
              f"  hotel changes {r['changes']}  stops {r['stops']:2d}  score {r['score']:7.1f}"
              f"  pin {pin:>4s} drop {drop:>4s}")  # fmt: skip
    p95 = ratios[int(0.95 * (len(ratios) - 1))] if ratios else 0
    print(f"  days over the cap {over}; worst day {worst} min")
    visiting = [x for x in shares if x < 1]
    print(f"  road share of the active day: median {statistics.median(shares):.0%}, max {max(shares):.0%}; "
          f"days with a visit: median {statistics.median(visiting):.0%}, max {max(visiting):.0%}; "
          f"days that only drive: {sum(r['transfers'] for r in rows)}")  # fmt: skip
    print(f"  detour ratio of legs over 20 km: p95 {p95:.2f}, max {max(ratios, default=0):.2f} ({len(ratios)} legs)")
    print(f"  hotel changes {sum(r['changes'] for r in rows)}; score {sum(r['score'] for r in rows):.1f}; "
          f"stops {sum(r['stops'] for r in rows)}")  # fmt: skip
    print(f"  other stops kept on their day: after a pin {statistics.mean(pins):.0%} (min {min(pins):.0%}), "
          f"after a drop {statistics.mean(drops):.0%} (min {min(drops):.0%})")  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date(2027, 5, 3))
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    setup()
    from itineraries.routing.solver import warm_up

    warm_up()
    run(args.date, args.seconds, "the app's model")
    with old_model():
        run(args.date, args.seconds, "before the tourist's day (caps 4/6/8 h by car, no road or lodging cost)")


if __name__ == "__main__":
    main()
