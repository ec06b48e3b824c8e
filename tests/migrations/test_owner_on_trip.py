"""Migration 0018 moves the owner from each version onto its trip: no private trip becomes public on the way."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from itineraries.trips.models import Itinerary, Trip

BEFORE = [("itineraries", "0018_photos")]
AFTER = [("itineraries", "0019_owner_on_trip")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps():
    apps = migrate(BEFORE)
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_each_versions_owner_moves_onto_its_trip(old_apps):
    User = old_apps.get_model("auth", "User")
    OldTrip, OldItinerary = old_apps.get_model("itineraries", "Trip"), old_apps.get_model("itineraries", "Itinerary")
    lin, wu = User.objects.create(username="lin"), User.objects.create(username="wu")
    request = {"start": "jincheng", "days": 1}

    def version(trip, n, owner, **extra):
        return OldItinerary.objects.create(id=uuid.uuid4(), trip=trip, version=n, owner=owner, request=request, **extra)

    # Owned on its versions only: the trip becomes private to the earliest version's owner.
    ownerless = OldTrip.objects.create(id=uuid.uuid4())
    version(ownerless, 1, None)
    version(ownerless, 2, lin)
    version(ownerless, 3, wu)
    # Owned on the trip already: the trip's owner stays.
    owned = OldTrip.objects.create(id=uuid.uuid4(), owner=wu)
    version(owned, 1, lin)
    # Anonymous everywhere: stays open to its link.
    anonymous = OldTrip.objects.create(id=uuid.uuid4())
    version(anonymous, 1, None)
    # A version without a trip: it becomes the first version of a trip of its own, with its owner.
    orphan = OldItinerary.objects.create(id=uuid.uuid4(), trip=None, owner=lin, request=request)

    migrate(AFTER)

    owners = dict(Trip.objects.values_list("pk", "owner__username"))
    assert owners[ownerless.pk] == "lin"
    assert owners[owned.pk] == "wu"
    assert owners[anonymous.pk] is None
    adopted = Itinerary.objects.get(pk=orphan.pk)
    assert (adopted.trip_id, adopted.version, adopted.trip.owner.username) == (orphan.pk, 1, "lin")
