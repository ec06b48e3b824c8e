"""A REST client's day through the Python client that openapi-python-client generates from /api/schema/: every
operation of the API, anonymously where the API allows it (a plain `Client`) and with a token where it does not.

tests/api/test_generated_client.py generates the `shanxi_client` package, type-checks this script with
`mypy --strict` (imports followed), then runs it against a live server:
python smoke.py <base-url> <api-token> <first-day>. The first day (YYYY-MM-DD) is the caller's: the script runs
without Django, and the test takes it from tests/dates.py, so the plan's season and weekday do not change with
the day it runs. Each operation prints one line, so the output shows the flow end to end.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
import uuid
from typing import TypeVar
from uuid import UUID

from shanxi_client import AuthenticatedClient, Client
from shanxi_client.api.destinations import destinations_list, destinations_retrieve
from shanxi_client.api.highways import highways_list
from shanxi_client.api.itineraries import (
    itineraries_collaborators_destroy,
    itineraries_collaborators_list,
    itineraries_create,
    itineraries_destroy,
    itineraries_edit_create,
    itineraries_geojson_retrieve,
    itineraries_gpx_retrieve,
    itineraries_ics_retrieve,
    itineraries_list,
    itineraries_partial_update,
    itineraries_replan_create,
    itineraries_retrieve,
    itineraries_versions_list,
    itineraries_versions_restore_create,
)
from shanxi_client.api.routes import routes_list, routes_retrieve
from shanxi_client.api.tokens import tokens_create, tokens_destroy, tokens_list
from shanxi_client.models import (
    Accepted,
    Collaborator,
    DestinationsListKind,
    DestinationsListOrdering,
    EditRequest,
    Error,
    InterestEnum,
    Itinerary,
    LineString,
    ModeEnum,
    NewApiToken,
    PaginatedApiTokenList,
    PaginatedDestinationList,
    PaginatedItineraryList,
    PatchedTripSettingsRequest,
    PlanRequest,
    ReplanRequest,
    RoadFeatureCollection,
    StatusEnum,
    ThemedRoute,
    TokenRequest,
    TripFeatureCollection,
    Version,
)
from shanxi_client.types import File

T = TypeVar("T")
OPERATIONS: set[str] = set()


def expect(answer: object, kind: type[T], operation: str, note: str = "") -> T:
    """The answer as the type the operation promises, or the smoke test stops saying what came instead."""
    if not isinstance(answer, kind):
        raise SystemExit(f"smoke: {operation} answered {answer!r}, not {kind.__name__}")
    OPERATIONS.add(operation)
    print(f"{operation}: {kind.__name__}{' - ' + note if note else ''}")
    return answer


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SystemExit(f"smoke: {message}")


def wait_done(client: Client | AuthenticatedClient, itinerary_id: UUID) -> Itinerary:
    for _ in range(240):
        itinerary = itineraries_retrieve.sync(itinerary_id, client=client)
        if not isinstance(itinerary, Itinerary):
            raise SystemExit(f"smoke: polling {itinerary_id} answered {itinerary!r}")
        if itinerary.status in (StatusEnum.DONE, StatusEnum.FAILED):
            return expect(itinerary, Itinerary, "itineraries_retrieve", f"{itinerary.status.value}")
        time.sleep(0.5)
    raise SystemExit(f"smoke: {itinerary_id} never finished")


def catalogue(anonymous: Client) -> None:
    temples = destinations_list.sync(
        client=anonymous, kind=DestinationsListKind.SIGHT, category=InterestEnum.TEMPLES, page_size=5
    )
    page = expect(temples, PaginatedDestinationList, "destinations_list", "temples, 5 a page")
    check(page.count > 0 and len(page.results) <= 5, "temples: a page of at most 5")
    near = destinations_list.sync(
        client=anonymous, near="37.2,112.18", radius_km=30, ordering=DestinationsListOrdering.DISTANCE
    )
    nearby = expect(near, PaginatedDestinationList, "destinations_list", "near Pingyao, nearest first")
    km: list[float] = [d.distance_km for d in nearby.results if d.distance_km is not None]
    check(len(km) == len(nearby.results) and km == sorted(km), f"distances nearest first: {km}")
    one = destinations_retrieve.sync(page.results[0].slug, client=anonymous)
    place = expect(one, type(page.results[0]), "destinations_retrieve", page.results[0].name_en)
    check(place.name_zh == page.results[0].name_zh, "a destination by slug")
    routes = routes_list.sync(client=anonymous)
    check(isinstance(routes, list) and len(routes) > 0, f"themed routes: {routes!r}")
    assert isinstance(routes, list)
    route = expect(routes_retrieve.sync(routes[0].slug, client=anonymous), ThemedRoute, "routes_retrieve")
    OPERATIONS.add("routes_list")
    print(f"routes_list: {len(routes)} routes; first {route.name_en}")
    roads = expect(highways_list.sync(client=anonymous), RoadFeatureCollection, "highways_list")
    check(len(roads.features) > 0, "the highways")


def anonymous_trip(anonymous: Client, first_day: dt.date) -> Itinerary:
    """A tourist without an account plans, reads, renames, edits, re-plans, restores and downloads."""
    request = PlanRequest(start="pingyao-ancient-city", days=2, date=first_day, mode=ModeEnum.CAR)
    key = str(uuid.uuid4())
    accepted = expect(
        itineraries_create.sync(client=anonymous, body=request, idempotency_key=key), Accepted, "itineraries_create"
    )
    retried = itineraries_create.sync(client=anonymous, body=request, idempotency_key=key)
    check(isinstance(retried, Accepted) and retried.id == accepted.id, "a retried create answers the same trip")
    print(f"itineraries_create: retried with the same Idempotency-Key, the same trip {accepted.id}")
    itinerary = wait_done(anonymous, accepted.id)
    check(itinerary.status == StatusEnum.DONE and itinerary.result is not None, itinerary.error)
    assert itinerary.result is not None
    day = next(d for d in itinerary.result.days if d.stops)
    print(f"  first stop {day.stops[0].name_en}, first leg {day.legs[0].km} km")

    renamed = itineraries_partial_update.sync(
        accepted.id, client=anonymous, body=PatchedTripSettingsRequest(name="Pingyao weekend")
    )
    check(expect(renamed, Itinerary, "itineraries_partial_update").name == "Pingyao weekend", "the new name")

    gpx = expect(itineraries_gpx_retrieve.sync(accepted.id, client=anonymous), File, "itineraries_gpx_retrieve")
    check(b"<gpx" in gpx.payload.read(), "the GPX body")
    ics = expect(itineraries_ics_retrieve.sync(accepted.id, client=anonymous), File, "itineraries_ics_retrieve")
    check(ics.payload.read().startswith(b"BEGIN:VCALENDAR"), "the ICS body")
    shapes = expect(
        itineraries_geojson_retrieve.sync(accepted.id, client=anonymous),
        TripFeatureCollection,
        "itineraries_geojson_retrieve",
    )
    lines = [f for f in shapes.features if isinstance(f.geometry, LineString)]
    check(len(lines) > 0 and all(len(f.geometry.coordinates) >= 2 for f in lines), "the GeoJSON legs")

    days = EditRequest(days=[[stop.slug for stop in d.stops] for d in itinerary.result.days])
    edited = itineraries_edit_create.sync(accepted.id, client=anonymous, body=days, idempotency_key=str(uuid.uuid4()))
    check(expect(edited, Itinerary, "itineraries_edit_create").version == 2, "an edit is version 2")

    replan = ReplanRequest(pins=[day.stops[0].slug], keep_days=[])
    replanned = expect(
        itineraries_replan_create.sync(accepted.id, client=anonymous, body=replan),
        Accepted,
        "itineraries_replan_create",
    )
    again = wait_done(anonymous, replanned.id)
    check(again.result is not None and again.result.changes is not None, "a re-plan says what changed")

    versions = itineraries_versions_list.sync(accepted.id, client=anonymous)
    check(isinstance(versions, list) and all(isinstance(v, Version) for v in versions), f"versions: {versions!r}")
    assert isinstance(versions, list)
    OPERATIONS.add("itineraries_versions_list")
    print(f"itineraries_versions_list: {[(v.version, v.origin.value) for v in versions]}")
    restored = itineraries_versions_restore_create.sync(accepted.id, 1, client=anonymous)
    check(expect(restored, Itinerary, "itineraries_versions_restore_create").version == 4, "a restore is version 4")
    return itinerary


def errors(anonymous: Client, base_url: str) -> None:
    refused = itineraries_create.sync(client=anonymous, body=PlanRequest(start="nowhere", days=40))
    error = expect(refused, Error, "itineraries_create", "400")
    fields = {e.field: e.code for e in error.errors}
    check(fields == {"start": "unknown_place", "days": "max_value"}, f"every wrong field at once: {fields}")
    print(f"  {error.code}: {error.message} (request {error.request_id})")
    not_yours = itineraries_list.sync_detailed(client=AuthenticatedClient(base_url=base_url, token="nope"))
    check(not_yours.status_code == 401 and isinstance(not_yours.parsed, Error), "an unknown token is a 401")
    check("Bearer" in not_yours.headers.get("WWW-Authenticate", ""), "a 401 says how to authenticate")
    print("itineraries_list: 401 with WWW-Authenticate for an unknown token")


def signed_in(base_url: str, admin_token: str, first_day: dt.date) -> None:
    """A tourist with an account makes a token of their own, plans with it, lists and deletes, revokes it."""
    admin = AuthenticatedClient(base_url=base_url, token=admin_token)
    made = tokens_create.sync(client=admin, body=TokenRequest(name="smoke", expires_at=None))
    token = expect(made, NewApiToken, "tokens_create", "its key is shown this once")
    mine = AuthenticatedClient(base_url=base_url, token=token.key)
    listed = expect(tokens_list.sync(client=mine), PaginatedApiTokenList, "tokens_list")
    check([t.name for t in listed.results] == ["smoke"], "the token is listed by name")

    plan = PlanRequest(start="pingyao-ancient-city", days=1, date=first_day)
    accepted = expect(itineraries_create.sync(client=mine, body=plan), Accepted, "itineraries_create", "as a user")
    trips = expect(itineraries_list.sync(client=mine, page_size=10), PaginatedItineraryList, "itineraries_list")
    check([t.id for t in trips.results] == [accepted.id], "My trips lists the new trip")
    people = itineraries_collaborators_list.sync(accepted.id, client=mine)
    check(isinstance(people, list) and all(isinstance(p, Collaborator) for p in people), f"collaborators {people!r}")
    OPERATIONS.add("itineraries_collaborators_list")
    print("itineraries_collaborators_list: []")
    nobody = expect(
        itineraries_collaborators_destroy.sync(accepted.id, 999999, client=mine),
        Error,
        "itineraries_collaborators_destroy",
        "404 for someone who is not a collaborator",
    )
    check(nobody.code == "not_found", nobody.message)
    deleted = itineraries_destroy.sync_detailed(accepted.id, client=mine)
    check(deleted.status_code == 204, f"delete answered {deleted.status_code}")
    OPERATIONS.add("itineraries_destroy")
    print("itineraries_destroy: 204")
    revoked = tokens_destroy.sync_detailed(token.id, client=mine)
    check(revoked.status_code == 204, f"revoke answered {revoked.status_code}")
    OPERATIONS.add("tokens_destroy")
    check(tokens_list.sync_detailed(client=mine).status_code == 401, "a revoked token no longer works")
    print("tokens_destroy: 204; the revoked token is then a 401")


def main(base_url: str, admin_token: str, first_day: dt.date) -> None:
    anonymous = Client(base_url=base_url, raise_on_unexpected_status=True)
    catalogue(anonymous)
    anonymous_trip(anonymous, first_day)
    errors(anonymous, base_url)
    signed_in(base_url, admin_token, first_day)
    print(f"smoke: ok; {len(OPERATIONS)} operations: {', '.join(sorted(OPERATIONS))}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], dt.date.fromisoformat(sys.argv[3]))
