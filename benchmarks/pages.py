"""Server time of each tourist page with the seeded catalogue (Django test client, warm).

python -m benchmarks.pages [--repeat 30]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time

from benchmarks.django_env import setup


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    setup()
    from django.conf import settings
    from django.test import Client

    from itineraries.models import Itinerary

    settings.PLAN_EXECUTOR = "inline"
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    date = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    response = client.post(
        "/plan/",
        {
            "start": "pingyao-ancient-city",
            "date": date,
            "days": 3,
            "interests": ["heritage", "temples"],
            "pace": "normal",
            "mode": "car",
        },
    )
    trip = response["Location"]
    itinerary = Itinerary.objects.get()
    queued = Itinerary.objects.new_trip(request=itinerary.request)
    pages = {
        "home /": "/",
        "plan form /plan/": "/plan/",
        "trip (3 days) /trips/<id>/": trip,
        "progress page": f"/trips/{queued.pk}/",
        "trip in Chinese": trip,
        "routes API": "/api/v1/routes/",
        "itinerary JSON": f"/api/v1/itineraries/{itinerary.pk}/",
    }
    print(f"{'page':32s} {'median ms':>10s} {'p95 ms':>8s}")
    for name, url in pages.items():
        if name == "trip in Chinese":
            client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
        client.get(url)
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            assert client.get(url).status_code == 200, url
            times.append((time.perf_counter() - started) * 1000)
        q = statistics.quantiles(times, n=20)
        print(f"{name:32s} {statistics.median(times):10.1f} {q[18]:8.1f}")


if __name__ == "__main__":
    main()
