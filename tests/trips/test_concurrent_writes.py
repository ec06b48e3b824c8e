"""Many people writing to one trip at once, on a real PostgreSQL with one thread (and connection) each: no write
answers 500, version numbers stay one per version, a stale page edit is answered 409 rather than silently
superseded, and a delete racing the writers wins cleanly. SQLite serialises whole transactions, so these
tests only run where DATABASE_URL is PostgreSQL."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from itineraries.trips import services
from itineraries.trips.models import Itinerary, Trip
from itineraries.trips.request import PlanRequest
from tests.dates import upcoming

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="row locks and concurrent transactions need PostgreSQL",
    ),
]


@pytest.fixture
def people():
    users = get_user_model().objects
    return users.create_user("owner", "owner@example.com", "pw-123456"), [
        users.create_user(f"friend{i}", f"friend{i}@example.com", "pw-123456") for i in range(3)
    ]


@pytest.fixture
def trip(catalogue, people, monkeypatch) -> Itinerary:
    owner, friends = people
    request = PlanRequest(start="pingyao-ancient-city", days=3, date=upcoming(5, 4))
    row = services.itinerary_create(request=request, owner=owner)
    row.refresh_from_db()
    assert row.status == "done", row.error
    row.trip.collaborators.add(*friends)
    monkeypatch.setattr(services, "dispatch", lambda *args: None)  # re-plans stay queued: only writes race here
    return row


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def race(calls: list[Callable[[], object]]) -> Counter:
    """Run every call at once, each in its own thread with its own connection; the status codes they answer."""
    barrier = threading.Barrier(len(calls))
    codes: list[int] = []

    def run(call: Callable[[], object]) -> None:
        try:
            barrier.wait()
            answer = call()
            codes.append(getattr(answer, "status_code", answer))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return Counter(codes)


def stops(row: Itinerary) -> list[str]:
    return [s["slug"] for day in row.result["days"] for s in day["stops"]]


def latest(trip_id) -> Itinerary:
    return Itinerary.objects.filter(trip_id=trip_id).order_by("-version").first()


def writers(row: Itinerary, people, n: int = 20, *, based: bool = False) -> list[Callable[[], object]]:
    """n mixed writes by the owner and three collaborators: web and API edits, restores, re-plans, renames.
    ``based``: each says what it read (the page's hidden fields, the API's If-Match), as a browser would."""
    owner, friends = people
    everyone = [owner, *friends]
    slugs = stops(row)
    api = f"/api/v1/itineraries/{row.pk}/"
    page = f"/trips/{row.trip_id}/"
    tag = _client(owner).get(api)["ETag"] if based else ""
    form = {"base_version": "1"} if based else {}
    names = {"base_name": "", "base_notes": ""} if based else {}
    headers = {"If-Match": tag} if based else {}
    empty_days = {"days": [[] for _ in row.result["days"]]}
    kinds: list[Callable[[Client, int], object]] = [
        lambda c, i: c.post(page + "edit", {"op": "remove", "slug": slugs[i % len(slugs)], **form}),
        lambda c, i: c.post(api + "edit", empty_days, content_type="application/json", headers=headers),
        lambda c, i: c.post(api + "versions/1/restore", headers=headers),
        lambda c, i: c.post(page + "restore", {"version": "1", **form}),
        lambda c, i: c.post(
            api + "replan", {"drops": [slugs[i % len(slugs)]]}, content_type="application/json", headers=headers
        ),
        lambda c, i: c.patch(api, {"name": f"name {i}"}, content_type="application/json", headers=headers),
        lambda c, i: c.post(page + "settings", {"name": f"page name {i}", "notes": f"notes {i}", **names}),
    ]
    calls = []
    for i in range(n):
        client = _client(everyone[i % len(everyone)])
        kind = kinds[i % len(kinds)]
        calls.append(lambda c=client, k=kind, i=i: k(c, i))
    return calls


def test_twenty_mixed_writers_never_answer_500_and_versions_stay_unique(trip, people):
    codes = race(writers(trip, people))
    assert codes[500] == 0, codes
    numbers = list(Itinerary.objects.filter(trip_id=trip.trip_id).order_by("version").values_list("version", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) > 1


def test_twenty_writers_that_say_what_they_read_lose_nothing(trip, people):
    """Every write based on version 1: one version-adding write and one rename are accepted, every other one
    is answered 409 (pages) or 412 (If-Match), and what was accepted is what the trip holds."""
    codes = race(writers(trip, people, based=True))
    assert codes[500] == 0, codes
    assert Itinerary.objects.filter(trip_id=trip.trip_id).count() == 2  # one version-adding write got in
    refused = codes[409] + codes[412]
    accepted = sum(n for code, n in codes.items() if code < 400)
    assert (accepted, refused) == (2, 18), codes  # one new version and one rename, nothing else
    name = Trip.objects.get(pk=trip.trip_id).name
    assert name.startswith(("name ", "page name ")), name


def test_five_stale_page_edits_save_one_and_answer_409_to_the_rest(trip, people):
    owner, friends = people
    slugs = stops(trip)[:5]
    assert len(slugs) == 5
    page = f"/trips/{trip.trip_id}/edit"
    clients = [_client([owner, *friends][i % 4]) for i in range(5)]
    answers: dict[str, object] = {}

    def edit(client: Client, slug: str) -> int:
        response = client.post(page, {"op": "remove", "slug": slug, "base_version": "1"})
        answers[slug] = response
        return response.status_code

    codes = race([lambda c=c, s=s: edit(c, s) for c, s in zip(clients, slugs, strict=True)])
    assert codes == Counter({302: 1, 409: 4}), codes
    now = latest(trip.trip_id)
    assert now.version == 2
    removed = [s for s in slugs if s not in stops(now)]
    assert len(removed) == 1  # the one saved edit is in the latest version
    # Each refused person re-applies from the conflict page: in the end every removal is in the latest version.
    for slug in slugs:
        if slug in removed:
            continue
        response = answers[slug]
        assert b"Apply my change to version" in response.content
        base = str(latest(trip.trip_id).version)
        again = _client(owner).post(page, {"op": "remove", "slug": slug, "base_version": base})
        assert again.status_code == 302
    assert not set(slugs) & set(stops(latest(trip.trip_id)))


def test_deletes_racing_twenty_writers_never_answer_500_and_the_trip_goes(trip, people):
    owner, _friends = people
    api, page = f"/api/v1/itineraries/{trip.pk}/", f"/trips/{trip.trip_id}/delete"
    clients = [_client(owner) for _ in range(5)]
    deletes = [
        (lambda c=c: c.delete(api).status_code) if i % 2 else (lambda c=c: c.post(page).status_code)
        for i, c in enumerate(clients)
    ]
    codes = race([*writers(trip, people), *deletes])
    assert codes[500] == 0, codes
    assert not Trip.objects.filter(pk=trip.trip_id).exists()
    assert not Itinerary.objects.filter(trip_id=trip.trip_id).exists()
