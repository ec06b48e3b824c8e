"""Re-plans as commands: which command a request carries, and every solve of one request sharing one time
budget and reporting progress, the running row's heartbeat."""

from __future__ import annotations

import itertools
import time

import pytest

from itineraries.trips import selectors
from itineraries.trips.compute import plan_make
from itineraries.trips.replans import DropPlaces, FreshPlan, PinPlaces, ReorderDay, command_for
from itineraries.trips.request import PlanRequest
from itineraries.trips.wording import result_wire
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")
HEARTBEAT_SECONDS = 5.0  # the sweeper takes over a row whose heartbeat is older than PLAN_STALE_SECONDS


@pytest.fixture
def fortnight():
    """A 14-day trip from Taiyuan in spring, its days and nights."""
    request = PlanRequest(start="taiyuan", days=14, date=upcoming(5, 4), pace="normal")
    result = result_wire(plan_make(request=request, solver_seconds=4))
    days = [[s["slug"] for s in day["stops"]] for day in result["days"]]
    return request, days, [day["end"]["slug"] for day in result["days"]]


def _changed(fortnight, **changes) -> PlanRequest:
    request, days, nights = fortnight
    return request.with_changes(previous=days, nights=nights, **{"pins": [], "drops": [], **changes})


def _command(request: PlanRequest):
    return command_for(selectors.problem_for_request(request))


def test_each_request_carries_one_command(fortnight):
    request, days, _ = fortnight
    assert _command(request) == FreshPlan()
    dropped = days[6][0]
    assert _command(_changed(fortnight, drops=[dropped])) == DropPlaces(frozenset())
    assert _command(_changed(fortnight, drops=[dropped], keep_days=(1, 14))) == DropPlaces(frozenset({0, 13}))
    assert _command(_changed(fortnight, pins=["yungang-grottoes"])) == PinPlaces(frozenset())
    assert _command(_changed(fortnight, pins=[days[3][0]])) == DropPlaces(frozenset())  # already in: nothing new
    reorder = _changed(fortnight)
    reorder = PlanRequest.from_json({**reorder.to_json(), "reorder_day": 3})
    assert _command(reorder) == ReorderDay(2)
    assert command_for(selectors.problem_for_request(reorder), reorder=False) == DropPlaces(frozenset())


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"drops": "day 7"}, id="drop"),
        pytest.param({"drops": "day 7", "keep_days": (1, 2, 14)}, id="drop-keeping-days"),
        pytest.param({"pins": ["yungang-grottoes"]}, id="pin"),
    ],
)
def test_a_fourteen_day_replan_beats_while_it_solves(fortnight, changes):
    _, days, _ = fortnight
    if changes.get("drops") == "day 7":
        changes = {**changes, "drops": [days[6][0]]}
    beats: list[tuple[float, float]] = []
    started = time.monotonic()
    result = result_wire(
        plan_make(
            request=_changed(fortnight, **changes),
            solver_seconds=4,
            progress=lambda fraction, _plan: beats.append((time.monotonic(), fraction)),
        )
    )
    finished = time.monotonic()
    moments = [started, *(moment for moment, _ in beats), finished]
    assert beats, "a re-plan reports progress"
    assert max(b - a for a, b in itertools.pairwise(moments)) < HEARTBEAT_SECONDS
    assert all(0 <= fraction < 1 for _, fraction in beats)  # 100 % is for the stored result
    assert [f for _, f in beats] == sorted(f for _, f in beats)  # one budget: progress never goes back
    for slug in changes.get("drops", []):
        assert all(slug not in [s["slug"] for s in day["stops"]] for day in result["days"])
    for slug in changes.get("pins", []):
        assert any(slug in [s["slug"] for s in day["stops"]] for day in result["days"])
