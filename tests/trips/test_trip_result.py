"""A finished plan's TripResult: every row reads back as the JSON it was stored as, and rows of older shapes are
upgraded with the defaults trips/result_shapes.py documents."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from pathlib import Path

import pytest

from itineraries.trips.result_shapes import version_of
from itineraries.trips.trip_result import SCHEMA_VERSION, TripResult
from itineraries.trips.wording import result_wire, stored_wire
from tests.golden.test_golden_plans import APP_TRIPS, app_request

# A 3-day plan as main stored it at 2c3432a (manage.py plan --json), the last untagged shape (9), whose words
# are those of the wire.
STORED = json.loads((Path(__file__).parent / "data" / "result-main-2c3432a.json").read_text(encoding="utf-8"))

# What each shape added (trips/result_shapes.py): where in the row, and the field.
ADDED = {
    2: [("day", "season_note")],
    3: [("trip", "advice"), ("trip", "changes"), ("trip", "drive_cap_minutes"), ("day", "drive_cap_minutes")],
    4: [("day", "lunch")],
    5: [("stop", "hours_estimated"), ("stop", "ticket_estimated")],
    6: [("day", "sunset")],
    7: [("lunch", "before")],
    8: [("leg", "on_foot")],
    9: [("day", "rest")],
    10: [],  # codes instead of words: the wire is the same
}
# What a row without the field reads as; None: absent on the wire. Sunset is computed again, so it is as stored.
DEFAULTS = {
    "season_note": None,
    "advice": [],
    "changes": None,
    "lunch": None,
    "hours_estimated": False,
    "ticket_estimated": False,
    "before": None,
    "on_foot": False,
    "rest": False,
}


def _parts(row: dict, where: str) -> list[dict]:
    days = row["days"]
    return {
        "trip": [row],
        "day": days,
        "stop": [s for d in days for s in d["stops"]],
        "leg": [leg for d in days for leg in d["legs"]],
        "lunch": [d["lunch"] for d in days if d.get("lunch")],
    }[where]


def _shape(version: int) -> dict:
    """STORED as a row of ``version`` would hold it: without what later versions added."""
    row = copy.deepcopy(STORED)
    for later in range(version + 1, SCHEMA_VERSION + 1):
        for where, name in ADDED[later]:
            for part in _parts(row, where):
                del part[name]
    return row


def _upgraded(version: int) -> dict:
    """What the row of ``version`` reads as on the wire: STORED with each field it lacked at its default."""
    row = copy.deepcopy(STORED)
    for later in range(version + 1, SCHEMA_VERSION + 1):
        for where, name in ADDED[later]:
            for part in _parts(row, where):
                if name == "drive_cap_minutes":
                    del part[name]  # never recorded: absent, as it always was
                elif name != "sunset":
                    part[name] = copy.deepcopy(DEFAULTS[name])
    return row


def test_a_row_stored_before_the_typed_result_reads_back_as_it_was():
    assert version_of(STORED) == 9
    assert result_wire(TripResult.from_stored(STORED)) == STORED


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_the_api_s_shortcut_answers_what_the_types_write(version):
    for row in (_shape(version), {**_shape(version), "schema_version": version}):
        assert stored_wire(row) == result_wire(TripResult.from_stored(row))


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_a_row_of_an_older_shape_reads_with_the_documented_defaults(version):
    old = _shape(version)
    kept = copy.deepcopy(old)
    assert version_of(old) == version
    result = TripResult.from_stored(old)
    assert result_wire(result) == _upgraded(version)
    assert old == kept  # the stored row is not changed by reading it
    if version < 3:
        assert result.drive_cap_minutes is None
        assert {day.drive_cap_minutes for day in result.days} == {None}


def test_sunset_is_computed_again_for_rows_that_lack_it():
    result = TripResult.from_stored(_shape(5))
    assert [day.sunset.isoformat() for day in result.days] == [day["sunset"] for day in STORED["days"]]


def test_a_copied_trip_without_changes_reads_as_not_a_replan():
    copied = {k: v for k, v in STORED.items() if k != "changes"}
    assert TripResult.from_stored(copied).changes is None
    assert result_wire(TripResult.from_stored(copied)) == STORED


def test_a_row_of_the_typed_result_says_its_version_and_the_wire_does_not():
    result = TripResult.from_stored(STORED)
    stored = result.to_stored()
    assert stored["schema_version"] == SCHEMA_VERSION
    assert version_of(stored) == SCHEMA_VERSION
    assert "schema_version" not in result_wire(TripResult.from_stored(stored))
    assert TripResult.from_stored(stored) == result


def test_an_untouched_plan_has_no_hand_edit_fields_on_the_wire():
    wire = result_wire(TripResult.from_stored(STORED))
    assert not {"edited", "violations"} & set(wire)
    assert not any("problems" in day for day in wire["days"])
    assert not any("problem" in stop for day in wire["days"] for stop in day["stops"])


@pytest.mark.parametrize("name", sorted(APP_TRIPS))
def test_every_golden_plan_reads_back_from_its_row_as_it_was_made(catalogue, monkeypatch, name):
    from itineraries.trips.compute import plan_make
    from itineraries.trips.models import Itinerary

    request = app_request(name, monkeypatch)
    result = plan_make(request=request, solver_seconds=1.0)
    wire = result_wire(result)
    assert json.loads(json.dumps(wire)) == wire  # plain JSON, as a row keeps it
    before = Itinerary.objects.new_trip(request=request.to_json(), status="done", result=wire)  # untagged, as before
    now = Itinerary.objects.new_trip(request=request.to_json(), status="done", result=result.to_stored())
    before.refresh_from_db()
    now.refresh_from_db()
    assert result_wire(TripResult.from_stored(before.result)) == wire
    assert result_wire(now.trip_result) == wire
    assert now.trip_result == result


def test_a_hand_edited_plan_carries_its_problems_and_reads_back(catalogue):
    from itineraries.trips.compute import plan_make
    from itineraries.trips.editing import plan_as_given
    from itineraries.trips.request import PlanRequest
    from tests.dates import upcoming

    request = PlanRequest(start="pingyao-ancient-city", days=2, date=upcoming(5, 4))
    planned = plan_make(request=request, solver_seconds=1.0)
    days = [[s.slug for s in day.stops] for day in planned.days]
    swapped = [list(reversed(days[0])), days[1]]
    edited = plan_as_given(
        request=replace(
            request,
            previous=tuple(tuple(day) for day in swapped),
            previous_nights=tuple(day.end.slug for day in planned.days),
            as_given=True,
        ),
        before=days,
    )
    wire = result_wire(edited)
    assert wire["edited"] is True
    assert isinstance(wire["violations"], list)
    assert all(isinstance(day["problems"], list) for day in wire["days"])
    assert all("problem" in stop for day in wire["days"] for stop in day["stops"])
    assert edited.changes is not None
    assert set(edited.changes.kept) == {slug for day in days for slug in day}
    assert result_wire(TripResult.from_stored(wire)) == wire
    assert TripResult.from_stored(edited.to_stored()) == edited
