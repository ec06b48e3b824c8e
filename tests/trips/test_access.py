"""One way from a URL id to (trip, version, role): a trip's id or a version's, for the API and pages alike."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, User

from itineraries.trips.access import Role, access_resolve, trip_named
from itineraries.trips.errors import NoSuchTrip, NotAllowed
from itineraries.trips.models import Itinerary

pytestmark = pytest.mark.django_db
REQUEST = {"start": "jincheng", "days": 1, "date": "2027-05-04"}


@pytest.fixture
def owned():
    owner = User.objects.create_user("owner", "owner@example.com", "pw-owner-1")
    first = Itinerary.objects.new_trip(owner=owner, request=REQUEST)
    second = Itinerary.objects.create(trip=first.trip, version=2, request=REQUEST)
    first.trip.share_token = "share-me"
    first.trip.save()
    return owner, first, second


def test_a_new_trip_shares_its_first_version_id_and_a_version_needs_its_trip():
    first = Itinerary.objects.new_trip(request=REQUEST)
    assert (first.trip_id, first.version) == (first.pk, 1)
    with pytest.raises(ValueError, match="new_trip"):
        Itinerary.objects.create(request=REQUEST)


def test_the_trip_id_names_the_trip_and_a_version_id_names_that_version(owned):
    owner, first, second = owned
    by_trip = access_resolve(first.trip_id, owner)
    assert (by_trip.trip, by_trip.names_trip, by_trip.role) == (first.trip, True, Role.OWNER)
    by_version = access_resolve(second.pk, owner)
    assert (by_version.trip, by_version.version, by_version.names_trip) == (first.trip, second, False)


# A fixed unknown UUID: pytest-xdist workers must collect the same test ids.
@pytest.mark.parametrize("pk", ["not-a-uuid", "6ea31597-a197-4e09-84bc-a822ee388463", None, 42])
def test_an_unknown_or_malformed_id_is_no_trip(pk):
    with pytest.raises(NoSuchTrip):
        access_resolve(pk, AnonymousUser())
    assert trip_named(pk) is None


def test_a_private_trip_does_not_exist_for_others_and_a_share_link_reads_it(owned):
    _owner, first, _second = owned
    stranger = User.objects.create_user("stranger", "s@example.com", "pw-stranger-1")
    with pytest.raises(NoSuchTrip):
        access_resolve(first.pk, stranger)
    assert access_resolve(first.pk, AnonymousUser(), share_tokens=["share-me"]).role == Role.VIEWER
    with pytest.raises(NotAllowed) as refused:
        access_resolve(first.pk, AnonymousUser(), share_tokens=["share-me"], need=Role.COLLABORATOR)
    assert refused.value.need == Role.COLLABORATOR
    assert trip_named(first.pk) == first.trip  # an invite link finds the trip, then checks its own token
