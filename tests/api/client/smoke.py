"""A REST client's day through the Python client that openapi-python-client generates from /api/schema/.

tests/api/test_generated_client.py generates the `shanxi_client` package, type-checks this script with
`mypy --strict`, then runs it against a live server: python smoke.py <base-url> <api-token> <first-day>.
The first day (YYYY-MM-DD) is the caller's: the script runs without Django, and the test takes it from
tests/dates.py, so the plan's season and weekday do not change with the day it runs.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from uuid import UUID

from shanxi_client import AuthenticatedClient
from shanxi_client.api.destinations import destinations_list, destinations_retrieve
from shanxi_client.api.itineraries import (
    itineraries_create,
    itineraries_geojson_retrieve,
    itineraries_gpx_retrieve,
    itineraries_replan_create,
    itineraries_retrieve,
)
from shanxi_client.api.routes import routes_list
from shanxi_client.models import (
    Accepted,
    DestinationsListCategory,
    DestinationsListKind,
    Error,
    Itinerary,
    LineString,
    ModeEnum,
    PaginatedDestinationList,
    PlanRequestRequest,
    ReplanRequest,
    StatusEnum,
    TripFeatureCollection,
)
from shanxi_client.types import File


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SystemExit(f"smoke: {message}")


def wait_done(client: AuthenticatedClient, itinerary_id: UUID) -> Itinerary:
    for _ in range(240):
        itinerary = itineraries_retrieve.sync(itinerary_id, client=client)
        check(isinstance(itinerary, Itinerary), f"polling {itinerary_id} answered {itinerary!r}")
        assert isinstance(itinerary, Itinerary)
        if itinerary.status in (StatusEnum.DONE, StatusEnum.FAILED):
            return itinerary
        time.sleep(0.5)
    raise SystemExit(f"smoke: {itinerary_id} never finished")


def main(base_url: str, token: str, first_day: dt.date) -> None:
    client = AuthenticatedClient(base_url=base_url, token=token, raise_on_unexpected_status=True)

    temples = destinations_list.sync(
        client=client, kind=DestinationsListKind.SIGHT, category=DestinationsListCategory.TEMPLES
    )
    check(isinstance(temples, PaginatedDestinationList) and temples.count > 0, f"temples: {temples!r}")
    assert isinstance(temples, PaginatedDestinationList)
    first = temples.results[0]
    one = destinations_retrieve.sync(first.slug, client=client)
    check(not isinstance(one, Error) and one is not None and one.name_zh == first.name_zh, "a destination by slug")
    routes = routes_list.sync(client=client)
    check(isinstance(routes, list) and len(routes) > 0, "themed routes")

    request = PlanRequestRequest(start="pingyao-ancient-city", days=2, date=first_day, mode=ModeEnum.CAR)
    accepted = itineraries_create.sync(client=client, body=request)
    check(isinstance(accepted, Accepted), f"create answered {accepted!r}")
    assert isinstance(accepted, Accepted)
    itinerary = wait_done(client, accepted.id)
    check(itinerary.status == StatusEnum.DONE and itinerary.result is not None, itinerary.error)
    assert itinerary.result is not None
    day = next(d for d in itinerary.result.days if d.stops)
    stop_name: str = day.stops[0].name_en
    leg_km: float = day.legs[0].km
    check(bool(stop_name) and leg_km >= 0, "a stop's name and a leg's km")
    check(itinerary.request.start == "pingyao-ancient-city" and itinerary.request.days == 2, "the request echoed")

    gpx = itineraries_gpx_retrieve.sync(accepted.id, client=client)
    check(isinstance(gpx, File), f"gpx answered {gpx!r}")
    assert isinstance(gpx, File)
    check(b"<gpx" in gpx.payload.read(), "the GPX body")

    shapes = itineraries_geojson_retrieve.sync(accepted.id, client=client)
    check(isinstance(shapes, TripFeatureCollection), f"geojson answered {shapes!r}")
    assert isinstance(shapes, TripFeatureCollection)
    lines = [f for f in shapes.features if isinstance(f.geometry, LineString)]
    check(len(lines) > 0 and all(len(f.geometry.coordinates) >= 2 for f in lines), "the GeoJSON legs")

    replanned = itineraries_replan_create.sync(
        accepted.id, client=client, body=ReplanRequest(pins=[day.stops[0].slug], keep_days=[])
    )
    check(isinstance(replanned, Accepted), f"replan answered {replanned!r}")
    assert isinstance(replanned, Accepted)
    again = wait_done(client, replanned.id)
    check(again.result is not None and again.result.changes is not None, "a re-plan says what changed")

    refused = itineraries_create.sync(client=client, body=PlanRequestRequest(start="pingyao-ancient-city", days=0))
    check(isinstance(refused, Error), f"a bad request answered {refused!r}")
    assert isinstance(refused, Error)
    check("days" in refused.detail and "days" in refused.additional_properties, f"the 400 names days: {refused!r}")

    print(f"smoke: ok; {stop_name}, first leg {leg_km} km; 400 says: {refused.detail}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], dt.date.fromisoformat(sys.argv[3]))
