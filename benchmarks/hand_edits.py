"""How long a tourist waits for a hand edit to come back re-timed: moving one stop of a 5-day trip to another
day through the trip page (POST, redirect, and the new version's page), and the edit alone (the service).

python -m benchmarks.hand_edits [--repeat 30]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time

from benchmarks.django_env import setup


def _summary(name: str, times: list[float]) -> None:
    q = statistics.quantiles(times, n=20)
    print(f"{name:40s} {statistics.median(times):8.1f} {q[18]:8.1f} {max(times):8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    setup()
    from django.conf import settings
    from django.test import Client

    from itineraries.trips import services
    from itineraries.trips.models import Itinerary, Trip

    settings.PLAN_EXECUTOR = "inline"
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    date = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    form = {"start": "pingyao-ancient-city", "date": date, "days": 5, "pace": "normal", "mode": "car"}
    client.post("/plan/", {**form, "interests": ["heritage", "temples"]})
    trip = Trip.objects.get()
    rng = random.Random(7)
    page, service = [], []
    for _ in range(args.repeat):
        latest = trip.versions.order_by("-version").first()
        assert latest is not None
        assert latest.status == Itinerary.Status.DONE
        days = [[s["slug"] for s in d["stops"]] for d in latest.result["days"]]
        source = rng.choice([d for d, day in enumerate(days) if day])
        slug = rng.choice(days[source])
        target = rng.choice([d for d in range(len(days)) if d != source])
        started = time.perf_counter()
        moved = client.post(f"/trips/{trip.pk}/edit", {"op": "move", "slug": slug, "day": target + 1})
        assert moved.status_code == 302
        assert client.get(f"/trips/{trip.pk}/").status_code == 200
        page.append((time.perf_counter() - started) * 1000)
        days = [[s["slug"] for s in d["stops"]] for d in trip.versions.order_by("-version").first().result["days"]]
        started = time.perf_counter()
        services.itinerary_edit(itinerary=trip.versions.order_by("-version").first(), days=days)
        service.append((time.perf_counter() - started) * 1000)
    print(f"{'5-day trip, one stop moved':40s} {'median':>8s} {'p95':>8s} {'max':>8s}  (ms)")
    _summary("edit + redirect + new page (test client)", page)
    _summary("the edit alone (services.itinerary_edit)", service)


if __name__ == "__main__":
    main()
