"""A trip's versions: re-plans, hand edits timed through the checker, one day optimised, earlier versions restored."""

import pytest

from itineraries.catalogue.cache import catalogue_version_bump
from itineraries.catalogue.hours import WEEKDAYS
from itineraries.catalogue.models import Destination
from itineraries.models import Itinerary
from itineraries.trips import services
from itineraries.trips.request import PlanRequest
from itineraries.trips.wording import stored_wire
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")
DATE = upcoming(5, 4)


def closed_on_first_day(slug: str) -> None:
    """The place keeps its hours but is shut on the weekday of the trip's first day."""
    place = Destination.objects.get(slug=slug)
    days = [d for i, d in enumerate(WEEKDAYS) if i != DATE.weekday()]
    place.opening_hours = [{"from": "01-01", "to": "12-31", "days": days, "open": "08:30", "close": "17:30"}]
    place.save()
    catalogue_version_bump()


@pytest.fixture
def planned(django_capture_on_commit_callbacks) -> Itinerary:
    closed_on_first_day("shuanglin-temple")
    request = PlanRequest(start="pingyao-ancient-city", days=2, date=DATE, must=("shuanglin-temple",))
    with django_capture_on_commit_callbacks(execute=True):
        row = services.itinerary_create(request=request)
    row.refresh_from_db()
    assert row.status == "done", row.error
    return row


def days_of(row: Itinerary) -> list[list[str]]:
    return [[s["slug"] for s in day["stops"]] for day in row.result["days"]]


def test_the_first_plan_is_version_one_of_a_trip_with_its_id(planned):
    assert (planned.trip_id, planned.version, planned.origin) == (planned.pk, 1, "planned")


def test_moving_a_place_to_a_day_it_is_closed_is_kept_and_says_why(planned):
    days = days_of(planned)
    assert "shuanglin-temple" in days[1]
    days[1].remove("shuanglin-temple")
    days[0].append("shuanglin-temple")
    edited = services.itinerary_edit(itinerary=planned, days=days)
    assert (edited.trip_id, edited.version, edited.origin, edited.status) == (planned.pk, 2, "edited", "done")
    assert days_of(edited) == days
    stop = next(s for s in stored_wire(edited.result)["days"][0]["stops"] if s["slug"] == "shuanglin-temple")
    assert "is closed on" in stop["problem"]["en"]
    assert "不开放" in stop["problem"]["zh"]
    assert any("shuanglin-temple" in v for v in edited.result["violations"])  # the engine's checker agrees
    assert edited.result["days"][1]["problems"] == []
    assert edited.result["changes"]["moved"] == ["shuanglin-temple"]


def test_an_edit_re_times_the_day_and_a_day_over_the_cap_says_so(planned):
    days = days_of(planned)
    everything = [slug for day in days for slug in day]
    far = [s for s in ("wangmangling", "huangcheng-xiangfu", "xiangyu-castle") if s not in everything]
    edited = services.itinerary_edit(itinerary=planned, days=[days[0] + far, days[1]])
    first = stored_wire(edited.result)["days"][0]
    assert [s["slug"] for s in first["stops"]] == days[0] + far
    assert first["drive_minutes"] > planned.result["days"][0]["drive_minutes"]
    assert any("at the wheel, over this trip's limit" in p["en"] for p in first["problems"])
    arrivals = [s["arrive"] for s in first["stops"]]
    assert arrivals == sorted(arrivals)


def test_optimising_a_day_keeps_its_places_and_the_other_days(planned, django_capture_on_commit_callbacks):
    days = days_of(planned)
    if len(days[0]) < 2:
        pytest.skip("the first day has one stop: nothing to re-order")
    shuffled = [list(reversed(days[0])), days[1]]
    edited = services.itinerary_edit(itinerary=planned, days=shuffled)
    with django_capture_on_commit_callbacks(execute=True):
        optimised = services.itinerary_optimise_day(itinerary=edited, day=1)
    optimised.refresh_from_db()
    assert (optimised.version, optimised.origin, optimised.status) == (3, "optimised", "done")
    after = days_of(optimised)
    assert sorted(after[0]) == sorted(days[0])
    assert after[1] == days[1]
    assert not optimised.result["days"][0].get("problems")
    if not edited.result["days"][0].get("problems"):  # else a shorter drive may only come from breaking a rule
        assert optimised.result["days"][0]["drive_minutes"] <= edited.result["days"][0]["drive_minutes"]


def test_restoring_an_earlier_version_makes_it_the_newest(planned):
    days = days_of(planned)
    edited = services.itinerary_edit(itinerary=planned, days=[days[0][:-1], days[1]] if days[0] else days)
    restored = services.itinerary_restore(trip=planned.trip, version=1)
    assert (restored.version, restored.origin) == (3, "restored")
    assert restored.result == planned.result
    assert edited.trip.versions.count() == 3


def test_an_edit_must_give_every_day_and_each_place_once(planned):
    from itineraries.trips.errors import InvalidRequest
    from itineraries.trips.wording import refusals_line

    days = days_of(planned)
    with pytest.raises(InvalidRequest) as short:
        services.itinerary_edit(itinerary=planned, days=days[:1])
    assert "Give all 2 days" in refusals_line(short.value)
    with pytest.raises(InvalidRequest) as twice:
        services.itinerary_edit(itinerary=planned, days=[days[0] + days[1][:1], days[1]])
    assert "only once" in refusals_line(twice.value)
    assert planned.trip.versions.count() == 1
