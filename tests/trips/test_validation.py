"""Where a trip request is validated: the domain's rules, whichever front end the input came from."""

import datetime as dt

import pytest
from django.utils import timezone

from itineraries.trips.errors import InvalidRequest
from itineraries.trips.request import PlanRequest
from itineraries.trips.validation import PlanInput, plan_input_from, plan_request_build, replan_places_check
from itineraries.trips.wording import refusals
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")
SOON = upcoming(5, 4)  # the tests of the rules about today itself (no date, a past date) use localdate()


def errors_of(given: PlanInput) -> dict[str, list[str]]:
    """The refused fields' messages as a page or the API words them (in English: the tests' language)."""
    with pytest.raises(InvalidRequest) as caught:
        plan_request_build(given=given)
    return dict(refusals(caught.value))


def test_a_plain_request_gets_the_defaults():
    request = plan_request_build(given=PlanInput(start="jincheng", days=2, date=SOON))
    assert request == PlanRequest(start="jincheng", days=2, date=SOON)


def test_no_date_means_tomorrow():
    request = plan_request_build(given=PlanInput(start="jincheng", days=1))
    assert request.date == timezone.localdate() + dt.timedelta(days=1)


def test_a_themed_route_fills_only_what_is_left_out():
    request = plan_request_build(given=PlanInput(route="follow-wukong", days=3, mode="ebike", date=SOON))
    assert request.start == "pingyao-ancient-city"
    assert request.days == 3
    assert request.mode == "ebike"
    assert request.must == ("shuanglin-temple", "zhenguo-temple", "pingyao-ancient-city")  # e-bike: no adds
    assert request.route == "follow-wukong"


def test_a_longer_trip_on_a_route_adds_its_promised_places():
    three, five = (plan_request_build(given=PlanInput(route="follow-wukong", days=n, date=SOON)) for n in (3, 5))
    assert three.must == ("shuanglin-temple", "zhenguo-temple", "pingyao-ancient-city")  # a day more in Pingyao
    assert five.must[-2:] == ("xiaoxitian", "chongqing-temple")


def test_every_wrong_field_is_named_at_once():
    errors = errors_of(
        PlanInput(
            start="atlantis",
            days=0,
            pace="frantic",
            mode="helicopter",
            interests=("karaoke",),
            must=("jincheng", "no-such-temple"),
            date=timezone.localdate() - dt.timedelta(days=1),
        )
    )
    assert set(errors) == {"start", "days", "pace", "mode", "interests", "must", "date"}
    assert errors["must"] == [
        "Jincheng is a town or a lodging, not a place to visit.",
        "Unknown place 'no-such-temple'.",
    ]
    assert all(m.endswith(".") and "This field" not in m for messages in errors.values() for m in messages)


def test_missing_start_and_days_without_a_route():
    assert set(errors_of(PlanInput())) == {"start", "days"}


def test_unknown_route_is_named():
    assert errors_of(PlanInput(route="atlantis")) == {"route": ["Unknown themed route 'atlantis'."]}


def test_a_place_both_wanted_and_avoided_is_refused():
    errors = errors_of(PlanInput(start="jincheng", days=2, must=("wangmangling",), avoid=("wangmangling",)))
    assert errors == {"avoid": ["Wangmangling Scenic Area is also a must-see."]}


def test_a_must_see_out_of_reach_names_mode_and_days():
    errors = errors_of(PlanInput(start="jincheng", days=1, mode="bicycle", must=("yingxian-wooden-pagoda",)))
    assert "cannot be reached by bicycle" in errors["must"][0]


def test_an_accepted_request_validates_again_as_input():
    request = plan_request_build(given=PlanInput(start="pingyao-ancient-city", days=2, date=SOON, seed=4))
    assert plan_request_build(given=plan_input_from(request)) == request


def test_replan_places_are_known_sights_listed_once():
    assert replan_places_check(pins=["zhenguo-temple", "zhenguo-temple"], drops=[]) == (("zhenguo-temple",), ())
    with pytest.raises(InvalidRequest) as caught:
        replan_places_check(pins=["zhenguo-temple"], drops=["zhenguo-temple", "taiyuan"])
    assert set(caught.value.errors) == {"drops"}
